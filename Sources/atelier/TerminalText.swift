import AtelierText

/// Text from content files on its way to a terminal: sanitised first, always.
enum TerminalText {
    static func line(_ text: String) -> String {
        TerminalSanitizer.sanitizeLine(text)
    }
}
