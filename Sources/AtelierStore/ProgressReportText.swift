import AtelierText

extension ProgressReport {
    /// The report as `atelier progress report` prints it, wrapped to `width` columns (the terminal's): long
    /// prompts and many languages go on to indented lines rather than being cut, and a count stays with what it
    /// counts (joined by no-break spaces, which the layout does not break at).
    public func text(width: Int) -> String {
        let width = max(40, width)
        var out = Self.wrap("\(module): \(started) started, \(completed) completed", width: width, indent: "")
        for (number, question) in questions.enumerated() {
            out += "\n" + Self.wrap("\(number + 1). \(question.step) (\(question.kind)): \(question.prompt)", width: width,
                                    indent: "", hanging: "   ")
            guard question.answered > 0 else {
                out += "   not answered yet\n"
                continue
            }
            let percent = question.right * 100 / question.answered
            let languages = question.byLanguage.sorted { $0.key < $1.key }
                .map { Self.tied("\($0.key) \($0.value.right)/\($0.value.answered)") }
            out += Self.wrap(([Self.tied("right: \(question.right) of \(question.answered) (\(percent)%)")] + languages)
                .joined(separator: "   "), width: width, indent: "   ", hanging: "      ")
            if !question.missedChoices.isEmpty {
                let missed = question.missedChoices.map { "\($0.response)\u{A0}×\($0.count)" }.joined(separator: ", ")
                out += Self.wrap("most missed: " + missed, width: width, indent: "   ", hanging: "      ")
            }
        }
        if !erasures.isEmpty {
            let total = erasures.map(\.count).reduce(0, +)
            let days = erasures.map { Self.tied("\($0.count) on \($0.day)") }.joined(separator: ", ")
            out += "\n" + Self.wrap("\(total) participant\(total == 1 ? "" : "s") erased (answers left every report): " + days,
                                    width: width, indent: "")
        }
        return out
    }

    /// Spaces inside `text` made unbreakable.
    static func tied(_ text: String) -> String { text.replacingOccurrences(of: " ", with: "\u{A0}") }

    /// `text` sanitised and wrapped between words (a word is only split when it is wider than a whole line), each
    /// row ended by a newline; `indent` before the first row, `hanging` before the others. Logical order: the
    /// report goes to files and pagers as much as to terminals.
    public static func wrap(_ text: String, width: Int, indent: String, hanging: String? = nil) -> String {
        let hanging = hanging ?? indent
        let inner = max(1, width - max(indent.count, hanging.count))
        let lines = TextLayout(width: inner, direction: .forced(.leftToRight), bidi: .terminal).lines(text)
        guard !lines.isEmpty else { return indent + "\n" }
        let rows = lines.enumerated().map { ($0.offset == 0 ? indent : hanging) + $0.element }
        return rows.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }
}
