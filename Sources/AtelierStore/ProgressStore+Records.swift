import AtelierEngine

/// The store as the kiosk's shell and the quiz host see it (protocols of the engine): the program hands a
/// `ProgressStore` to both, and neither imports this module.
extension ProgressStore: KioskRecords, QuizRecords {
    public func profiles() throws(StoreError) -> [KioskProfile] { try participants().map(\.profile) }

    public func createProfile(pseudonym: String, pin: String?, language: String,
                              at now: Instant) throws(StoreError) -> Result<KioskProfile, KioskProfileProblem> {
        try createParticipant(pseudonym: pseudonym, pin: pin, language: language, at: now).map(\.profile)
    }

    public func signInProfile(pseudonym: String, pin: String?, at now: Instant) throws(StoreError) -> Result<KioskProfile, KioskProfileProblem> {
        try signIn(pseudonym: pseudonym, pin: pin, at: now).map(\.profile)
    }

    public func quizSignIn(pseudonym: String, pin: String?, at now: Instant) throws(StoreError) -> Result<String, KioskProfileProblem> {
        try signIn(pseudonym: pseudonym, pin: pin, at: now).map(\.id)
    }
}

extension Participant {
    /// What the kiosk's flow keeps of a participant.
    public var profile: KioskProfile {
        KioskProfile(id: id, pseudonym: pseudonym, hasPIN: hasPIN, language: language, readsAloud: readsAloud, speed: speed)
    }
}
