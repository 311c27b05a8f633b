
/// One screen, as rows for the terminal (already laid out: sanitised, wrapped, in visual order), and the
/// prompt readline shows under it.
public struct Screen: Hashable, Sendable {
    public var rows: [String] = []
    public var prompt: String = "> "
    /// The row where each named part of the screen begins (its text, an option...), as the renderer marked it:
    /// reading a screen aloud from the page shown needs to know which parts that page holds. Not drawn.
    public var marks: [String: Int] = [:]

    public init(rows: [String] = [], prompt: String = "> ", marks: [String: Int] = [:]) {
        self.rows = rows
        self.prompt = prompt
        self.marks = marks
    }

    /// The rows as text, for golden files and `atelier preview`.
    public var text: String { rows.map { $0 + "\n" }.joined() }
}

/// How the terminal is set up: its size, colours, box drawing, who does bidi.
public struct TerminalStyle: Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// `--plain`: no colour, no box drawing.
    public var plain: Bool
    /// `NO_COLOR`: no colour.
    public var color: Bool
    public var bidi: BidiMode

    public init(width: Int, height: Int, plain: Bool = false, color: Bool = true, bidi: BidiMode = .app) {
        self.width = max(20, width)
        self.height = max(8, height)
        self.plain = plain
        self.color = color && !plain
        self.bidi = bidi
    }
}

/// Builds a screen row by row: every text goes through the layout (and so through the sanitiser).
public struct ScreenBuilder {
    public let style: TerminalStyle
    public let direction: TextDirection
    public var rows: [String] = []
    /// Where named parts begin (see `Screen.marks`).
    public var marks: [String: Int] = [:]

    public init(style: TerminalStyle, direction: TextDirection) {
        self.style = style
        self.direction = direction
    }

    public var width: Int { style.width }

    /// The screen's direction for text in its language; left to right for text with no right-to-left letter
    /// (French kept as it is, or shown because no translation exists yet).
    public func natural(_ text: String) -> TextDirection {
        direction == .rightToLeft && !TextDirection.containsRightToLeft(text) ? .leftToRight : direction
    }

    public mutating func blank() {
        if rows.last != "" { rows.append("") }
    }

    /// The part `name` begins at the next row (the first mark of a name counts).
    public mutating func mark(_ name: String) {
        if marks[name] == nil { marks[name] = rows.count }
    }

    /// The rows built so far, with their marks.
    public var screen: Screen { Screen(rows: rows, marks: marks) }

    /// A paragraph in the screen's language (or another direction, for the French beside a translation).
    public mutating func paragraph(_ text: String, direction: TextDirection? = nil, indent: Int = 0) {
        let layout = TextLayout(width: width - indent, direction: .forced(direction ?? natural(text)), bidi: style.bidi)
        let pad = String(repeating: " ", count: indent)
        rows += layout.lines(text).map { pad + $0 }
    }

    /// A line of trusted interface text, wrapped.
    public mutating func line(_ text: String) { paragraph(text) }

    public mutating func rule() {
        rows.append(String(repeating: style.plain ? "-" : "─", count: width))
    }

    /// `1 ▲ text`, the same number, symbol and colour in every language; wrapped with a hanging indent.
    public mutating func keyed(_ number: Int, _ text: String, direction: TextDirection? = nil) {
        let key = "\(number) \(Self.symbol(number))"
        let keyWidth = DisplayWidth.of(key) + 1
        let textDirection = direction ?? natural(text)
        let layout = TextLayout(width: width - keyWidth, direction: .forced(textDirection), bidi: style.bidi)
        let colored = paint(key, Self.color(number))
        for (index, line) in layout.lines(text).enumerated() {
            let head = index == 0 ? colored : String(repeating: " ", count: keyWidth - 1)
            if textDirection == .rightToLeft && style.bidi == .app {
                // Right to left: the key at the right end, where reading starts.
                let mirrored = paint("\(Self.symbol(number)) \(number)", Self.color(number))
                rows.append(line + (index == 0 ? " " + mirrored : ""))
            } else {
                rows.append(head + " " + line)
            }
        }
    }

    /// `███████░░░` (or `#######---` in plain mode).
    public func bar(_ done: Int, of total: Int, width: Int) -> String {
        let filled = total == 0 ? 0 : min(width, done * width / total)
        let (on, off) = style.plain ? ("#", "-") : ("█", "░")
        return String(repeating: on, count: filled) + String(repeating: off, count: width - filled)
    }

    public func paint(_ text: String, _ code: Int) -> String {
        style.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func dim(_ text: String) -> String { style.color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    public func bold(_ text: String) -> String { style.color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    static let symbols = ["▲", "●", "■", "◆", "★", "✚", "▼", "♥", "✱"]
    static let colors = [31, 34, 32, 33, 35, 36, 91, 94, 92]
    public static func symbol(_ number: Int) -> String { symbols[(number - 1) % symbols.count] }
    public static func color(_ number: Int) -> Int { colors[(number - 1) % colors.count] }
}
