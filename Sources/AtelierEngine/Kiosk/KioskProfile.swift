/// A participant's profile as the kiosk's flow knows it: never their PIN.
public struct KioskProfile: Hashable, Sendable {
    public var id: String
    public var pseudonym: String
    public var hasPIN: Bool
    public var language: String
    /// Each new screen read aloud (the participant's read-aloud setting; off until they turn it on).
    public var readsAloud: Bool
    /// The reading speed they chose; nil until they choose one: the kiosk's own speed.
    public var speed: ReadingSpeed?

    public init(id: String, pseudonym: String, hasPIN: Bool, language: String, readsAloud: Bool = false, speed: ReadingSpeed? = nil) {
        self.id = id
        self.pseudonym = pseudonym
        self.hasPIN = hasPIN
        self.language = language
        self.readsAloud = readsAloud
        self.speed = speed
    }
}

/// Why a profile could not be made or opened, as the store says it (mapped by the shell).
public enum KioskProfileProblem: Hashable, Sendable, Error {
    case pseudonymEmpty
    case pseudonymTooLong
    case pseudonymTaken
    case pinInvalid
    case unknownPseudonym
    case wrongPIN(attemptsLeft: Int)
    case locked(until: Instant)
}
