import ArgumentParser
import AtelierContent
import AtelierSpeech
import AtelierText
import Foundation

struct TranslationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "The translators' workflow: status, extract, update.",
        subcommands: [Status.self, Extract.self, Update.self]
    )

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status",
            abstract: "Coverage per module and language: translated, fuzzy, stale, missing, and review status.")

        @OptionGroup var content: ContentOptions
        @Option(help: "Only this language.") var lang: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let report = ContentLinter.run(content.repository, today: .today)
            let languages = report.registry.languages.filter { $0.status != .source && (lang == nil || $0.code == lang) }
            if let lang, languages.isEmpty { throw ValidationError("'\(lang)' is not a translated language of Locales/languages.yaml") }
            let columns = report.modules.map(\.id) + (report.status[ContentReport.interface] != nil ? [ContentReport.interface] : [])
            switch format {
            case .json:
                let rows = languages.map { language in
                    JSONLanguage(code: language.code, endonym: language.endonym, review: language.status.rawValue,
                                 modules: Dictionary(uniqueKeysWithValues: columns.map { column in
                                     let counts = report.status[column]?[language.code] ?? TranslationCounts()
                                     return (column, JSONCounts(counts))
                                 }),
                                 voice: SpeechVoice.espeakLanguage(for: language.code),
                                 recorded: Self.recorded(language.code, report), texts: Self.lessonTexts(report))
                }
                try StandardStreams.writeJSON(rows)
            case .text:
                StandardStreams.write(Array(table(languages: languages, columns: columns, report: report).utf8))
            }
        }

        func table(languages: [LanguageInfo], columns: [String], report: ContentReport) -> String {
            var out = "Translated share of each module, per language (f: fuzzy, s: stale, m: missing texts)\n\n"
            let width = max(14, (columns.map(\.count).max() ?? 0) + 2)
            out += "lang  review    " + columns.map { $0.padding(toLength: width, withPad: " ", startingAt: 0) }.joined() + "\n"
            for language in languages {
                var line = language.code.padding(toLength: 6, withPad: " ", startingAt: 0)
                line += language.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                for column in columns {
                    let counts = report.status[column]?[language.code] ?? TranslationCounts()
                    var cell = "\(counts.percent)%"
                    if counts.fuzzy > 0 { cell += " f\(counts.fuzzy)" }
                    if counts.stale > 0 { cell += " s\(counts.stale)" }
                    if counts.missing > 0 && counts.percent < 100 { cell += " m\(counts.missing)" }
                    line += cell.padding(toLength: width, withPad: " ", startingAt: 0)
                }
                out += line + TerminalText.line(language.endonym) + "\n"
            }
            // Sound: which voice reads the language, and how many lesson texts a person recorded in it.
            out += "\nRead aloud (voice: eSpeak NG's, none: read in French; recorded: lesson texts with a person's recording)\n\n"
            out += "lang  voice   recorded\n"
            let total = Self.lessonTexts(report)
            for language in languages {
                let voice = SpeechVoice.espeakLanguage(for: language.code) ?? "none"
                out += language.code.padding(toLength: 6, withPad: " ", startingAt: 0)
                    + voice.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + "\(Self.recorded(language.code, report)) of \(total)\n"
            }
            return out
        }

        /// The lesson texts a recording can read (accepted answers are never read aloud).
        static func lessonTexts(_ report: ContentReport) -> Int {
            report.modules.reduce(0) { sum, module in sum + (report.texts[module.id] ?? []).filter { !$0.context.hasSuffix("/accept") }.count }
        }

        static func recorded(_ code: String, _ report: ContentReport) -> Int {
            report.recordings.values.reduce(0) { $0 + ($1[code] ?? 0) }
        }

        struct JSONCounts: Encodable {
            let translated, fuzzy, stale, missing, total, percent: Int
            init(_ c: TranslationCounts) {
                translated = c.translated
                fuzzy = c.fuzzy
                stale = c.stale
                missing = c.missing
                total = c.total
                percent = c.percent
            }
        }

        struct JSONLanguage: Encodable {
            let code, endonym, review: String
            let modules: [String: JSONCounts]
            /// eSpeak NG's voice for the language, or null when none reads it.
            let voice: String?
            let recorded, texts: Int
        }
    }

    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extract",
            abstract: "Write POT templates: one per module and one for the interface.")

        @OptionGroup var content: ContentOptions
        @Option(help: "Folder to write the templates to.") var out: String

        func run() throws {
            let report = ContentLinter.run(content.repository, today: .today)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, units) in report.texts.sorted(by: { $0.key < $1.key }) {
                let version = report.modules.first { $0.id == name }.map { " \($0.version)" } ?? ""
                let template = TranslationWorkflow.template(project: "atelier \(name)\(version)", units: units,
                                                            date: .today)
                let path = "\(out)/\(name).pot"
                try POWriter.write(template).write(toFile: path, atomically: true, encoding: .utf8)
                StandardStreams.write(Array("wrote \(path) (\(units.count) texts)\n".utf8))
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update",
            abstract: "Bring every translation file up to date with the French (msgmerge semantics).",
            discussion: """
            Works as GNU msgmerge --previous: a text whose French is unchanged keeps its translation; a changed or \
            moved text takes the translation of the most similar old one (above 60 %), marked fuzzy with the old \
            French as #| msgid; new texts come empty; translations no text uses become obsolete (#~). Every entry \
            says where its French comes from (#: module.yaml:LINE). Creates the file of a registry language that \
            has none yet, and says which files it created and which it updated.
            """)

        @OptionGroup var content: ContentOptions

        func run() throws {
            let repository = content.repository
            let report = ContentLinter.run(repository, today: .today)
            let languages = report.registry.languages.filter { $0.status != .source }
            var created = 0, updated = 0
            for (name, units) in report.texts.sorted(by: { $0.key < $1.key }) {
                let module = report.modules.first { $0.id == name }
                for language in languages {
                    let path = module == nil ? repository.interfacePath(language: language.code)
                        : repository.translationPath(module: name, language: language.code)
                    let existingText = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
                    var existing = POFile()
                    if let existingText {
                        let (file, problems) = POReader.read(existingText, path: path)
                        guard !problems.contains(where: { $0.severity == .error }) else {
                            StandardStreams.writeError(problems.map { TerminalText.line($0.description) }.joined(separator: "\n") + "\n")
                            StandardStreams.writeError("skipped \(path): fix it first\n")
                            continue
                        }
                        existing = file
                    }
                    let project = "atelier \(name)" + (module.map { " \($0.version)" } ?? "")
                    let merged = POWriter.write(TranslationWorkflow.merge(existing, units: units, project: project,
                                                                           language: language.code, date: .today))
                    if merged != existingText {
                        try merged.write(toFile: path, atomically: true, encoding: .utf8)
                        StandardStreams.write(Array("\(existingText == nil ? "created" : "updated") \(TerminalText.line(path))\n".utf8))
                        if existingText == nil { created += 1 } else { updated += 1 }
                    }
                }
            }
            StandardStreams.write(Array("\(created) file\(created == 1 ? "" : "s") created, \(updated) updated\n".utf8))
        }
    }
}
