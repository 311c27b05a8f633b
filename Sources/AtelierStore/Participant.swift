/// A participant as the kiosk knows them: a pseudonym in any script, nothing else about the person.
public struct Participant: Hashable, Sendable {
    public let id: String
    public let pseudonym: String
    public let hasPIN: Bool
    public let language: String
    public let createdAt: Int64
    public let lastSeenAt: Int64
}
