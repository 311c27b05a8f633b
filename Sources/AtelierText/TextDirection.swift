import CAtelierICU

/// The writing direction of a language or a paragraph.
public enum TextDirection: String, Sendable, Codable, CaseIterable {
    case leftToRight = "ltr"
    case rightToLeft = "rtl"
}

extension TextDirection {
    /// Whether `text` holds right-to-left characters: a right-to-left screen lays out text without any
    /// (a French term, an untranslated French fallback) from left to right.
    public static func containsRightToLeft(_ text: String) -> Bool {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { atelier_has_rtl($0.baseAddress, Int32($0.count)) != 0 }
    }
}

/// How a paragraph's direction is chosen.
public enum ParagraphDirection: Sendable, Equatable {
    /// From the first strong character (UAX #9 P2-P3); `fallback` when the paragraph has none.
    case firstStrong(fallback: TextDirection)
    /// Forced, e.g. by the language of a translated lesson, whose paragraphs may begin with a French term.
    case forced(TextDirection)
}

/// Who puts right-to-left text in visual order.
public enum BidiMode: String, Sendable, CaseIterable {
    /// Atelier reorders each line, shapes Arabic letters and right-aligns right-to-left paragraphs: for
    /// terminals that do no bidi (xterm, the Linux console, tmux, most others).
    case app
    /// Lines stay in logical order, unshaped and unpadded: for terminals that do bidi themselves (VTE-based
    /// ones such as GNOME Terminal, mlterm), which would otherwise reorder them a second time.
    case terminal
}
