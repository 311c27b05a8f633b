/// Digits, dots and colons five rows high, for the join address and the game code on the projector: they
/// must read from the back of the room.
enum BigText {
    static let glyphs: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"], "1": [" █ ", "██ ", " █ ", " █ ", "███"],
        "2": ["███", "  █", "███", "█  ", "███"], "3": ["███", "  █", "███", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"], "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"], "7": ["███", "  █", "  █", "  █", "  █"],
        "8": ["███", "█ █", "███", "█ █", "███"], "9": ["███", "█ █", "███", "  █", "███"],
        ".": ["   ", "   ", "   ", "   ", " █ "], ":": ["   ", " █ ", "   ", " █ ", "   "],
    ]

    /// Five rows, or nil when `text` has a character without a glyph or does not fit in `width`.
    static func rows(_ text: String, width: Int) -> [String]? {
        let characters = Array(text)
        guard characters.allSatisfy({ glyphs[$0] != nil }), characters.count * 4 - 1 <= width else { return nil }
        return (0..<5).map { row in characters.map { glyphs[$0]![row] }.joined(separator: " ") }
    }
}
