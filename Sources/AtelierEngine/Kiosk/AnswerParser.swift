import AtelierContent
import AtelierText

/// Turns what a participant typed into an answer by ids: numbers in any script (١ ۲ ௩ ...), separated by
/// spaces or commas, refer to the keys on screen.
public enum AnswerParser {
    public static func numbers(_ typed: String) -> [Int]? {
        let folded = Folding.fold(typed)
        let parts = folded.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "،" || $0 == "-" || $0 == ";" })
        guard !parts.isEmpty else { return nil }
        var result: [Int] = []
        for part in parts {
            guard let value = Int(part) else { return nil }
            result.append(value)
        }
        return result
    }

    /// Nil when the line does not fit the step (the kiosk then says which numbers to type).
    public static func answer(_ typed: String, step: Step, presentation: [String]) -> Answer? {
        func pick(_ numbers: [Int]) -> [String]? {
            guard numbers.allSatisfy({ (1...presentation.count).contains($0) }) else { return nil }
            return numbers.map { presentation[$0 - 1] }
        }
        switch step.content {
        case .choice(_, _, let correct):
            guard let numbers = numbers(typed), let ids = pick(numbers) else { return nil }
            if correct.count <= 1 && ids.count != 1 { return nil }
            return .choices(Set(ids))
        case .trueFalse:
            guard let numbers = numbers(typed), numbers.count == 1, (1...2).contains(numbers[0]) else { return nil }
            return .trueFalse(numbers[0] == 1)
        case .input:
            let trimmed = typed.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : .text(trimmed)
        case .order:
            guard let numbers = numbers(typed), numbers.count == presentation.count, Set(numbers).count == numbers.count,
                  let ids = pick(numbers) else { return nil }
            return .order(ids)
        case .match(_, let pairs):
            guard let numbers = numbers(typed), numbers.count == pairs.count, let ids = pick(numbers) else { return nil }
            return .matches(Dictionary(uniqueKeysWithValues: zip(pairs.map(\.id), ids)))
        case .scenario:
            guard let numbers = numbers(typed), numbers.count == 1, let ids = pick(numbers) else { return nil }
            return .option(ids[0])
        case .reflection, .text:
            return nil
        }
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t", "\u{A0}", "\u{3000}"]
}
