import AtelierContent
@testable import AtelierEngine

/// A module with every step type, a scenario that branches, and a step shown only after a wrong answer.
enum TestModule {
    static let yaml = """
    id: test
    version: 1
    title: "Test"
    summary: "Un module pour les tests."
    minutes: 5
    level: A2
    sources: [{title: "Source", url: "https://example.org", checked: 2026-11-20}]
    glossary:
      CAF: "Caisse d'allocations familiales."
      RIB: "Relevé d'identité bancaire."
      récépissé: "Un papier de la préfecture."
    steps:
      - id: intro
        type: text
        body: "Bonjour."
        glossary: [CAF]
      - id: who
        type: choice
        prompt: "Qui verse les aides ?"
        choices:
          - {id: caf, text: "La CAF", feedback: "Oui."}
          - {id: bank, text: "La banque", feedback: "Non."}
          - {id: city, text: "La mairie"}
        answer: caf
        hint: "Une caisse."
        explanation: "C'est la CAF."
        glossary: [CAF, RIB]
      - id: multi
        type: choice
        prompt: "Lesquels ?"
        choices: [{id: a, text: "A"}, {id: b, text: "B"}, {id: c, text: "C"}]
        answer: [a, c]
        attempts: 1
      - id: tf
        type: truefalse
        statement: "Le dépôt est gratuit."
        answer: true
      - id: word
        type: input
        prompt: "Le papier ?"
        accept: ["récépissé"]
        typos: true
        glossary: [récépissé]
      - id: count
        type: input
        prompt: "Combien ?"
        number: {value: 1.5, tolerance: 0}
      - id: steps
        type: order
        prompt: "Ordre"
        items: [{id: one, text: "1"}, {id: two, text: "2"}, {id: three, text: "3"}, {id: four, text: "4"}]
      - id: pairs
        type: match
        prompt: "Paires"
        pairs: [{id: rib, term: "RIB", meaning: "banque"}, {id: caf, term: "CAF", meaning: "aides"}]
      - id: late
        type: scenario
        situation: "Vous êtes en retard."
        options:
          - {id: call, text: "J'appelle.", feedback: "Bien.", next: late-call}
          - {id: nothing, text: "Rien.", next: late-nothing}
      - id: late-call
        type: text
        body: "Vous appelez."
        next: reminder
      - id: late-nothing
        type: text
        body: "Vous ne dites rien."
      - id: reminder
        type: text
        when: {step: who, correct: false}
        body: "Rappel : c'est la CAF."
      - id: think
        type: reflection
        prompt: "Et vous ?"
    """

    static func module(_ text: String = yaml) -> Module {
        let loaded = ModuleLoader.load(bytes: Array(text.utf8), path: "test.yaml")
        precondition(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return loaded.module!
    }

    static let engine = LessonEngine(content: LessonContent(module: module()))

    static func at(_ seconds: Int) -> Instant { Instant(milliseconds: 1_700_000_000_000 + Int64(seconds) * 1000) }

    /// A started session at its first step.
    static func started(seed: UInt64 = 7, engine: LessonEngine = engine) -> LessonState {
        var state = engine.initialState()
        _ = engine.reduce(&state, .started(language: "fr", seed: seed, previous: nil, at: at(0)))
        return state
    }
}
