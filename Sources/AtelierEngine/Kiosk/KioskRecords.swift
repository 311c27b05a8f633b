/// What the kiosk's effects ask of its data file. The terminal shell knows only this; the program hands it
/// the SQLite store (AtelierStore's `ProgressStore` conforms), so that the shell and the store are siblings
/// above the engine and neither imports the other.
public protocol KioskRecords: AnyObject {
    func profiles() throws -> [KioskProfile]
    func createProfile(pseudonym: String, pin: String?, language: String, at now: Instant) throws -> Result<KioskProfile, KioskProfileProblem>
    func signInProfile(pseudonym: String, pin: String?, at now: Instant) throws -> Result<KioskProfile, KioskProfileProblem>
    func progress(participant: String, module: String) throws -> SavedProgress?
    /// One answer and the progress after it, in one durable transaction.
    func record(_ attempt: Attempt, progress: SavedProgress, participant: String) throws
    func save(_ progress: SavedProgress, participant: String, at now: Instant) throws
    func setLanguage(_ language: String, participant: String) throws
    /// The read-aloud setting of a profile; `speed` nil: the kiosk's own.
    func setReadAloud(automatic: Bool, speed: ReadingSpeed?, participant: String) throws
    func standings(participant: String) throws -> [String: ModuleStanding]
    var hasFacilitatorPIN: Bool { get throws }
    func checkFacilitatorPIN(_ pin: String) throws -> Bool
}
