/// Three pictures chosen one by one instead of a typed pseudonym (issue #19), to make a profile or to sign in.
/// The sequence, in order, is the profile's identity: it is kept as the pseudonym, in the canonical form
/// `pictures:sun-moon-key`.
public struct PictureChoice: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case newProfile
        /// Signing in, with the profiles the store listed: the sequence is looked up among them, so that a profile
        /// with a PIN is asked its PIN before anything reaches the store (as when it is chosen from the list).
        case signIn([KioskProfile])
    }

    public var purpose: Purpose
    public var chosen: [Picture]

    public init(purpose: Purpose, chosen: [Picture] = []) {
        self.purpose = purpose
        self.chosen = chosen
    }

    /// How many pictures make an identity: 12 × 12 × 12 = 1,728 sequences (a picture may come twice), enough
    /// for one kiosk's participants, and three are easy to remember.
    public static let length = 3

    public var isComplete: Bool { chosen.count == Self.length }

    /// The prefix of a picture pseudonym. The kiosk refuses a typed pseudonym of this form, and the store gives
    /// picture pseudonyms a key of their own (never the letters-and-accents key of a typed one), so that a typed
    /// pseudonym and a sequence of pictures can never be taken for each other.
    public static let prefix = "pictures:"

    /// The pseudonym kept for `pictures`: `pictures:sun-moon-key` (ids, not numbers: the ids never change).
    public static func pseudonym(_ pictures: [Picture]) -> String {
        prefix + pictures.map(\.rawValue).joined(separator: "-")
    }

    /// The pictures of a picture pseudonym, or nil for any other pseudonym. Case and surrounding spaces do not
    /// matter, so that a facilitator can type one (`atelier progress erase pictures:sun-moon-key`).
    public static func pictures(inPseudonym pseudonym: String) -> [Picture]? {
        let text = String(pseudonym.unicodeScalars.filter { !$0.properties.isWhitespace }).lowercased()
        guard text.hasPrefix(prefix) else { return nil }
        let ids = text.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        let pictures = ids.compactMap { Picture(rawValue: String($0)) }
        guard ids.count == length, pictures.count == length else { return nil }
        return pictures
    }

    /// Whether `pseudonym` is a picture pseudonym (or looks enough like one to be refused when typed).
    public static func isReserved(_ pseudonym: String) -> Bool {
        String(pseudonym.unicodeScalars.filter { !$0.properties.isWhitespace }).lowercased().hasPrefix(prefix)
    }
}
