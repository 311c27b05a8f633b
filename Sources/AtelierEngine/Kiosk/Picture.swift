/// The twelve pictures a participant who cannot type a name chooses from (issue #19): things anyone can name
/// in their own language, with no letter, flag, gesture or religious sign in them. The screen numbers them
/// 1-12 in this order; the data file keeps their ids, which never change (a new picture goes at the end).
public enum Picture: String, CaseIterable, Sendable, Hashable {
    case sun, moon, tree, fish, house, key, bicycle, apple, flower, umbrella, hand, bird

    /// Its number on screen, 1-12.
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// The picture with number `number` on screen, if there is one.
    public init?(number: Int) {
        guard Self.allCases.indices.contains(number - 1) else { return nil }
        self = Self.allCases[number - 1]
    }

    /// The interface string that names it in the participant's language: `picture.sun`.
    public var nameKey: String { "picture." + rawValue }
}
