import CAtelierICU

/// A line being typed, as a terminal that does no bidi must show it: readline draws the logical order from
/// left to right, so Arabic typed at the kiosk came out backwards and unjoined. This is the same line in
/// visual order (shaped and reordered like every row of the screen), right-aligned for a right-to-left
/// language, and where the caret stands in it.
public struct TypedLine: Equatable, Sendable {
    /// Exactly the field's width in columns (padded with spaces).
    public var row: String
    /// Columns from the field's left edge to the caret.
    public var caret: Int

    /// `caretUTF8` is the caret as readline keeps it: a byte offset into the UTF-8 line.
    public init(_ text: String, caretUTF8: Int, width: Int, direction: TextDirection) {
        let width = max(1, width)
        let bytes = Array(text.utf8)
        let cut = min(max(0, caretUTF8), bytes.count)
        // Sanitised like everything drawn; the caret is mapped through the same sanitising.
        var before = TerminalSanitizer.sanitizeLine(String(decoding: bytes[..<cut], as: UTF8.self))
        var after = TerminalSanitizer.sanitizeLine(String(decoding: bytes[cut...], as: UTF8.self))
        // Too long for the field: whole characters are dropped at the far end from the caret, the start of
        // the line first (what is being typed stays in view).
        while DisplayWidth.of(before + after) > width - 1 {
            if !before.isEmpty && DisplayWidth.of(after) < width - 1 { before.removeFirst() } else if !after.isEmpty { after.removeLast() } else { break }
        }
        let line = before + after
        let units = Array(line.utf16)
        var total: Int32 = 0
        let caretColumns = units.withUnsafeBufferPointer {
            atelier_visual_caret($0.baseAddress, Int32($0.count), direction == .rightToLeft ? 1 : 0, 1,
                                 Int32(before.utf16.count), &total)
        }
        let visual = TextLayout(width: width, direction: .forced(direction), bidi: .app).lines(line).first ?? ""
        let drawn = DisplayWidth.of(visual)
        var row = visual
        var start = 0
        if direction == .rightToLeft {
            // Right-aligned: the layout pads on the left, but may have trimmed a trailing space.
            let padding = max(0, width - drawn)
            row = String(repeating: " ", count: padding) + visual
            start = max(0, width - Int(total))
        } else {
            row = visual + String(repeating: " ", count: max(0, width - drawn))
        }
        self.row = row
        caret = min(width, start + Int(caretColumns))
    }
}
