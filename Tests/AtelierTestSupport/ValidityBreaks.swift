import Foundation

/// Content broken one way at a time, for the tests that check one validity rule in every loader (issue #20):
/// the worked example of docs/lesson-format.md, its facts, and the breaks.
public enum ValidityBreaks {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The worked example of docs/lesson-format.md and its facts: a valid module to break one way at a time.
    public static func example() throws -> (module: String, facts: String) {
        let doc = try String(contentsOf: root.appendingPathComponent("docs/lesson-format.md"), encoding: .utf8)
        guard let start = doc.range(of: "```yaml\n"),
              let end = doc.range(of: "\n```", range: start.upperBound..<doc.endIndex),
              let factsStart = doc.range(of: "```yaml\nfacts:", range: end.upperBound..<doc.endIndex),
              let factsEnd = doc.range(of: "\n```", range: factsStart.upperBound..<doc.endIndex) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return (String(doc[start.upperBound..<end.lowerBound]) + "\n",
                "facts:" + String(doc[factsStart.upperBound..<factsEnd.lowerBound]) + "\n")
    }

    /// One way to break the module: its name, a text to find in the example and what to put instead.
    public static let breaks: [(name: String, find: String, replace: String)] = [
        ("a when naming a later step", "    when: {step: where, correct: false}", "    when: {step: my-date, correct: false}"),
        ("a when with an unknown option", "    when: {step: where, correct: false}", "    when: {step: late, chose: maybe}"),
        ("an unknown prerequisite", "prerequisites: []", "prerequisites: [cooperatives-101]"),
        ("a dangling next", "    next: attestation\n", "    next: attestations\n"),
        ("a duplicate step id", "  - id: my-date", "  - id: where"),
        ("an unknown answer", "    answer: anef\n", "    answer: anef2\n"),
        ("an unknown glossary term", "    glossary: [titre de séjour]", "    glossary: [titre de sejour]"),
        ("an unknown fact", "{fact.late-renewal-fee}", "{fact.late-fee}"),
        ("an amount written by hand", "coûte {fact.late-renewal-fee} de plus", "coûte 180 € de plus"),
        ("an unknown field", "    hint: \"C'est un site internet de l'État.\"", "    hnit: \"C'est un site internet de l'État.\""),
        ("a YAML alias", "prerequisites: []", "prerequisites: &p []\nother: *p"),
        ("a step type that does not exist", "    type: reflection", "    type: reflexion"),
        ("a module id that is not its folder", "id: renouveler-son-titre", "id: renouveler"),
        ("a YAML tag", "minutes: 10", "minutes: !!int 10"),
        ("a merge key", "  ANEF: \"Le site", "  <<: {a: b}\n  ANEF: \"Le site"),
        ("a YAML syntax error", "    quiz: {time: 20}", "    quiz: {time: 20"),
        ("a missing field", "    statement: \"Déposer sa demande sur l'ANEF est gratuit.\"\n", ""),
        ("an empty text", "    hint: \"C'est un site internet de l'État.\"", "    hint: \"\""),
        ("an id that is not a word", "  - id: my-date", "  - id: \"ma date !\""),
        ("an input that accepts nothing", "    number: {fact: renewal-earliest-days, tolerance: 0}\n", ""),
        ("a keep-in-French mark left open", "\"Oui, le dépôt est gratuit.\"", "\"Oui, le dépôt est {fr:gratuit.\""),
        ("an escape sequence in a text", "\"Oui, le dépôt est gratuit.\"", "\"Oui, le dépôt est \\e[31mgratuit.\""),
        ("a wrong type", "minutes: 10", "minutes: [10]"),
        ("a value out of range", "minutes: 10", "minutes: -3"),
        ("a choice whose answer is empty", "    answer: anef\n", "    answer: []\n"),
    ]

    /// A lessons folder (and a French-only languages registry) holding the example broken by `replace`.
    public static func repository(_ module: String, facts: String) throws -> (lessons: String, locales: String, root: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-rule-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Lessons/renouveler-son-titre", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Locales", withIntermediateDirectories: true)
        try module.write(toFile: root + "/Lessons/renouveler-son-titre/module.yaml", atomically: true, encoding: .utf8)
        try facts.write(toFile: root + "/Lessons/facts.yaml", atomically: true, encoding: .utf8)
        try "languages:\n  - code: fr\n    status: source\n".write(toFile: root + "/Locales/languages.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Self.root.path + "/Locales/interface.yaml", toPath: root + "/Locales/interface.yaml")
        return (root + "/Lessons", root + "/Locales", root)
    }
}
