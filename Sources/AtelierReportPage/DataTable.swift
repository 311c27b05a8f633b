import Plot

/// The table under a chart, with the same numbers, for screen readers and for reading exact values: a caption,
/// column headers (`th scope="col"`) and each row's first cell as its header (`th scope="row"`).
struct DataTable {
    var caption: String
    var columns: [String]
    /// Each row: its header cell, then its data cells (already written under the k-anonymity rule).
    var rows: [(header: String, cells: [String])]

    var node: Node<HTML.BodyContext> {
        // A focusable, named region: a wide table scrolls sideways on a narrow screen, and a keyboard must reach it.
        .div(.class("table"), Markup.attribute("tabindex", "0"), Markup.attribute("role", "region"), Markup.attribute("aria-label", caption), .table(
            .caption(Markup.text(caption)),
            .thead(.tr(.group(columns.map { Node<HTML.TableRowContext>.th(Markup.attribute("scope", "col"), Markup.text($0)) }))),
            .tbody(.group(rows.map { row in
                Node<HTML.TableContext>.tr(.th(Markup.attribute("scope", "row"), Markup.text(row.header)),
                    .group(row.cells.map { Node<HTML.TableRowContext>.td(Markup.text($0)) }))
            }))
        ))
    }
}
