/// Where a participant is at the kiosk: one screen each.
public enum KioskPlace: Sendable, Equatable {
    /// The language picker; 0 asks to leave.
    case welcome
    case privacy
    case profileMenu
    case newPseudonym
    case newPIN(pseudonym: String)
    case choosePseudonym([KioskProfile])
    case askPIN(KioskProfile)
    /// A pseudonym typed on the list that no profile here has, with sync on: its PIN, before the other sites
    /// are asked (always asked, so that the screen tells nothing of whether the pseudonym exists elsewhere).
    case roamPIN(pseudonym: String)
    /// Three pictures instead of a typed pseudonym (issue #19): to make a profile, or to sign in.
    case pictures(PictureChoice)
    case catalogue
    case lesson(KioskLesson)
    /// An open answer was written: may it be kept?
    case reflectionConsent(KioskLesson, text: String)
    case summary(LessonSummary, module: Int)
    case chooseLanguage
    /// The read-aloud setting, opened from the catalogue: each new screen read aloud or not, and the speed.
    case readingSettings
    case confirmLanguage(String)
    case exitPIN
    /// After the facilitator PIN: what the kiosk offers and what it left out (modules refused, translations
    /// missing); 1 leaves the kiosk, anything else goes back to the first screen.
    case facilitator
    case outOfOrder

    /// What is read on this screen is a PIN: read with the echo off, never kept in any history.
    public var readsSecret: Bool {
        switch self {
        case .newPIN, .askPIN, .roamPIN, .exitPIN: return true
        default: return false
        }
    }

    /// A participant is at the kiosk (the idle timeout applies).
    public var inSession: Bool {
        switch self {
        case .welcome, .outOfOrder: return false
        default: return true
        }
    }
}
