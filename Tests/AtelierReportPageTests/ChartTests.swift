import AtelierReportPage
import Plot
import Testing

/// The SVG layer: every label escaped, hidden numbers drawn alike, right to left mirrored.
struct ChartTests {
    static func render(_ node: Node<HTML.BodyContext>) -> String { HTML(.body(node)).render() }

    @Test(arguments: [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("\"><script>alert(1)</script>", "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("l'aide", "l&#39;aide"),
        ("&lt; already an entity", "&amp;lt; already an entity"),
        ("bidi \u{202E}override\u{202C} and \u{2066}isolate\u{2069}", "bidi override and isolate"),
        ("control\u{0007}\u{001B}[31m", "control[31m"),
        ("line\nbreak", "line break"),
        ("عربي 中文", "عربي 中文"),
    ])
    func markupEscapesWhatCouldBecomeMarkup(raw: String, escaped: String) {
        #expect(Markup.escape(raw) == escaped)
    }

    @Test func everyLabelOfABarChartIsEscapedInTextAndInTitles() {
        let hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>&amp;"
        let chart = BarChart.counts(title: hostile, [(label: hostile, count: 12), (label: "ok", count: 7)], rightToLeft: false)
        let html = Self.render(chart.svg)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("\"><script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Plot keeps entities it finds: ours, escaped once, not twice, and the literal "&amp;" shown as typed.
        #expect(html.contains("&amp;amp;") && !html.contains("&amp;lt;script"))
        #expect(html.contains("aria-label=\"&quot;&gt;&lt;script&gt;"))
    }

    @Test func everyLabelOfAShareGridIsEscaped() {
        let grid = ShareGrid(title: "<t>", columns: ["<ar>"], rows: [(label: "</svg><script>", cells: [.init(right: 6, answered: 12)])],
                             rightToLeft: true)
        let html = Self.render(grid.svg)
        #expect(!html.contains("<script") && !html.contains("<ar>") && !html.contains("</svg><script"))
        #expect(html.contains("50 %"))
    }

    /// A hidden bar says nothing by its length: 1 and 4 people draw the same chart, and the other bars keep their scale.
    @Test(arguments: [1, 2, 3, 4])
    func hiddenCountsDrawTheSameBar(count: Int) {
        let chart = Self.render(BarChart.counts(title: "t", [(label: "a", count: 20), (label: "b", count: count)], rightToLeft: false).svg)
        let reference = Self.render(BarChart.counts(title: "t", [(label: "a", count: 20), (label: "b", count: 1)], rightToLeft: false).svg)
        #expect(chart == reference)
        #expect(chart.contains("&lt; 5") && !chart.contains(">\(count)<"))
        // When the hidden number is the largest, it does not set the scale of the others either.
        let largest = Self.render(BarChart.counts(title: "t", [(label: "a", count: 0), (label: "b", count: count)], rightToLeft: false).svg)
        let other = Self.render(BarChart.counts(title: "t", [(label: "a", count: 0), (label: "b", count: 1)], rightToLeft: false).svg)
        #expect(largest == other)
    }

    @Test(arguments: [(1, 10), (9, 10), (3, 3), (0, 4)])
    func hiddenSharesDrawTheSameBar(right: Int, answered: Int) {
        let chart = Self.render(BarChart.shares(title: "t", [(label: "q", right: right, answered: answered)], rightToLeft: false).svg)
        let reference = Self.render(BarChart.shares(title: "t", [(label: "q", right: 1, answered: 10)], rightToLeft: false).svg)
        #expect(chart == reference)
        let cell = Self.render(ShareGrid(title: "t", columns: ["fr"], rows: [(label: "q", cells: [.init(right: right, answered: answered)])],
                                         rightToLeft: false).svg)
        let cellReference = Self.render(ShareGrid(title: "t", columns: ["fr"], rows: [(label: "q", cells: [.init(right: 1, answered: 10)])],
                                                  rightToLeft: false).svg)
        #expect(cell == cellReference)
    }

    /// Right to left: labels on the right, bars growing leftwards from an axis on the labels' side.
    @Test func rightToLeftMirrorsTheChart() throws {
        func numbers(_ html: String, _ element: String, _ attribute: String) -> [Double] {
            html.components(separatedBy: "<\(element) ").dropFirst().compactMap { piece in
                guard let range = piece.range(of: "\(attribute)=\"") else { return nil }
                return Double(piece[range.upperBound...].prefix { $0 != "\"" })
            }
        }
        let items = [(label: "x", count: 30), (label: "y", count: 10)]
        let ltr = Self.render(BarChart.counts(title: "t", items, rightToLeft: false).svg)
        let rtl = Self.render(BarChart.counts(title: "t", items, rightToLeft: true).svg)
        #expect(rtl.contains("direction=\"rtl\"") && ltr.contains("direction=\"ltr\""))
        let (ltrBars, rtlBars) = (numbers(ltr, "rect", "x"), numbers(rtl, "rect", "x"))
        let widths = numbers(ltr, "rect", "width")
        #expect(widths == numbers(rtl, "rect", "width") && widths[0] > widths[1])
        // Mirror images: x' = width - x - w.
        for (index, x) in ltrBars.enumerated() {
            #expect(abs(rtlBars[index] - (640 - x - widths[index])) < 0.11)
        }
        let (ltrLabel, rtlLabel) = (try #require(numbers(ltr, "text", "x").first), try #require(numbers(rtl, "text", "x").first))
        #expect(ltrLabel < ltrBars[0] && rtlLabel > rtlBars[0] + widths[0])
    }
}

/// k = 5: numbers of 1 to 4 people, and shares that would give them away, are not shown.
struct SmallCountTests {
    @Test(arguments: [(0, "0"), (1, "< 5"), (4, "< 5"), (5, "5"), (123, "123")])
    func counts(count: Int, text: String) { #expect(SmallCount.text(count) == text) }

    @Test(arguments: [
        (0, 0, nil), (2, 4, nil), (5, 5, 100), (0, 5, 0), (5, 10, 50), (1, 10, nil), (9, 10, nil), (6, 10, nil), (6, 11, 55), (10, 12, nil), (2, 3, nil),
    ] as [(Int, Int, Int?)])
    func shares(right: Int, answered: Int, percent: Int?) {
        #expect(SmallCount.percent(right: right, of: answered) == percent)
    }
}
