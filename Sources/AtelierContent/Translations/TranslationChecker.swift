import AtelierText
import Foundation

/// Checks one PO file against the French texts it translates: unknown contexts, stale and fuzzy entries,
/// MessageFormat syntax and arguments, plural categories of the language, unbalanced brackets, French
/// glossary terms kept, line ends as msgfmt wants them, and nothing that could reach a terminal as a
/// control sequence.
public enum TranslationChecker {
    public struct Result: Sendable {
        public var counts: TranslationCounts
        /// The state of each context, for the kiosk's fallback to French and for `status`.
        public var states: [String: TranslationState]
        public var diagnostics: [ContentDiagnostic]
        /// Contexts the file translates that the French no longer has, with their line.
        public var unknownContexts: [String: Int] = [:]
    }

    public static func check(_ file: POFile, path: String, units: [TranslationUnit], language: LanguageInfo) -> Result {
        var diagnostics: [ContentDiagnostic] = []
        func report(_ line: Int, _ severity: ContentDiagnostic.Severity, _ code: String, _ message: String) {
            diagnostics.append(ContentDiagnostic(location: SourceLocation(path: path, line: max(1, line), column: 1),
                                                 severity: severity, code: code, message: message))
        }
        let byContext = Dictionary(units.map { ($0.context, $0) }, uniquingKeysWith: { first, _ in first })
        var states: [String: TranslationState] = [:]
        var unknown: [String: Int] = [:]
        let categories = PluralRules.categories(locale: language.icuLocale)
        // Read-aloud texts (`…/speech`) are checked once every displayed text's state is known.
        var speech: [(entry: POEntry, unit: TranslationUnit)] = []
        let inFile = Set(file.entries.lazy.filter { !$0.isObsolete }.compactMap(\.context))
        var shown: [String: String] = [:]

        for entry in file.entries where !entry.isObsolete {
            guard let context = entry.context else {
                report(entry.line, .error, "no-context", "entry '\(entry.id.prefix(40))' has no msgctxt; Atelier's files always give one")
                continue
            }
            guard let unit = byContext[context] else {
                if let base = SpeechText.base(of: context) {
                    if let unit = byContext[base] {
                        speech.append((entry, unit))
                        continue
                    }
                    // The read-aloud text of a text the French removed: it follows that text (one message for
                    // both, and `translations update` makes both obsolete).
                    if inFile.contains(base) { continue }
                }
                unknown[context] = entry.line
                report(entry.line, .error, "unknown-context",
                       "unknown msgctxt '\(context)'\(DidYouMean.hint(for: context, among: byContext.keys))")
                continue
            }
            let state: TranslationState
            if !entry.isTranslated {
                state = .missing
            } else if entry.id != unit.source {
                state = .stale
                report(entry.line, .warning, "stale",
                       "'\(context)' translates an older French text: the French changed since (run `atelier translations update`)")
            } else if entry.isFuzzy {
                state = .fuzzy
                report(entry.line, .warning, "fuzzy", "'\(context)' is marked fuzzy: it needs a review before it is shown")
            } else {
                state = .translated
            }
            states[context] = state
            guard entry.isTranslated else { continue }
            shown[context] = entry.string
            for (index, text) in entry.strings.enumerated() {
                let line = entry.stringLine + (index > 0 ? index : 0)
                for problem in problems(in: text, source: unit.source, unit: unit, categories: categories, language: language) {
                    // A problem at a character (a MessageFormat error) is reported at its line and column.
                    if let offset = problem.offset, let at = entry.stringSpans.position(ofOffset: offset, inString: index) {
                        diagnostics.append(ContentDiagnostic(location: SourceLocation(path: path, line: at.line, column: at.column),
                                                             severity: problem.severity, code: problem.code,
                                                             message: "'\(context)': \(problem.message)"))
                    } else {
                        report(line, problem.severity, problem.code, "'\(context)': \(problem.message)")
                    }
                }
            }
        }
        for (entry, unit) in speech where entry.isTranslated {
            let context = entry.context ?? ""
            if entry.id != unit.source {
                report(entry.line, .warning, "stale",
                       "'\(context)' is the read-aloud text of an older French text: the French changed since (update it with '\(unit.context)')")
                continue
            }
            if entry.isFuzzy {
                report(entry.line, .warning, "fuzzy", "'\(context)' is marked fuzzy: it needs a review before it is read aloud")
                continue
            }
            guard states[unit.context] == .translated, let displayed = shown[unit.context] else {
                report(entry.line, .warning, "speech-unused",
                       "'\(context)' is never read: the text it reads, '\(unit.context)', is not translated (or needs a review) in this file")
                continue
            }
            var refused = false
            for problem in problems(in: entry.string, source: unit.source, unit: unit, categories: categories, language: language) {
                refused = refused || problem.severity == .error
                report(entry.stringLine, problem.severity, problem.code, "'\(context)': \(problem.message)")
            }
            if let offset = SpeechText.firstDifference(spoken: entry.string, shown: displayed) {
                refused = true
                let message = "'\(context)': the read-aloud text must be the displayed text of '\(unit.context)' with vowel marks added, nothing else; it differs here"
                if let at = entry.stringSpans.position(ofOffset: offset, inString: 0) {
                    diagnostics.append(ContentDiagnostic(location: SourceLocation(path: path, line: at.line, column: at.column),
                                                         severity: .error, code: "speech-text", message: message))
                } else {
                    report(entry.stringLine, .error, "speech-text", message)
                }
            }
            if !refused { states[context] = .translated }
        }
        var counts = TranslationCounts()
        for unit in units { counts.count(states[unit.context] ?? .missing) }
        if counts.missing > 0 {
            report(1, .warning, "missing", "\(counts.missing) of \(counts.total) texts are not translated yet")
        }
        return Result(counts: counts, states: states, diagnostics: diagnostics, unknownContexts: unknown)
    }

