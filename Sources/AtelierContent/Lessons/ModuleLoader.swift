import AtelierText
import Foundation
import Yams

/// Reads `module.yaml` into a `Module`, collecting every problem with its position.
public enum ModuleLoader {
    public struct Result: Sendable {
        /// Nil when the file could not be read as a module at all.
        public var module: Module?
        /// Every translatable text, in file order.
        public var texts: [TranslationUnit]
        public var diagnostics: [ContentDiagnostic]
    }

    /// Reads a module and the facts file of its lessons folder (`<lessons>/facts.yaml`, beside the module's
    /// folder), so that every loader resolves and checks `{fact.ID}` the same way.
    public static func load(path: String) -> Result {
        load(path: path, facts: facts(besideModuleAt: path))
    }

    /// The same with the facts already read: a loader of several modules reads the facts file once.
    public static func load(path: String, facts: FactTable) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Result(module: nil, texts: [], diagnostics: [
                ContentDiagnostic(location: SourceLocation(path: path, line: 1, column: 1), severity: .error,
                                  code: "unreadable-file", message: "cannot read the file"),
            ])
        }
        return load(bytes: [UInt8](data), path: path, facts: facts)
    }

    /// The facts of the lessons folder that holds the module file at `path`.
    public static func facts(besideModuleAt path: String) -> FactTable {
        let lessons = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        return FactTable.load(lessonsFolder: lessons.isEmpty ? "." : lessons).0
    }

    public static func load(bytes: [UInt8], path: String, facts: FactTable = .empty) -> Result {
        switch YAMLGuard.text(of: bytes, path: path) {
        case .failure(let diagnostic):
            return Result(module: nil, texts: [], diagnostics: [diagnostic])
        case .success(let text):
            var reader = ModuleReader(document: YAMLDocument(path: path), facts: facts)
            var module = reader.read(text)
            module?.facts = facts
            var diagnostics = reader.document.diagnostics
            diagnostics += FactChecker.check(texts: reader.texts, exampleSteps: reader.exampleSteps, facts: facts,
                                             source: text, path: path)
            return Result(module: module, texts: reader.texts, diagnostics: diagnostics)
        }
    }
}

/// The walk over one module file.
private struct ModuleReader {
    var document: YAMLDocument
    let facts: FactTable
    var texts: [TranslationUnit] = []
    var references: [String: SourceLocation] = [:]
    /// Steps marked `example: true`: their made-up numbers need no fact reference.
    var exampleSteps: Set<String> = []

    init(document: YAMLDocument, facts: FactTable) {
        self.document = document
        self.facts = facts
    }

    static let moduleFields = ["id", "version", "title", "summary", "minutes", "level", "sources", "prerequisites",
                               "glossary", "steps"]
    static let commonStepFields = ["id", "type", "title", "hint", "explanation", "glossary", "quiz", "next",
                                   "attempts", "when", "example"]
    mutating func read(_ text: String) -> Module? {
        guard let root = document.parse(text),
              let fields = document.fields(of: root, in: "the module", known: Self.moduleFields,
                                           required: ["id", "version", "title", "summary", "minutes", "level",
                                                      "sources", "steps"])
        else { return nil }
        let id = slug(fields, "id", in: "the module") ?? ""
        let title = translatable(fields, "title", context: .moduleTitle, in: "the module") ?? ""
        let summary = translatable(fields, "summary", context: .moduleSummary, in: "the module") ?? ""
        let version = document.integer(fields, "version", in: "the module", range: 1...1_000_000) ?? 1
        let minutes = document.integer(fields, "minutes", in: "the module", range: 1...600) ?? 0
        let level = document.string(fields, "level", in: "the module") ?? ""
        if fields.has("level") && !["A1", "A2", "B1", "B2", "C1", "C2"].contains(level) {
            document.error(at: fields.mark("level"), "invalid-value", "'level' must be a CEFR level: A1, A2, B1, B2, C1 or C2")
        }
        let prerequisiteList = document.strings(fields, "prerequisites", in: "the module") ?? []
        for (id, mark) in prerequisiteList { references["prerequisites/\(id)"] = document.location(mark) }
        let prerequisites = prerequisiteList.map(\.0)
        let glossary = readGlossary(fields)
        let sources = readSources(fields)
        var steps: [Step] = []
        for node in document.list(fields, "steps", in: "the module") ?? [] {
            if let step = readStep(node, glossary: glossary.map(\.term)) { steps.append(step) }
        }
        if fields.has("steps") && steps.isEmpty && (document.list(fields, "steps", in: "the module") ?? []).isEmpty {
            document.error(at: fields.mark("steps"), "missing-field", "the module has no steps")
        }
        return Module(id: id, version: version, title: title, summary: summary, minutes: minutes, level: level,
                      sources: sources, prerequisites: prerequisites, glossary: glossary, steps: steps,
                      path: document.path, location: document.location(root.mark), referenceLocations: references)
    }

