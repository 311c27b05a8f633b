import CAtelierICU

/// What a name looks like, reduced so that two names a reader could take for one another are equal: "Anna"
/// and "Аnna" (its first letter Cyrillic), "Alex" and "Αlex" (Greek), "Ivan" and "lvan". For refusing a
/// nickname that impersonates another in a room; `MatchKey` is for comparing answers, and sees the Cyrillic А
/// as another letter.
///
/// ICU's confusable skeleton (UTS #39, `uspoof_getSkeleton`) does the work: its data knows the look-alikes
/// of every script, which no table of ours would. Spaces and punctuation are left out ("Anna." is Anna too).
public struct ConfusableSkeleton: Hashable, Sendable {
    public let units: [UInt16]

    /// ICU's skeleton of `text` as written.
    public init(_ text: String) {
        self.init(units: text.utf16Units, refold: false)
    }

    init(units text: [UInt16], refold: Bool) {
        let skeleton = text.isEmpty ? [] : (withGrowingBuffer(initialCapacity: text.count * 2 + 8) { (out: UnsafeMutablePointer<UInt16>, capacity) in
            text.withUnsafeBufferPointer { atelier_confusable_skeleton($0.baseAddress, Int32($0.count), out, capacity) }
        } ?? text)  // Without ICU's data (never on a real install) the text itself still catches plain duplicates.
        let kept = String(utf16Units: refold ? Folding.fold(skeleton) : skeleton).unicodeScalars.filter { scalar in
            !scalar.properties.isWhitespace && !Self.isPunctuation(scalar)
        }
        units = Array(String(String.UnicodeScalarView(kept)).utf16)
    }

    /// The skeletons a nickname is compared by; two names look alike when they share one. As written, for
    /// what only case shows ("Ivan" and "lvan": ICU's skeleton of I is l); and case-folded before and after,
    /// because the skeleton keeps case and a room that saw "Anna" takes "аnna" (Cyrillic а) for her too.
    public static func forms(of name: String) -> Set<ConfusableSkeleton> {
        let written = ConfusableSkeleton(name)
        let folded = ConfusableSkeleton(units: Folding.fold(name.utf16Units), refold: true)
        return Set([written, folded].filter { !$0.isEmpty })
    }

    public var isEmpty: Bool { units.isEmpty }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
