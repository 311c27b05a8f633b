/// What a participant answered, by ids, never by displayed text (the same answer in every language).
public enum Answer: Hashable, Sendable, Codable {
    /// Choice ids (one, or several for a multiple-answer question).
    case choices(Set<String>)
    case trueFalse(Bool)
    /// A typed answer, as typed.
    case text(String)
    /// Order item ids, in the participant's order.
    case order([String])
    /// Match: pair id of each term -> pair id of the meaning the participant put beside it.
    case matches([String: String])
    /// A scenario option id.
    case option(String)
    /// An open answer; kept only with the participant's consent.
    case reflection(text: String, consent: Bool)

    /// The form stored in the attempts log: ids joined, or the text typed.
    public var recorded: String? {
        switch self {
        case .choices(let ids): return ids.sorted().joined(separator: ",")
        case .trueFalse(let value): return value ? "true" : "false"
        case .text(let text): return text
        case .order(let ids): return ids.joined(separator: ",")
        case .matches(let pairs): return pairs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        case .option(let id): return id
        case .reflection(let text, let consent): return consent ? text : nil
        }
    }
}