    // MARK: - Module parts

    mutating func readGlossary(_ fields: Fields) -> [Module.GlossaryEntry] {
        guard let node = fields.values["glossary"], document.spend(node) else { return [] }
        guard case .mapping(let mapping) = node else {
            document.error(at: node.mark, "wrong-type", "'glossary' must map each French term to its meaning")
            return []
        }
        var entries: [Module.GlossaryEntry] = []
        for (key, value) in mapping where document.spend(key) && document.spend(value) {
            guard let term = key.string, case .scalar(let meaning) = value else {
                document.error(at: value.mark, "wrong-type", "a glossary entry is 'term: meaning'")
                continue
            }
            let location = document.location(value.mark)
            entries.append(Module.GlossaryEntry(term: term, meaning: meaning.string, location: location))
            texts.append(TranslationUnit(key: .glossary(term), source: meaning.string, location: location,
                                         glossaryTerms: [term]))
        }
        return entries
    }

    mutating func readSources(_ fields: Fields) -> [Module.Source] {
        var sources: [Module.Source] = []
        for node in document.list(fields, "sources", in: "the module") ?? [] {
            guard let source = document.fields(of: node, in: "a source", known: ["title", "url", "checked"],
                                               required: ["title", "url", "checked"]) else { continue }
            let checkedText = document.string(source, "checked", in: "a source")
            let checked = checkedText.flatMap(CalendarDate.init(iso:))
            if checkedText != nil && checked == nil {
                document.error(at: source.mark("checked"), "invalid-value", "'checked' must be a date written 2026-11-20")
            }
            let url = document.string(source, "url", in: "a source") ?? ""
            if source.has("url") && !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                document.error(at: source.mark("url"), "invalid-value", "'url' must start with https://")
            }
            sources.append(Module.Source(title: document.string(source, "title", in: "a source") ?? "", url: url,
                                         checked: checked, location: document.location(node.mark)))
        }
        return sources
    }

    // MARK: - Steps

    mutating func readStep(_ node: Node, glossary: [String]) -> Step? {
        // The type decides which fields are known, so it is read before the fields are checked.
        let written: String? = {
            guard case .mapping(let mapping) = node, let value = mapping["type"], case .scalar(let s) = value else { return nil }
            return s.string
        }()
        let type = written.flatMap(StepType.init(rawValue:))
        let known = Self.commonStepFields + (type?.fields.known ?? StepType.allCases.flatMap(\.fields.known))
        guard let fields = document.fields(of: node, in: "a step", known: known,
                                           required: ["id", "type"] + (type?.fields.required ?? [])) else { return nil }
        if let written, type == nil {
            document.error(at: fields.mark("type"), "invalid-value",
                           "unknown step type '\(written)'\(DidYouMean.hint(for: written, among: StepType.allCases.map(\.rawValue).sorted()))")
        }
        guard let id = slug(fields, "id", in: "a step"), let type else { return nil }
        let context = "step '\(id)'"
        if fields.has("example"), document.boolean(fields, "example", in: context) == true { exampleSteps.insert(id) }
        if fields.has("next") { references["\(id)/next"] = document.location(fields.mark("next")) }
        if fields.has("when") { references["\(id)/when"] = document.location(fields.mark("when")) }
        let terms = (document.strings(fields, "glossary", in: context) ?? [])
        for (term, mark) in terms where !glossary.contains(term) {
            document.error(at: mark, "unknown-reference",
                           "'\(term)' is not in the module's glossary\(DidYouMean.hint(for: term, among: glossary))")
        }
        let glossaryTerms = terms.map(\.0)
        func text(_ field: TranslationKey.Field) -> String? {
            translatable(fields, field.rawValue, context: .step(id, field), in: context, glossaryTerms: glossaryTerms)
        }
        let title = text(.title)
        let hint = text(.hint)
        let explanation = text(.explanation)
        let content: StepContent
        var factOfNumber: String?
        switch type {
        case .text:
            content = .text(body: text(.body) ?? "")
        case .choice:
            let prompt = text(.prompt) ?? ""
            let choices = readChoices(fields, step: id, glossaryTerms: glossaryTerms)
            let answers = document.strings(fields, "answer", in: context, scalarAllowed: true) ?? []
            for (answer, mark) in answers where !choices.contains(where: { $0.id == answer }) {
                document.error(at: mark, "unknown-reference",
                               "unknown choice '\(answer)' in 'answer'\(DidYouMean.hint(for: answer, among: choices.map(\.id)))")
            }
            if fields.has("answer") && answers.isEmpty {
                document.error(at: fields.mark("answer"), "no-answer", "\(context) has no right answer")
            }
            content = .choice(prompt: prompt, choices: choices, correct: answers.map(\.0))
        case .trueFalse:
            let statement = text(.statement) ?? ""
            let answer = document.boolean(fields, "answer", in: context) ?? true
            var feedback: [Bool: String] = [:]
            if let node = fields.values["feedback"],
               let map = document.fields(of: node, in: "the feedback of \(context)", known: ["true", "false"], required: []) {
                for (key, value) in [("true", true), ("false", false)] where map.has(key) {
                    feedback[value] = translatable(map, key, context: .feedback(id, answer: value), in: context,
                                                   glossaryTerms: glossaryTerms)
                }
            }
            content = .trueFalse(statement: statement, answer: answer, feedback: feedback)
        case .input:
            let prompt = text(.prompt) ?? ""
            let accept = (document.strings(fields, "accept", in: context, scalarAllowed: true) ?? []).map(\.0)
            if !accept.isEmpty {
                texts.append(TranslationUnit(key: .accept(id), source: accept.joined(separator: " | "),
                                             location: document.location(fields.mark("accept")),
                                             glossaryTerms: []))
            }
            let typos = fields.has("typos") ? (document.boolean(fields, "typos", in: context) ?? false) : false
            var number: StepContent.NumberAnswer?
            var numberFact: String?
            if let node = fields.values["number"],
               let numberFields = document.fields(of: node, in: "the number of \(context)", known: ["value", "fact", "tolerance"],
                                                  required: []) {
                var value = 0.0
                if numberFields.has("value") == numberFields.has("fact") {
                    document.error(at: node.mark, "invalid-value",
                                   "'number' of \(context) needs exactly one of 'value' or 'fact' (a fact for a value a law can change)")
                } else if numberFields.has("fact") {
                    let id = document.string(numberFields, "fact", in: context) ?? ""
                    numberFact = id
                    if let fact = facts[id], let numeric = fact.value.numeric {
                        value = numeric
                    } else if facts[id] != nil {
                        document.error(at: numberFields.mark("fact"), "invalid-value", "fact '\(id)' is a date: a typed answer needs a number")
                    } else {
                        document.error(at: numberFields.mark("fact"), "unknown-fact",
                                       "unknown fact '\(id)': add it to Lessons/facts.yaml\(DidYouMean.hint(for: id, among: facts.facts.keys.sorted()))")
                    }
                } else {
                    value = document.number(numberFields, "value", in: context) ?? 0
                }
                let tolerance = numberFields.has("tolerance") ? (document.number(numberFields, "tolerance", in: context) ?? 0) : 0
                if tolerance < 0 {
                    document.error(at: numberFields.mark("tolerance"), "invalid-value", "'tolerance' cannot be negative")
                }
                number = StepContent.NumberAnswer(value: value, tolerance: max(0, tolerance))
            }
            if accept.isEmpty && number == nil {
                document.error(at: fields.node.mark, "no-answer", "\(context) accepts nothing: give 'accept' or 'number'")
            }
            content = .input(prompt: prompt, accept: accept, typos: typos, number: number)
            factOfNumber = numberFact
        case .order:
            let prompt = text(.prompt) ?? ""
            let items = readElements(fields, "items", step: id, needs: 2).map { element in
                StepContent.Item(id: element.id, text: translatable(element.fields, "text", context: .item(id, element.id),
                                                                    in: context, glossaryTerms: glossaryTerms) ?? "")
            }
            content = .order(prompt: prompt, items: items)
        case .match:
            let prompt = text(.prompt) ?? ""
            let pairs = readElements(fields, "pairs", step: id, needs: 2, extra: ["term", "meaning"]).map { element in
                StepContent.Pair(id: element.id, term: document.string(element.fields, "term", in: context) ?? "",
                                 meaning: translatable(element.fields, "meaning", context: .pairMeaning(id, element.id),
                                                       in: context, glossaryTerms: glossaryTerms) ?? "")
            }
            content = .match(prompt: prompt, pairs: pairs)
        case .scenario:
            let situation = text(.situation) ?? ""
            let elements = readElements(fields, "options", step: id, needs: 2, extra: ["text", "feedback", "next"])
            for element in elements where element.fields.has("next") {
                references["\(id)/options/\(element.id)/next"] = document.location(element.fields.mark("next"))
            }
            let options = elements
                .map { element in
                    StepContent.Option(
                        id: element.id,
                        text: translatable(element.fields, "text", context: .option(id, element.id), in: context,
                                           glossaryTerms: glossaryTerms) ?? "",
                        feedback: translatable(element.fields, "feedback", context: .optionFeedback(id, element.id),
                                               in: context, glossaryTerms: glossaryTerms),
                        next: slug(element.fields, "next", in: context, optional: true))
                }
            content = .scenario(situation: situation, options: options)
        case .reflection:
            content = .reflection(prompt: text(.prompt) ?? "")
        }
        var quiz: Step.QuizUse?
        if let node = fields.values["quiz"],
           let quizFields = document.fields(of: node, in: "the quiz use of \(context)", known: ["time"], required: ["time"]) {
            if !content.isQuestion {
                document.error(at: node.mark, "invalid-value", "only questions can be used in a group quiz, not a \(type) step")
            }
            quiz = document.integer(quizFields, "time", in: context, range: 5...300).map { Step.QuizUse(seconds: $0) }
        }
        let attempts = fields.has("attempts") ? document.integer(fields, "attempts", in: context, range: 1...5) : nil
        var step = Step(id: id, title: title, hint: hint, explanation: explanation, glossary: glossaryTerms, quiz: quiz,
                        next: slug(fields, "next", in: context, optional: true), attempts: attempts,
                        condition: readCondition(fields, in: context), content: content,
                        location: document.location(node.mark))
        step.isExample = exampleSteps.contains(id)
        step.numberFact = factOfNumber
        return step
    }

    mutating func readChoices(_ fields: Fields, step: String, glossaryTerms: [String]) -> [StepContent.Choice] {
        readElements(fields, "choices", step: step, needs: 2, extra: ["text", "feedback"]).map { element in
            StepContent.Choice(
                id: element.id,
                text: translatable(element.fields, "text", context: .choice(step, element.id), in: "step '\(step)'",
                                   glossaryTerms: glossaryTerms) ?? "",
                feedback: translatable(element.fields, "feedback", context: .choiceFeedback(step, element.id),
                                       in: "step '\(step)'", glossaryTerms: glossaryTerms))
        }
    }

    /// The elements of a list of `{id, ...}` mappings (choices, items, pairs, options), ids checked unique.
    mutating func readElements(_ fields: Fields, _ name: String, step: String, needs minimum: Int,
                               extra: [String] = ["text"]) -> [(id: String, fields: Fields)] {
        let context = "step '\(step)'"
        var elements: [(id: String, fields: Fields)] = []
        let required = ["id"] + extra.filter { $0 != "feedback" && $0 != "next" }
        for node in document.list(fields, name, in: context) ?? [] {
            guard let element = document.fields(of: node, in: "an entry of '\(name)' in \(context)", known: ["id"] + extra,
                                                required: required),
                  let id = slug(element, "id", in: "an entry of '\(name)'") else { continue }
            if elements.contains(where: { $0.id == id }) {
                document.error(at: element.mark("id"), "duplicate-id", "'\(id)' appears twice in '\(name)' of \(context)")
                continue
            }
            elements.append((id, element))
        }
        if fields.has(name) && elements.count < minimum {
            document.error(at: fields.mark(name), "too-few", "\(context) needs at least \(minimum) entries in '\(name)'")
        }
        return elements
    }

    mutating func readCondition(_ fields: Fields, in context: String) -> Step.Condition? {
        guard let node = fields.values["when"],
              let when = document.fields(of: node, in: "'when' of \(context)", known: ["step", "correct", "chose"],
                                         required: ["step"]),
              let step = slug(when, "step", in: "'when'") else { return nil }
        if when.has("chose") == when.has("correct") {
            document.error(at: node.mark, "invalid-value", "'when' needs exactly one of 'correct' or 'chose'")
            return nil
        }
        if when.has("chose") {
            return slug(when, "chose", in: "'when'").map { .chose(step: step, option: $0) }
        }
        return document.boolean(when, "correct", in: "'when'").map { .answered(step: step, correct: $0) }
    }

    // MARK: - Values

    /// A French text to translate: recorded as a translation unit under `context`.
    mutating func translatable(_ fields: Fields, _ name: String, context: TranslationKey, in where: String,
                               glossaryTerms: [String] = []) -> String? {
        guard let value = document.string(fields, name, in: `where`) else { return nil }
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            document.error(at: fields.mark(name), "empty-text", "'\(name)' in \(`where`) is empty")
        }
        if TerminalSanitizer.wouldChange(value) {
            document.error(at: fields.mark(name), "control-characters",
                           "'\(name)' in \(`where`) contains control characters or escape sequences")
        }
        texts.append(TranslationUnit(key: context, source: value, location: document.location(fields.mark(name)),
                                     glossaryTerms: glossaryTerms))
        return value
    }

    /// An id: lowercase letters, digits and hyphens (ids become parts of translation contexts).
    mutating func slug(_ fields: Fields, _ name: String, in context: String, optional: Bool = false) -> String? {
        guard fields.has(name) else { return nil }
        guard let value = document.string(fields, name, in: context) else { return nil }
        let valid = !value.isEmpty && value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        } && value.first != "-"
        if !valid {
            document.error(at: fields.mark(name), "invalid-id",
                           "'\(value)' is not a valid id: use lowercase letters, digits and hyphens")
            return nil
        }
        return value
    }
}
