import AtelierContent
import Foundation

/// `atelier lint` on a generated corpus of 200 modules x 40 steps x 12 languages, against GNU
/// `msgfmt --check` over the same PO files.
enum LintBenchmark {
    static let languages = ["en", "ar", "prs", "ps", "ti", "bn", "ta", "uk", "ru", "es", "pt", "zh"]

    static func run(modules: Int, runs: Int, atelier: String, scratch: String) throws -> [Figure] {
        let root = scratch + "/lint-corpus"
        try generate(root: root, modules: modules)
        var lintSeconds: [Double] = []
        var lintMemory: [Double] = []
        for _ in 0..<runs {
            let (seconds, peak) = try Stopwatch.process(atelier, ["lint", "--lessons", root + "/Lessons", "--locales", root + "/Locales"],
                                                        inputPath: nil)
            lintSeconds.append(seconds)
            lintMemory.append(peak)
        }
        // msgfmt checks one file per process, as translators' tools run it: the same 2,400 files.
        let files = (0..<modules).flatMap { m in languages.map { "\(root)/Lessons/m\(m)/\($0).po" } }
        var msgfmtSeconds: [Double] = []
        for _ in 0..<max(1, runs / 2) {
            var total = 0.0
            for file in files {
                total += try Stopwatch.process("/usr/bin/msgfmt", ["--check", "-o", "/dev/null", file], inputPath: nil).seconds
            }
            msgfmtSeconds.append(total)
        }
        let command = "make bench   (or: swift build -c release && .build/release/atelier-bench full)"
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        return [
            Figure(name: "atelier lint, \(modules) modules x 40 steps x 12 languages", unit: "s", samples: lintSeconds,
                   goal: .atMost(2), reproduce: command),
            Figure(name: "atelier lint peak memory", unit: "MB", samples: lintMemory, goal: .atMost(300), reproduce: command),
            Figure(name: "msgfmt --check over the same \(files.count) PO files", unit: "s", samples: msgfmtSeconds, goal: nil,
                   reproduce: command),
            Figure(name: "atelier lint / msgfmt --check (time ratio)", unit: "x", samples: [median(lintSeconds) / median(msgfmtSeconds)],
                   goal: nil, reproduce: command),
        ]
    }

    /// Modules of 40 steps (texts, choices, true/false, inputs in turn) and 12 complete translations each.
    static func generate(root: String, modules: Int) throws {
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root + "/Locales", withIntermediateDirectories: true)
        let registry = "languages:\n  - code: fr\n    status: source\n" + languages.map { "  - code: \($0)\n" }.joined()
        try registry.write(toFile: root + "/Locales/languages.yaml", atomically: true, encoding: .utf8)
        for m in 0..<modules {
            let folder = "\(root)/Lessons/m\(m)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var yaml = """
            id: m\(m)
            version: 1
            title: "Module \(m) : la préfecture et la CAF"
            summary: "Un module généré pour mesurer le temps de lint."
            minutes: 20
            level: A2
            sources: [{title: "Source", url: "https://example.org", checked: 2026-11-20}]
            glossary:
              CAF: "Caisse d'allocations familiales."
            steps:

            """
            for s in 0..<40 {
                switch s % 4 {
                case 0:
                    yaml += "  - id: s\(s)\n    type: text\n    body: \"Étape \(s) : la CAF verse des aides. Gardez une copie de vos papiers.\"\n    glossary: [CAF]\n"
                case 1:
                    yaml += """
                      - id: s\(s)
                        type: choice
                        prompt: "Qui verse les aides ? (\(s))"
                        choices:
                          - {id: caf, text: "La CAF", feedback: "Oui."}
                          - {id: bank, text: "La banque", feedback: "Non."}
                        answer: caf
                        hint: "Une caisse."
                        explanation: "C'est la CAF."

                    """
                case 2:
                    yaml += "  - id: s\(s)\n    type: truefalse\n    statement: \"Le dépôt est gratuit (\(s)).\"\n    answer: true\n    explanation: \"Oui, c'est gratuit.\"\n"
                default:
                    yaml += "  - id: s\(s)\n    type: input\n    prompt: \"Le papier de la préfecture ? (\(s))\"\n    accept: [\"récépissé\"]\n    typos: true\n"
                }
            }
            try yaml.write(toFile: folder + "/module.yaml", atomically: true, encoding: .utf8)
            let loaded = ModuleLoader.load(path: folder + "/module.yaml")
            for language in languages {
                var file = TranslationWorkflow.merge(POFile(), units: loaded.texts, project: "m\(m)", language: language,
                                                     date: CalendarDate(year: 2026, month: 11, day: 29)!)
                for index in file.entries.indices {
                    let source = file.entries[index].id
                    file.entries[index].strings = [source.contains("CAF") ? "[\(language)] CAF " + source : "[\(language)] " + source]
                }
                try POWriter.write(file).write(toFile: "\(folder)/\(language).po", atomically: true, encoding: .utf8)
            }
        }
    }
}
