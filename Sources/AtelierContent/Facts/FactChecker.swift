import Foundation

/// The rules that keep facts dated: every `{fact.ID}` names a fact of facts.yaml, and a French text never
/// states an amount or a delay itself (a law changes it, and then only the facts file is edited). A step
/// marked `example: true` holds a made-up worked example and is exempt.
enum FactChecker {
    /// A number directly followed by a unit of money, percentage or time: an amount or a delay.
    static let bareValue = try! NSRegularExpression(
        pattern: "(?<![\\p{L}\\p{N}_.,/-])\\p{Nd}+(?:[ \\u00A0\\u202F]\\p{Nd}{3})*(?:,\\p{Nd}+)?[ \\u00A0\\u202F]?"
            + "(?:€|euros?|%|jours?|semaines?|mois|ans?|années?|heures?|minutes?)(?![\\p{L}\\p{N}])",
        options: [.caseInsensitive])

    static func check(texts: [TranslationUnit], exampleSteps: Set<String>, facts: FactTable, source: String,
                      path: String) -> [ContentDiagnostic] {
        var diagnostics: [ContentDiagnostic] = []
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for unit in texts {
            for reference in FactReference.all(in: unit.source) where facts[reference.id] == nil {
                let written = String(unit.source[reference.range])
                diagnostics.append(ContentDiagnostic(
                    location: locate(written, after: unit.location, lines: lines), severity: .error, code: "unknown-fact",
                    message: "unknown fact '\(reference.id)' in '\(unit.context)': add it to Lessons/facts.yaml"
                        + DidYouMean.hint(for: reference.id, among: facts.facts.keys.sorted())))
            }
            if let offset = FrenchSpan.unclosed(in: unit.source) {
                let written = String(unit.source.unicodeScalars.dropFirst(offset).prefix(12))
                diagnostics.append(ContentDiagnostic(
                    location: locate(written, after: unit.location, lines: lines), severity: .error, code: "french-span",
                    message: "'\(unit.context)': a '{fr:' is not closed or is empty: write the French words as {fr:titre de séjour}"))
            }
            let step = unit.context.split(separator: "/").first.map(String.init) ?? ""
            guard !exampleSteps.contains(step) else { continue }
            for value in bareValues(in: unit.source) {
                diagnostics.append(ContentDiagnostic(
                    location: locate(value, after: unit.location, lines: lines), severity: .error, code: "bare-fact",
                    message: "'\(unit.context)' states '\(value)' itself: put the value in Lessons/facts.yaml with its year and "
                        + "source and write {fact.ID} here (a made-up worked example: mark its step 'example: true')"))
            }
        }
        return diagnostics
    }

    /// Amounts and delays written as numbers in a text (fact references left out).
    static func bareValues(in text: String) -> [String] {
        let plain = FactReference.replacing(in: text) { _ in "#" }
        let range = NSRange(plain.startIndex..., in: plain)
        return bareValue.matches(in: plain, range: range).compactMap { match in
            Range(match.range, in: plain).map { String(plain[$0]) }
        }
    }

    /// Where `needle` is written, searching from the line where its text starts (a block scalar's lines
    /// follow its `|`); the text's own place when it is not found as written (escapes in a quoted string).
    static func locate(_ needle: String, after start: SourceLocation, lines: [Substring]) -> SourceLocation {
        var index = max(0, start.line - 1)
        while index < lines.count {
            if let range = lines[index].range(of: needle) {
                let column = lines[index].unicodeScalars.distance(from: lines[index].startIndex, to: range.lowerBound) + 1
                return SourceLocation(path: start.path, line: index + 1, column: column)
            }
            index += 1
            if index - start.line > 200 { break }
        }
        return start
    }
}
