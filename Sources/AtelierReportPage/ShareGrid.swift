import Plot

/// A grid of shares as inline SVG: one row per question, one column per language, each cell tinted from red (nobody
/// right) to green (everybody right) with its percentage. A translation that misleads shows as one red cell in a
/// green row. Cells hidden by the k-anonymity rule are grey, all alike, with "< 5"; an empty cell ("–") had no answer.
public struct ShareGrid: Sendable {
    public struct Cell: Hashable, Sendable {
        public var right: Int
        public var answered: Int

        public init(right: Int, answered: Int) {
            self.right = right
            self.answered = answered
        }
    }

    public var title: String
    public var columns: [String]
    /// Row labels and their cells, one per column.
    public var rows: [(label: String, cells: [Cell])]
    public var rightToLeft: Bool

    public init(title: String, columns: [String], rows: [(label: String, cells: [Cell])], rightToLeft: Bool) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.rightToLeft = rightToLeft
    }

    static let labelWidth = 220.0
    static let cellWidth = 52.0
    static let row = 24.0
    static let header = 22.0

    /// What a cell shows, and its tint (nil: no tint).
    static func look(_ cell: Cell) -> (text: String, fill: String, className: String) {
        if cell.answered == 0 { return ("–", "#ffffff", "cell empty") }
        guard let percent = SmallCount.percent(right: cell.right, of: cell.answered) else {
            return (SmallCount.masked, "#e2e2e2", "cell hidden")
        }
        // Hue 0 (red) to 120 (green), light enough for dark text to keep its contrast.
        return ("\(percent) %", "hsl(\(percent * 120 / 100), 70%, 84%)", "cell")
    }

    public var svg: Node<HTML.BodyContext> {
        let width = Self.labelWidth + Double(max(1, columns.count)) * Self.cellWidth + 4
        let height = Self.header + Double(rows.count) * Self.row + 4
        func x(_ from: Double, _ length: Double) -> Double { rightToLeft ? width - from - length : from }
        var nodes: [Node<HTML.BodyContext>] = []
        for (index, column) in columns.enumerated() {
            let left = Self.labelWidth + Double(index) * Self.cellWidth
            nodes.append(SVG.text(column, x: x(left, Self.cellWidth) + Self.cellWidth / 2, y: Self.header / 2,
                                  anchor: "middle", className: "column"))
        }
        for (rowIndex, row) in rows.enumerated() {
            let top = Self.header + Double(rowIndex) * Self.row
            var cells: [Node<HTML.BodyContext>] = [
                SVG.text(BarChart.shortened(row.label, to: 30), x: x(0, Self.labelWidth - 6) + (rightToLeft ? 0 : Self.labelWidth - 6),
                         y: top + Self.row / 2, anchor: "end", className: "label"),
            ]
            for (index, cell) in row.cells.enumerated() {
                let left = Self.labelWidth + Double(index) * Self.cellWidth
                let look = Self.look(cell)
                let column = index < columns.count ? columns[index] : ""
                cells.append(SVG.element("g", [
                    SVG.element("title", [Markup.text("\(row.label) · \(column): \(look.text)")]),
                    SVG.rect(x: x(left, Self.cellWidth) + 1, y: top + 1, width: Self.cellWidth - 2, height: Self.row - 2,
                             className: look.className, fill: look.fill),
                    SVG.text(look.text, x: x(left, Self.cellWidth) + Self.cellWidth / 2, y: top + Self.row / 2,
                             anchor: "middle", className: "number"),
                ]))
            }
            nodes.append(SVG.element("g", cells))
        }
        return SVG.root(title: title, width: width, height: height, rightToLeft: rightToLeft, nodes)
    }
}
