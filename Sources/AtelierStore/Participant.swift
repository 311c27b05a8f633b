import AtelierEngine

/// A participant as the kiosk knows them: a pseudonym in any script and how they like screens read aloud, nothing
/// else about the person.
public struct Participant: Hashable, Sendable {
    public let id: String
    public let pseudonym: String
    public let hasPIN: Bool
    public let language: String
    public let createdAt: Int64
    public let lastSeenAt: Int64
    /// The read-aloud setting: each new screen read aloud, and the speed chosen (nil: the kiosk's own).
    public var readsAloud: Bool = false
    public var speed: ReadingSpeed? = nil
}
