import ArgumentParser
import AtelierContent
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check every lesson, translation and interface file; exit 1 on any error.",
        discussion: "Diagnostics are printed as path:line:column: error|warning: message, all of them, sorted."
    )

    @OptionGroup var content: ContentOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Check again each time a lesson, translation or interface file is saved, printing only what changed (Ctrl-C stops).")
    var watch = false

    func run() throws {
        if watch { return try watchContent() }
        let report = ContentLinter.run(content.repository, today: .today)
        let diagnostics = (report.diagnostics + SoundLint.diagnostics(report, repository: content.repository)).sorted {
            ($0.location, $0.message) < ($1.location, $1.message)
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        switch format {
        case .text:
            var out = diagnostics.map { TerminalText.line($0.description) }.joined(separator: "\n")
            if !out.isEmpty { out += "\n" }
            out += "\(errors) error\(errors == 1 ? "" : "s"), "
                + "\(report.warningCount) warning\(report.warningCount == 1 ? "" : "s") in \(report.modules.count) modules "
                + "and \(report.registry.languages.count) languages\n"
            StandardStreams.write(Array(out.utf8))
        case .json:
            let diagnostics = diagnostics.map { d in
                JSONDiagnostic(file: d.location.path, line: d.location.line, column: d.location.column,
                               severity: d.severity.rawValue, code: d.code, message: d.message)
            }
            try StandardStreams.writeJSON(JSONLint(errors: errors, warnings: report.warningCount,
                                                   diagnostics: diagnostics))
        }
        if errors > 0 { throw ExitCode(1) }
    }

    /// `--watch`: everything once, then at each save the problems that appeared (+) and those fixed (-).
    func watchContent() throws {
        guard format == .text else { throw ValidationError("--watch prints text only") }
        guard let watcher = ContentWatcher(repository: content.repository) else {
            throw ValidationError("cannot watch the content folders (inotify is not available)")
        }
        var shown: [String] = []
        var first = true
        while true {
            let report = ContentLinter.run(content.repository, today: .today)
            let all = report.diagnostics + SoundLint.diagnostics(report, repository: content.repository)
            let errors = all.filter { $0.severity == .error }.count
            let now = all.map { TerminalText.line($0.description) }
            var out = ""
            if first {
                out = now.map { $0 + "\n" }.joined()
            } else {
                let before = Set(shown), after = Set(now)
                out += shown.filter { !after.contains($0) }.map { "- fixed: \($0)\n" }.joined()
                out += now.filter { !before.contains($0) }.map { "+ \($0)\n" }.joined()
            }
            if first || !out.isEmpty {
                out += "\(errors) error\(errors == 1 ? "" : "s"), "
                    + "\(report.warningCount) warning\(report.warningCount == 1 ? "" : "s") in \(report.modules.count) modules "
                    + "and \(report.registry.languages.count) languages; watching for changes (Ctrl-C stops)\n"
                StandardStreams.write(Array(out.utf8))
            }
            shown = now
            first = false
            watcher.waitForChange()
        }
    }

    struct JSONDiagnostic: Encodable {
        let file: String
        let line: Int
        let column: Int
        let severity: String
        let code: String
        let message: String
    }

    struct JSONLint: Encodable {
        let errors: Int
        let warnings: Int
        let diagnostics: [JSONDiagnostic]
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--lessons` and `--locales`, with the defaults of the design brief.
struct ContentOptions: ParsableArguments {
    @Option(help: "Folder of the lesson modules (default: ./Lessons).")
    var lessons: String?

    @Option(help: "Folder of the languages registry and interface strings (default: ./Locales).")
    var locales: String?

    var repository: ContentRepository {
        ContentRepository(lessons: ContentPaths.lessons(lessons), locales: ContentPaths.locales(locales))
    }
}

extension CalendarDate {
    /// Today in UTC, from the system clock: only the shell reads the clock.
    static var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDate(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}
