import Plot

/// The few SVG elements the charts draw, as Plot nodes; every value through `Markup`.
enum SVG {
    static func element(_ name: String, _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(named: name, nodes: nodes)
    }

    /// The `<svg>`: shrinks to its container's width (and to A4 in print), named for screen readers by `title`; its
    /// numbers are also in the table that follows it.
    static func root(title: String, width: Double, height: Double, rightToLeft: Bool,
                     _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        element("svg", [
            Markup.attribute("xmlns", "http://www.w3.org/2000/svg"),
            Markup.attribute("viewBox", "0 0 \(Markup.number(width)) \(Markup.number(height))"),
            // Drawn at its natural size (12 px text), smaller only when the page is narrower.
            Markup.attribute("width", Markup.number(width)),
            Markup.attribute("role", "img"),
            Markup.attribute("aria-label", title),
            Markup.attribute("direction", rightToLeft ? "rtl" : "ltr"),
            Markup.attribute("class", "chart"),
        ] + nodes)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, className: String, fill: String? = nil) -> Node<HTML.BodyContext> {
        element("rect", [Markup.attribute("x", Markup.number(x)), Markup.attribute("y", Markup.number(y)),
                         Markup.attribute("width", Markup.number(width)), Markup.attribute("height", Markup.number(height)),
                         Markup.attribute("class", className)] + (fill.map { [Markup.attribute("fill", $0)] } ?? []))
    }

    /// Text whose `anchor` (start or end) is taken in the chart's direction: "end" is the left edge right to left.
    static func text(_ text: String, x: Double, y: Double, anchor: String, className: String) -> Node<HTML.BodyContext> {
        element("text", [Markup.attribute("x", Markup.number(x)), Markup.attribute("y", Markup.number(y)),
                         Markup.attribute("text-anchor", anchor), Markup.attribute("dominant-baseline", "central"),
                         Markup.attribute("class", className), Markup.text(text)])
    }
}
