import Plot

/// A horizontal bar chart as inline SVG: one row per bar, its label, its bar, its number. Right to left, the whole
/// chart is mirrored (labels on the right, bars growing leftwards), as an Arabic reader scans it.
///
/// A bar hidden by the k-anonymity rule (`value` nil) is drawn as a dashed outline of one fixed length, the same
/// for every hidden bar, so its length says nothing about the number behind it.
public struct BarChart: Sendable {
    public struct Bar: Hashable, Sendable {
        public var label: String
        /// The bar's length on the chart's scale; nil when the number is hidden.
        public var value: Int?
        /// The number written beside the bar ("12", "80 %", "< 5").
        public var text: String

        public init(label: String, value: Int?, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    public var title: String
    public var bars: [Bar]
    public var maximum: Int
    public var rightToLeft: Bool

    public init(title: String, bars: [Bar], maximum: Int, rightToLeft: Bool) {
        self.title = title
        self.bars = bars
        self.maximum = max(1, maximum)
        self.rightToLeft = rightToLeft
    }

    /// Bars of people counted, hidden under the rule.
    public static func counts(title: String, _ items: [(label: String, count: Int)], rightToLeft: Bool) -> BarChart {
        BarChart(title: title, bars: items.map { Bar(label: $0.label, value: SmallCount.hides($0.count) ? nil : $0.count,
                                                     text: SmallCount.text($0.count)) },
                 // The scale from the shown numbers only: a hidden one must not set the other bars' lengths.
                 maximum: items.map(\.count).filter { !SmallCount.hides($0) }.max() ?? 1, rightToLeft: rightToLeft)
    }

    /// Bars of shares in percent (`right` of `answered`), hidden under the rule; "–" when nobody answered.
    public static func shares(title: String, _ items: [(label: String, right: Int, answered: Int)], rightToLeft: Bool) -> BarChart {
        BarChart(title: title, bars: items.map { item in
            if item.answered == 0 { return Bar(label: item.label, value: 0, text: "–") }
            guard let percent = SmallCount.percent(right: item.right, of: item.answered) else {
                return Bar(label: item.label, value: nil, text: SmallCount.masked)
            }
            return Bar(label: item.label, value: percent, text: "\(percent) %")
        }, maximum: 100, rightToLeft: rightToLeft)
    }

    static let width = 640.0
    static let labelWidth = 250.0
    static let numberWidth = 56.0
    static let row = 24.0
    static let barHeight = 16.0
    /// A hidden bar's length, as a share of the bar area.
    static let hiddenLength = 0.06
    /// Characters of a label drawn in the chart; the table below has the whole text.
    static let labelCharacters = 34

    /// The chart's `<svg>` element.
    public var svg: Node<HTML.BodyContext> {
        let area = Self.width - Self.labelWidth - Self.numberWidth - 12
        let height = Double(bars.count) * Self.row + 8
        // x of a span [from, from + length] measured from the reading start: mirrored right to left.
        func x(_ from: Double, _ length: Double) -> Double { rightToLeft ? Self.width - from - length : from }
        var rows: [Node<HTML.BodyContext>] = []
        for (index, bar) in bars.enumerated() {
            let top = 4 + Double(index) * Self.row
            let middle = top + Self.row / 2
            let barStart = Self.labelWidth + 6
            let length = bar.value.map { area * Double(min($0, maximum)) / Double(maximum) } ?? area * Self.hiddenLength
            var nodes: [Node<HTML.BodyContext>] = [
                SVG.element("title", [Markup.text("\(bar.label): \(bar.text)")]),
                SVG.text(Self.shortened(bar.label), x: x(0, Self.labelWidth - 4) + (rightToLeft ? 0 : Self.labelWidth - 4),
                         y: middle, anchor: "end", className: "label"),
            ]
            if bar.value == nil {
                nodes.append(SVG.rect(x: x(barStart, length), y: top + (Self.row - Self.barHeight) / 2, width: length,
                                      height: Self.barHeight, className: "bar hidden"))
            } else if length > 0 {
                nodes.append(SVG.rect(x: x(barStart, length), y: top + (Self.row - Self.barHeight) / 2, width: length,
                                      height: Self.barHeight, className: "bar"))
            }
            let numberAt = barStart + length + 6
            nodes.append(SVG.text(bar.text, x: x(numberAt, 0), y: middle, anchor: "start", className: "number"))
            rows.append(SVG.element("g", nodes))
        }
        // The axis line, at the bars' start.
        let axis = x(Self.labelWidth + 6, 0)
        rows.append(SVG.element("line", [Markup.attribute("x1", Markup.number(axis)), Markup.attribute("x2", Markup.number(axis)),
                                         Markup.attribute("y1", "2"), Markup.attribute("y2", Markup.number(height - 2)),
                                         Markup.attribute("class", "axis")]))
        return SVG.root(title: title, width: Self.width, height: height, rightToLeft: rightToLeft, rows)
    }

    static func shortened(_ label: String, to limit: Int = labelCharacters) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }
}
