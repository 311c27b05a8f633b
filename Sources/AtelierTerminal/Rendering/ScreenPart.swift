import AtelierText

/// A part of a kiosk screen, as both the screen and its reading aloud know it. The renderers mark the row where
/// each part begins (`Screen.marks`); the read-aloud script tags its segments with the part they read; reading
/// from a page then leaves out the parts that lie wholly on the pages before it. Parts that are drawn but not
/// read (the header, the progress bar, the glossary) are marked too, so that each part ends where the next begins.
public enum ScreenPart: Hashable, Sendable {
    case header, title, progress, text, terms, meanings, hint, feedback, explanation, glossary, notice, instruction, commands
    /// A numbered option (a choice, a language, a module, a menu entry).
    case option(Int)
    /// The n-th paragraph of a message screen.
    case paragraph(Int)

    /// Spelled out rather than `"\(self)"`: describing an enum value goes through reflection, whose conformance
    /// look-ups were a twentieth of the kiosk's start (issue #24).
    var name: String {
        switch self {
        case .header: "header"
        case .title: "title"
        case .progress: "progress"
        case .text: "text"
        case .terms: "terms"
        case .meanings: "meanings"
        case .hint: "hint"
        case .feedback: "feedback"
        case .explanation: "explanation"
        case .glossary: "glossary"
        case .notice: "notice"
        case .instruction: "instruction"
        case .commands: "commands"
        case .option(let number): "option.\(number)"
        case .paragraph(let index): "paragraph.\(index)"
        }
    }
}

extension ScreenBuilder {
    mutating func mark(_ part: ScreenPart) { mark(part.name) }
}
