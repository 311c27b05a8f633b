import ArgumentParser
import AtelierContent
import Foundation

/// A new module to fill in: one step of each type, every field commented, lint-clean from the start.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a module to fill in: one step of each type, commented, lint-clean.",
        discussion: "Writes LESSONS/MODULE/module.yaml. Then: atelier lint, atelier play MODULE, atelier translations update."
    )

    @OptionGroup var content: ContentOptions
    @Argument(help: "The new module's id: lowercase letters, digits and hyphens (it is also its folder's name).") var module: String

    func run() throws {
        guard let first = module.unicodeScalars.first, ("a"..."z").contains(first),
              module.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
              module.count <= 64 else {
            throw ValidationError("'\(TerminalText.line(module))' cannot be a module id: lowercase letters, digits and hyphens, starting with a letter (for example 'ouvrir-un-compte')")
        }
        let repository = content.repository
        let folder = repository.lessons + "/" + module
        guard !FileManager.default.fileExists(atPath: folder) else {
            throw ValidationError("\(TerminalText.line(folder)) already exists: choose another id, or edit that module")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = repository.modulePath(module)
        try Self.template(id: module, today: .today).write(toFile: path, atomically: true, encoding: .utf8)
        StandardStreams.write(Array("""
        created \(TerminalText.line(path))
        next:
          atelier lint (atelier lint --watch checks again at each save)
          atelier play \(module) (walk it as a participant would)
          atelier translations update (make its translation files)

        """.utf8))
    }

    /// The module file: French texts to replace, one step of each type, comments that say what each field does.
    static func template(id: String, today: CalendarDate) -> String {
        """
        # A new module: replace the texts, keep the structure. docs/lesson-format.md explains every field.
        # Check it with `atelier lint`; walk it as a participant with `atelier play \(id)`.
        id: \(id)
        # Add 1 when steps change meaning: participants' progress follows the change.
        version: 1
        title: "Titre du module"
        summary: "Une phrase qui dit ce que le participant saura faire à la fin."
        minutes: 10
        # The level of the French (CEFR): A1, A2, B1, B2, C1 or C2. Short sentences, everyday words.
        level: A2
        # Where the facts come from, and the day you checked them (lint warns 12 months later). Amounts, delays
        # and dates go in Lessons/facts.yaml with their year and source; texts write {fact.ID}.
        sources:
          - title: "Service-Public.fr"
            url: "https://www.service-public.fr"
            checked: \(today)
        # Modules to take first, by id.
        prerequisites: []
        # French words participants meet on real forms: they stay in French in every language, and each
        # translation explains them. Other words to keep in French are marked in the text: {fr:…}.
        glossary:
          attestation: "Un papier officiel qui prouve quelque chose."
          demande: "Ce que l'on dépose pour obtenir un droit."
        steps:
          # A screen to read: one idea, short lines.
          - id: intro
            type: text
            title: "Bienvenue"
            body: |
              Une phrase courte par ligne.
              Un mot à garder en français est marqué ainsi : {fr:accusé de réception}.
            glossary: [attestation]

          # One right answer among several. The hint comes after a wrong try, the explanation at the end.
          # quiz: this question can be asked in a group quiz, with this many seconds to answer.
          - id: question-choice
            type: choice
            prompt: "Quelle est la bonne réponse ?"
            choices:
              - id: right
                text: "La bonne réponse"
                feedback: "Oui. Dites pourquoi en une phrase."
              - id: wrong
                text: "Une réponse fausse"
                feedback: "Non. Dites pourquoi en une phrase."
            answer: right
            hint: "Un indice, montré après une erreur."
            explanation: "L'explication, montrée à la fin."
            quiz: {time: 20}

          # A sentence that is true or false.
          - id: question-truefalse
            type: truefalse
            statement: "Cette phrase est vraie."
            answer: true
            explanation: "L'explication, montrée à la fin."

          # A word to type (accept), or a number (number: {fact: ID, tolerance: 0} for an amount or a delay).
          # typos: true accepts one typo in words of five letters or more.
          - id: question-input
            type: input
            prompt: "Comment s'appelle le papier qui prouve quelque chose ?"
            accept: ["attestation"]
            typos: true
            explanation: "C'est une attestation."
            glossary: [attestation]

          # Steps to put back in order: write them in the right order, the kiosk shuffles them.
          - id: question-order
            type: order
            prompt: "Remettez dans l'ordre."
            items:
              - {id: prepare, text: "Je prépare mes papiers."}
              - {id: ask, text: "Je fais la demande."}
              - {id: keep, text: "Je garde la preuve."}

          # French words and their meaning, to match.
          - id: question-match
            type: match
            prompt: "Associez chaque mot à son sens."
            pairs:
              - {id: paper, term: "attestation", meaning: "Un papier qui prouve quelque chose."}
              - {id: request, term: "demande", meaning: "Ce que l'on dépose pour obtenir un droit."}
            glossary: [attestation, demande]

          # A situation with no single right answer: each option may lead to its own step (next), and the
          # paths meet again (the branch steps' own next).
          - id: situation
            type: scenario
            situation: "Une situation de la vie réelle. Que faites-vous ?"
            options:
              - id: act
                text: "J'agis tout de suite."
                feedback: "Bien."
                next: after-act
              - id: wait
                text: "J'attends."
                feedback: "Attention."
                next: after-wait
          - id: after-act
            type: text
            body: "Ce qui se passe quand on agit."
            next: reflection
          - id: after-wait
            type: text
            body: "Ce qui se passe quand on attend."

          # An open question: the answer is kept only if the participant agrees.
          - id: reflection
            type: reflection
            prompt: "Et vous, que ferez-vous ?"

        """
    }
}
