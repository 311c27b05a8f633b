import ArgumentParser
import AtelierContent
import AtelierEngine
import AtelierReportPage
import AtelierStore
import AtelierSync
import AtelierText
import Foundation

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "The facilitator's view of participants' progress: export, report, erase, prune.",
        subcommands: [Export.self, Report.self, Erase.self, Prune.self]
    )

    static func open(_ data: DataOptions) throws -> ProgressStore {
        do {
            return try ProgressStore(path: data.path)
        } catch {
            StandardStreams.writeError("atelier progress: \(TerminalText.line(error.description))\n")
            throw ExitCode(2)
        }
    }

    /// `--from postgres://…` and `--site`: the coordinators' view of every site, read from the shared server.
    struct ServerSource: ParsableArguments {
        @Option(name: .customLong("from"), help: "Read every site's records from this PostgreSQL server instead of the data file.")
        var url: String?
        @Option(help: "With --from: only this site.") var site: String?

        func validate() throws {
            if site != nil && url == nil { throw ValidationError("--site goes with --from postgres://…") }
        }

        /// `body` with the server connected (closed afterwards), or nil when the data file is the source.
        func with<T>(_ command: String, _ body: (ServerConnection) async throws(SyncError) -> T) async throws -> T? {
            guard let url else { return nil }
            do throws(SyncError) {
                return try await ServerConnection.with(try PostgresAddress(url), body)
            } catch {
                throw SyncCommand.fail(command, error)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export",
            abstract: "Every answer (lessons and quizzes), as CSV for spreadsheets or as JSON; with --from, of every site.")

        @OptionGroup var data: DataOptions
        @OptionGroup var server: ServerSource
        @Option(help: "csv or json.") var format: ExportFormat = .csv
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "Only this group quiz's answers: the session the quiz host's projector shows (séance quiz-…).")
        var session: String?

        enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

        func validate() throws {
            if session != nil, server.url != nil { throw ValidationError("--session reads this machine's data file: leave out --from") }
        }

        func run() async throws {
            let site = server.site
            let rows = try await server.with("progress export") { connection throws(SyncError) in
                try await ServerReports.exportRows(site: site, connection)
            } ?? ProgressCommand.open(data).exportRows(session: session)
            if let session, rows.isEmpty {
                StandardStreams.writeError("atelier progress export: no quiz answer in session '\(TerminalText.line(session))' (the projector shows the id in its title row)\n")
            }
            let bytes: Data
            switch format {
            case .csv: bytes = CSVWriter.write(rows, sites: server.url != nil)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                bytes = try encoder.encode(rows) + Data("\n".utf8)
            }
            if let out {
                try bytes.write(to: URL(fileURLWithPath: out), options: .atomic)
                StandardStreams.writeError("wrote \(rows.count) rows to \(out)\n")
            } else {
                StandardStreams.write(Array(bytes))
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report",
            abstract: "Per question of a module: who got it right, overall and per language, and the most missed choices.",
            discussion: """
                With --from postgres://…: every site together, then each site (or only --site).
                With --html FILE: one self-contained page with charts and tables (every module, or only MODULE), in French \
                or in --lang L; numbers of 1 to 4 people are written "< 5".
                """)

        @OptionGroup var data: DataOptions
        @OptionGroup var content: ContentOptions
        @OptionGroup var server: ServerSource
        @Argument(help: "The module id (optional with --html: every module by default).") var module: String?
        @Option(help: "Columns to wrap to (default: the terminal's width; 80 when the output is not a terminal).") var width: Int?
        @Option(help: "Write the report as one HTML page to this file (charts and tables, readable offline, printable on A4).")
        var html: String?
        @Option(help: "With --html: the page's language (default: fr).") var lang: String?

        func validate() throws {
            if html == nil, module == nil { throw ValidationError("give the module id (or --html FILE for every module)") }
            if html == nil, lang != nil { throw ValidationError("--lang goes with --html FILE") }
        }

        func run() async throws {
            if let html { return try await page(to: html) }
            guard let module else { return }
            let path = content.repository.modulePath(module)
            // With the facts, so that a question reads "3 types", not "{fact.…} types", as on the kiosk and the page.
            let loaded = ModuleLoader.load(path: path, facts: FactTable.load(lessonsFolder: content.repository.lessons).0)
            guard let lesson = loaded.module else {
                StandardStreams.writeError(loaded.diagnostics.map { TerminalText.line($0.description) }.joined(separator: "\n") + "\n")
                throw ExitCode(1)
            }
            // The terminal's width at the time of the command: a facilitator's wide window shows more per line.
            let width = max(40, width ?? TerminalSize.current.width)
            let site = server.site
            let text = try await server.with("progress report") { connection throws(SyncError) in
                if let site {
                    return "site \(TerminalText.line(site))\n"
                        + Self.text(try await ServerReports.report(for: lesson, site: site, connection), width: width)
                }
                let sites = try await ServerReports.sites(connection)
                var text = "all sites (\(sites.count))\n"
                    + Self.text(try await ServerReports.report(for: lesson, site: nil, connection), width: width)
                for site in sites {
                    text += "\n" + String(repeating: "─", count: min(width, 40)) + "\nsite \(TerminalText.line(site))\n"
                    text += Self.text(try await ServerReports.report(for: lesson, site: site, connection), width: width)
                }
                return text
            } ?? (try local(lesson))
            StandardStreams.write(Array(text.utf8))
        }

        /// This kiosk's report, and the profiles whose sign-ins fail on wrong PINs (no pseudonym: how many).
        func local(_ lesson: Module) throws -> String {
            let store = try ProgressCommand.open(data)
            let width = max(40, width ?? TerminalSize.current.width)
            var text = Self.text(try store.report(for: lesson), width: width)
            let wrong = try store.wrongPINs()
            if wrong.profiles > 0 {
                text += "\n" + ProgressReport.wrap("\(wrong.profiles) profile\(wrong.profiles == 1 ? "" : "s") with wrong PINs since the last sign-in "
                    + "(at most \(wrong.longestRun) in a row): a participant may have forgotten their PIN, or someone is "
                    + "trying other people's profiles. Each wrong PIN after \(ProgressStore.freeWrongPINs) makes the next try wait longer (up to 15 minutes).",
                    width: width, indent: "")
            }
            return text
        }

        static func text(_ report: ProgressReport, width: Int) -> String { report.text(width: width) }

        /// `--html FILE`: the page from the export's rows, read from the data file or from the server (same value).
        func page(to file: String) async throws {
            let repository = content.repository
            let (registry, _) = ContentPaths.registry(localesDirectory: repository.locales)
            let code = lang ?? "fr"
            guard registry.language(code) != nil else {
                throw ValidationError("unknown language '\(code)': the page exists in \(registry.languages.map(\.code).joined(separator: ", "))")
            }
            let language = registry.resolve(code)
            let strings = InterfaceStrings.load(locales: repository.locales, language: language)
            var modules: [Module] = []
            if let module {
                // With the facts, so that a prompt says "3 types", not "{fact.…} types", as the kiosk does.
                let loaded = ModuleLoader.load(path: repository.modulePath(module),
                                               facts: FactTable.load(lessonsFolder: repository.lessons).0)
                guard let lesson = loaded.module else {
                    StandardStreams.writeError(loaded.diagnostics.map { TerminalText.line($0.description) }.joined(separator: "\n") + "\n")
                    throw ExitCode(1)
                }
                modules = [lesson]
            } else {
                // The kiosk's own rule: the modules it would offer, in its order.
                modules = KioskContent.loadModules(repository).map(\.module)
            }
            let site = server.site
            let fetched = try await server.with("progress report") { connection throws(SyncError) in
                (try await ServerReports.exportRows(site: site, connection), try await ServerReports.erasureDays(site: site, connection))
            }
            var overview: ProgressOverview
            if let (rows, erasures) = fetched {
                overview = ProgressOverview(rows: rows, modules: modules)
                overview.erasures = erasures
            } else {
                let store = try ProgressCommand.open(data)
                overview = ProgressOverview(rows: try store.exportRows(), modules: modules)
                overview.erasures = try store.erasureDays()
            }
            let scope = server.url == nil ? strings.text("report.scope.kiosk")
                : site.map { strings.text("report.scope.site", ["site": .string($0)]) } ?? strings.text("report.scope.all")
            let page = ProgressPage(overview: overview, strings: strings, scope: scope,
                                    day: ProgressStore.iso8601(Instant.now.milliseconds).prefix(10).description,
                                    languageName: { registry.resolve($0).endonym })
            try Data(page.html.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            StandardStreams.writeError("wrote the report to \(TerminalText.line(file))\n")
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "erase",
            abstract: "Erase a participant: every row about them, then the data file rewritten so nothing remains in it.")

        @OptionGroup var data: DataOptions
        @Argument(help: "Their pseudonym (case and accents do not matter).") var participant: String

        func run() throws {
            let store = try ProgressCommand.open(data)
            guard try store.erase(pseudonym: participant) else {
                StandardStreams.writeError("atelier progress erase: no participant with that pseudonym\n")
                throw ExitCode(1)
            }
            StandardStreams.writeError("erased, and the data file rewritten\n")
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Erase participants not seen for a number of days.")

        @OptionGroup var data: DataOptions
        @Option(name: .customLong("older-than"), help: "Days since the participant was last seen.") var days: Int

        func validate() throws {
            guard days >= 1 else { throw ValidationError("--older-than must be at least 1 day") }
        }

        func run() throws {
            let count = try ProgressCommand.open(data).prune(olderThan: days, at: .now)
            StandardStreams.writeError("erased \(count) participant\(count == 1 ? "" : "s") not seen for \(days) days\n")
        }
    }
}

extension Instant {
    /// The system clock, read only here in the shell.
    static var now: Instant { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }
}

