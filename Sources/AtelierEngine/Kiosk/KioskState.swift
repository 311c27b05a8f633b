/// Everything the kiosk's flow knows between two events.
public struct KioskState: Sendable, Equatable {
    public var place: KioskPlace = .welcome
    /// The interface language (a code of the registry).
    public var language: String
    public var participant: KioskProfile?
    public var notice: KioskNotice?
    public var lastInputAt: Instant
    /// Wrong facilitator PINs in a row; five make leaving wait.
    public var wrongExitPINs = 0
    /// No facilitator PIN is checked before then (after five wrong ones).
    public var exitLockedUntil: Instant?
    /// The seconds left before the idle logout, when the countdown is on screen.
    public var countdown: Int?
    /// The data file is open: profiles can be made and opened.
    public var storeAvailable = true
    /// False once the facilitator PIN let the kiosk end.
    public var running = true
    /// The screen is being read aloud (the listen key again stops it).
    public var speaking = false
    /// Read each new screen aloud, and how fast: the profile's once signed in, the kiosk's before (a guest's
    /// changes last their session).
    public var reading = ReadAloudSetting()
    /// The kiosk syncs with the other sites: a pseudonym typed on the list is looked for there (the list's
    /// screen says so).
    public var roams = false

    public init(language: String, at: Instant) {
        self.language = language
        self.lastInputAt = at
    }
}
