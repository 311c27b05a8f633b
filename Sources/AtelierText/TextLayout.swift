/// Text laid out for a terminal, as the kiosk shows it: sanitised, wrapped, in visual order.
public struct TextLayout: Sendable {
    public var width: Int
    public var direction: ParagraphDirection
    public var bidi: BidiMode

    public init(width: Int, direction: ParagraphDirection = .firstStrong(fallback: .leftToRight), bidi: BidiMode = .app) {
        self.width = width
        self.direction = direction
        self.bidi = bidi
    }

    /// The rows of `text`, none wider than `width` columns. Right-to-left paragraphs come right-aligned
    /// (padded with spaces on the left) in `.app` mode.
    public func lines(_ text: String) -> [String] {
        var rows: [String] = []
        let stream = LayoutStream(width: width, direction: direction, bidi: bidi)
        let sanitized = TerminalSanitizer.sanitize(units: text.utf16Units)
        sanitized.withUnsafeBufferPointer { units in
            stream.feed(units) { rows.append(String(utf16Units: $0)) }
        }
        stream.finish { rows.append(String(utf16Units: $0)) }
        return rows
    }
}
