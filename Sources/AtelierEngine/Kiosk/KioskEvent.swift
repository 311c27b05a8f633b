/// What happened at the kiosk: keys and lines from the terminal, time, and the answers of the store to the
/// flow's requests. The flow never reads a clock, a terminal or a file.
public enum KioskEvent: Sendable {
    /// A line typed and confirmed with Enter (sanitised by the shell); on a PIN screen, the PIN.
    case line(String, at: Instant)
    /// Ctrl-D on an empty line.
    case endOfInput(at: Instant)
    /// A key that changed nothing but the page: the participant is there.
    case activity(at: Instant)
    /// Time passed with nothing typed.
    case tick(at: Instant)
    /// Reading the screen aloud came to its end.
    case speechEnded
    /// What the listen key could do on this kiosk, in this language.
    case readAloud(ReadAloud)

    case participantsListed([KioskProfile])
    case profileCreated(Result<KioskProfile, KioskProfileProblem>)
    case signedIn(Result<KioskProfile, KioskProfileProblem>, at: Instant)
    /// The answer to `lookUpRemoteProfile`.
    case remoteProfile(RemoteProfile, at: Instant)
    /// A module is ready to open: its content in the participant's language, and the progress kept for them.
    case lessonReady(module: Int, content: LessonContent, previous: SavedProgress?, seed: UInt64, at: Instant)
    case facilitatorPIN(isSet: Bool)
    case facilitatorPINChecked(Bool, at: Instant)
    /// The store failed (disk full, read-only, damaged): the out-of-order screen.
    case storeFailed
    /// Whether the data file could be opened (at start, and each time the out-of-order screen tries again).
    case store(available: Bool)
}

/// What the shell must do: values, carried out by the terminal and the store.
public enum KioskEffect: Sendable, Equatable {
    case listParticipants
    case createProfile(pseudonym: String, pin: String?, language: String)
    case signIn(pseudonym: String, pin: String?)
    /// A pseudonym no profile of this kiosk has, with the PIN typed for it: look for it at the other sites
    /// (the shared server gives the PIN's hash; the PIN is checked here and never leaves the kiosk).
    case lookUpRemoteProfile(pseudonym: String, pin: String)
    /// Load module `module`'s texts in `language` and the participant's progress, then send `lessonReady`.
    case prepareLesson(module: Int, language: String, participant: String?)
    /// One attempt and the progress after it, in one durable transaction.
    case record(Attempt, progress: SavedProgress, participant: String)
    case saveProgress(SavedProgress, participant: String)
    case setLanguage(String, participant: String)
    /// The participant's read-aloud setting, kept with their profile (a guest's is never sent); `speed` is nil
    /// until they choose one (the kiosk's speed meanwhile).
    case saveReadAloud(automatic: Bool, speed: ReadingSpeed?, participant: String)
    case askFacilitatorPIN
    case checkFacilitatorPIN(String)
    /// Forget what the line editor keeps: a participant left.
    case forgetTyped
    case reopenStore
    /// Read the screen aloud, from the page shown, at the state's reading speed (the shell knows the texts, the
    /// pages and the voice).
    case speakScreen
    /// Stop reading aloud, at once.
    case stopSpeaking
    /// The kiosk ends (only after the facilitator PIN).
    case exit
}

/// What reading aloud became: the shell knows the machine's sound and the voices.
public enum ReadAloud: Sendable, Equatable {
    case speaking
    /// No voice for the language: read in French, and the screen says so.
    case inFrench
    /// No audio output on this kiosk.
    case noSound
}

/// What looking for a profile of another site gave (the shell asks the shared server, within a time limit).
public enum RemoteProfile: Sendable, Equatable {
    /// The PIN matched a profile of another site: it is on this kiosk now, under its own id, with its progress.
    case found(KioskProfile)
    /// A wrong PIN, or a pseudonym no site knows (or one erased): both are answered with the same wrong-PIN
    /// refusal and counted alike, so that the kiosk tells nothing of who has a profile elsewhere.
    case refused(KioskProfileProblem)
    /// The server did not answer in time, or refused the kiosk: nothing is known.
    case unreachable
}