    struct Problem {
        let severity: ContentDiagnostic.Severity
        let code: String
        let message: String
        /// The UTF-16 offset in the text the problem is at, when it is at one character.
        var offset: Int? = nil
    }

    static func problems(in text: String, source factSource: String, unit: TranslationUnit, categories: Set<String>,
                         language: LanguageInfo) -> [Problem] {
        var problems: [Problem] = []
        // Facts: a translation keeps every `{fact.ID}` of the French and states no number of its own (an amount
        // retyped by a translator would not follow the next change of the law).
        let sourceFacts = FactReference.ids(in: factSource), textFacts = FactReference.ids(in: text)
        if sourceFacts != textFacts {
            let missing = sourceFacts.subtracting(textFacts).sorted().map { "{fact.\($0)}" }
            let extra = textFacts.subtracting(sourceFacts).sorted().map { "{fact.\($0)}" }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("not in the French: \(extra.joined(separator: ", "))") }
            problems.append(Problem(severity: .error, code: "fact-references",
                                    message: "facts differ from the French (\(parts.joined(separator: "; "))): copy each {fact.…} as it is"))
        }
        // Words kept in French ({fr:…}): the same spans, as many times, written the same.
        let sourceSpans = FrenchSpan.words(in: factSource), textSpans = FrenchSpan.words(in: text)
        if sourceSpans.sorted() != textSpans.sorted() {
            var left = textSpans
            let missing = sourceSpans.filter { word in
                if let index = left.firstIndex(of: word) { left.remove(at: index); return false }
                return true
            }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.map { "{fr:\($0)}" }.joined(separator: ", "))") }
            if !left.isEmpty { parts.append("not in the French: \(left.map { "{fr:\($0)}" }.joined(separator: ", "))") }
            problems.append(Problem(severity: .error, code: "french-spans",
                                    message: "words kept in French differ (\(parts.joined(separator: "; "))): copy each {fr:…} as it is, and explain it in your language the first time"))
        }
        let source = FrenchSpan.plain(FactReference.replacing(in: factSource) { _ in "" })
        let text = FrenchSpan.plain(FactReference.replacing(in: text) { _ in "" })
        if !unit.context.hasSuffix("/accept") {
            let own = numbers(in: text).subtracting(numbers(in: source)).sorted()
            if !own.isEmpty {
                problems.append(Problem(severity: .warning, code: "own-number",
                                        message: "states \(own.joined(separator: ", ")), which the French does not: write numbers as the French does, and amounts and delays only through its {fact.…}"))
            }
        }
        if TerminalSanitizer.wouldChange(text) {
            problems.append(Problem(severity: .error, code: "control-characters",
                                    message: "contains control characters or escape sequences"))
        }
        if source.hasPrefix("\n") != text.hasPrefix("\n") || source.hasSuffix("\n") != text.hasSuffix("\n") {
            problems.append(Problem(severity: .error, code: "line-ends",
                                    message: "must begin and end with a line break exactly where the French does"))
        }
        if source.utf8.contains(UInt8(ascii: "{")) || text.utf8.contains(UInt8(ascii: "{")) {
            problems += messageProblems(text, source: source, categories: categories, language: language)
        } else {
            for (open, close) in [("(", ")"), ("[", "]"), ("«", "»")] where balanced(source, open, close) && !balanced(text, open, close) {
                problems.append(Problem(severity: .error, code: "unbalanced-markup", message: "unbalanced '\(open)' and '\(close)'"))
            }
        }
        if !unit.glossaryTerms.isEmpty && !unit.context.hasPrefix("glossary/") {
            let lowered = Array(text.lowercased().utf8), loweredSource = Array(source.lowercased().utf8)
            for term in unit.glossaryTerms {
                let needle = Array(term.lowercased().utf8)
                guard contains(loweredSource, needle) && !contains(lowered, needle) else { continue }
                problems.append(Problem(severity: .warning, code: "glossary-term",
                                        message: "keep the French term '\(term)' (participants meet it on real forms)"))
            }
        }
        return problems
    }

    /// The numbers written in a text, in any script's digits, as ASCII digit strings ("١٥" and "15" are one).
    /// A month written as a number, as Chinese writes dates ("9月1日" for "le 1er septembre"), is the
    /// language's way of writing the French month name, not a number of its own.
    static func numbers(in text: String) -> Set<String> {
        var found: Set<String> = []
        var current = ""
        for scalar in text.unicodeScalars {
            if let digit = scalar.properties.numericType == .decimal ? scalar.properties.numericValue : nil {
                current.append(String(Int(digit)))
            } else if !current.isEmpty {
                if scalar != "月" { found.insert(current) }
                current = ""
            }
        }
        if !current.isEmpty { found.insert(current) }
        return found
    }

    /// Byte search (Foundation's `contains` goes through CFString, slow for lint's thousands of texts).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    static func messageProblems(_ text: String, source: String, categories: Set<String>,
                                language: LanguageInfo) -> [Problem] {
        let translated: MessageSummary
        switch MessageFormatter.check(text) {
        case .failure(let error):
            return [Problem(severity: .error, code: "message-syntax", message: MessageFormatter.explain(error),
                            offset: MessageFormatter.locate(error, in: text))]
        case .success(let summary):
            translated = summary
        }
        var problems: [Problem] = []
        if case .success(let original) = MessageFormatter.check(source), original.argumentNames != translated.argumentNames {
            let missing = original.argumentNames.subtracting(translated.argumentNames).sorted()
            let extra = translated.argumentNames.subtracting(original.argumentNames).sorted()
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing {\(missing.joined(separator: "}, {"))}") }
            if !extra.isEmpty { parts.append("unknown {\(extra.joined(separator: "}, {"))}") }
            problems.append(Problem(severity: .error, code: "message-arguments",
                                    message: "arguments differ from the French: \(parts.joined(separator: "; "))"))
        }
        let keywords = translated.pluralKeywords.filter { !$0.hasPrefix("=") }
        let invalid = keywords.subtracting(categories).sorted()
        if !invalid.isEmpty {
            problems.append(Problem(severity: .error, code: "plural-category",
                                    message: "\(language.endonym) has no plural category \(invalid.joined(separator: ", ")) (it has \(categories.sorted().joined(separator: ", ")))"))
        }
        if !keywords.isEmpty {
            // CLDR's "many" of French, Spanish, Portuguese and Italian is for a million and more, in compact
            // forms: leaving it out is normal.
            let optional: Set<String> = ["fr", "es", "pt", "it", "ca"].contains(language.code) ? ["many"] : []
            let missing = categories.subtracting(keywords).subtracting(optional).sorted()
            if !missing.isEmpty {
                problems.append(Problem(severity: .error, code: "plural-category",
                                        message: "\(language.endonym) needs the plural categories \(missing.joined(separator: ", ")) too"))
            }
        }
        return problems
    }

    static func balanced(_ text: String, _ open: String, _ close: String) -> Bool {
        let opening = open.unicodeScalars.first!, closing = close.unicodeScalars.first!
        var depth = 0
        for scalar in text.unicodeScalars {
            if scalar == opening { depth += 1 }
            if scalar == closing {
                depth -= 1
                if depth < 0 { return false }
            }
        }
        return depth == 0
    }
}
