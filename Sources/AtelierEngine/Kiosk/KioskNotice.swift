/// A sentence the kiosk adds under a screen, as a value: the screens turn it into the participant's language.
public enum KioskNotice: Hashable, Sendable {
    /// A number that is not on the screen.
    case invalidChoice
    /// Something typed on a finished question's feedback: Enter goes on.
    case pressEnter
    case pinInvalid
    case pseudonymTaken
    case pseudonymTooLong
    case pseudonymEmpty
    /// A new profile's three pictures belong to someone else already.
    case picturesTaken
    /// No profile has the three pictures given to sign in.
    case picturesUnknown
    case wrongPIN(attemptsLeft: Int)
    case locked(minutes: Int)
    /// The other sites could not be asked for a profile (no network, server away or slow): a new profile here
    /// is offered.
    case otherSitesUnreachable
    /// 0 on the first screen with no facilitator PIN set: how to set one.
    case noFacilitatorPIN
    /// The listen key on a machine without sound.
    case noSound
    /// The listen key in a language no voice reads: the screen is read in French.
    case readInFrench
}
