import AtelierContent
import AtelierStore
import AtelierText
import Plot

/// `atelier progress report --html FILE`: one self-contained page (no script, no font, no image, no request; the
/// charts are inline SVG) that a facilitator opens offline or prints on A4. Built from a `ProgressOverview`, the same
/// value for one kiosk's data file and for the shared server.
///
/// Under every chart, a table with the same numbers. Every number of people goes through `SmallCount` (k = 5), and
/// the overview holds no pseudonym, so none can reach the page.
public struct ProgressPage: Sendable {
    public var overview: ProgressOverview
    public var strings: InterfaceStrings
    /// What the numbers cover: this kiosk, every site, or one site (already in the page's language).
    public var scope: String
    /// The day the page was made (yyyy-mm-dd), given by the shell: the page reads no clock.
    public var day: String
    /// A language's name for the tables' headers (its endonym), by code.
    public var languageName: @Sendable (String) -> String

    public init(overview: ProgressOverview, strings: InterfaceStrings, scope: String, day: String,
                languageName: @escaping @Sendable (String) -> String) {
        self.overview = overview
        self.strings = strings
        self.scope = scope
        self.day = day
        self.languageName = languageName
    }

    var rightToLeft: Bool { strings.language.direction == .rightToLeft }

    func text(_ key: String, _ arguments: [String: MessageArgument] = [:]) -> String { strings.text(key, arguments) }

    /// The whole page.
    public var html: String {
        HTML(
            Markup.attribute("lang", strings.language.code),
            Markup.attribute("dir", rightToLeft ? "rtl" : "ltr"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(Markup.escape(text("report.title"))),
                .style(Self.css)
            ),
            .body(.main(
                .h1(Markup.text(text("report.title"))),
                .p(.class("meta"), Markup.text(scope), .text(" · "), Markup.text(text("report.made", ["date": .string(day)]))),
                .p(.class("rule"), Markup.text(text("report.rule"))),
                erasures,
                weeks,
                // Modules nobody started would be rows of zeros: left out.
                .group(overview.funnels.filter { $0.started > 0 }.map(funnel)),
                firstTries,
                mostMissed,
                sessions
            ))
        ).render()
    }

    // MARK: - Sections

    /// "participants erased on <date>: N" lines, N under 5 written "< 5" like every other count of people.
    var erasures: Node<HTML.BodyContext> {
        guard !overview.erasures.isEmpty else { return .empty }
        return .ul(.class("erasures"), .group(overview.erasures.map {
            .li(Markup.text(text("report.erased", ["date": .string($0.day), "count": .string(SmallCount.text($0.count))])))
        }))
    }

    var weeks: Node<HTML.BodyContext> {
        let title = text("report.weeks.title")
        let items = overview.weeks.map { (label: text("report.weeks.week", ["date": .string($0.monday)]), count: $0.participants) }
        return section(id: "weeks", title: title, chart: items.isEmpty ? nil : BarChart.counts(title: title, items, rightToLeft: rightToLeft).svg,
                       table: DataTable(caption: title, columns: [text("report.weeks.column.week"), text("report.weeks.column.active")],
                                        rows: items.map { ($0.label, [SmallCount.text($0.count)]) }))
    }

    func funnel(_ funnel: ProgressOverview.Funnel) -> Node<HTML.BodyContext> {
        let title = text("report.funnel.title", ["module": .string(funnel.title)])
        let items = [(label: text("report.funnel.started"), count: funnel.started)]
            + funnel.stages.enumerated().map { (label: "\($0.offset + 1). \($0.element.prompt)", count: $0.element.participants) }
        return section(id: "funnel-\(funnel.module)", title: title,
                       chart: BarChart.counts(title: title, items, rightToLeft: rightToLeft).svg,
                       table: DataTable(caption: title, columns: [text("report.column.step"), text("report.funnel.column.reached")],
                                        rows: items.map { ($0.label, [SmallCount.text($0.count)]) }))
    }

    var firstTries: Node<HTML.BodyContext> {
        let title = text("report.first.title")
        let answered = overview.questions.filter { $0.total.answered > 0 }
        let languages = overview.languages
        let grid = ShareGrid(title: title, columns: languages, rows: answered.map { question in
            (label: "\(question.module) · \(question.prompt)",
             cells: languages.map { ShareGrid.Cell(right: question.byLanguage[$0]?.right ?? 0, answered: question.byLanguage[$0]?.answered ?? 0) })
        }, rightToLeft: rightToLeft)
        let table = DataTable(
            caption: title,
            columns: [text("report.column.question"), text("report.first.column.answered"), text("report.first.column.all")]
                + languages.map { "\(languageName($0)) (\($0))" },
            rows: answered.map { question in
                ("\(question.module) · \(question.prompt)",
                 [SmallCount.text(question.total.answered), Self.share(question.total)]
                    + languages.map { Self.share(question.byLanguage[$0] ?? .init()) })
            })
        return section(id: "first-tries", title: title, chart: answered.isEmpty ? nil : grid.svg, table: table)
    }

    var mostMissed: Node<HTML.BodyContext> {
        let title = text("report.missed.title")
        let missed = overview.mostMissed()
        let chart = BarChart.counts(title: title, missed.map { (label: "\($0.module) · \($0.prompt)", count: $0.missed) },
                                    rightToLeft: rightToLeft)
        return section(id: "most-missed", title: title, chart: missed.isEmpty ? nil : chart.svg,
                       table: DataTable(caption: title,
                                        columns: [text("report.column.question"), text("report.missed.column.missed"),
                                                  text("report.first.column.answered")],
                                        rows: missed.map { ("\($0.module) · \($0.prompt)", [SmallCount.text($0.missed), SmallCount.text($0.total.answered)]) }))
    }

    var sessions: Node<HTML.BodyContext> {
        let title = text("report.sessions.title")
        let sessions = overview.sessions
        let chart = BarChart.shares(title: title, sessions.map { (label: "\($0.day) · \($0.module)", right: $0.right, answered: $0.answers) },
                                    rightToLeft: rightToLeft)
        return section(id: "quiz-sessions", title: title, chart: sessions.isEmpty ? nil : chart.svg,
                       table: DataTable(caption: title,
                                        columns: [text("report.sessions.column.session"), text("report.sessions.column.day"),
                                                  text("report.sessions.column.module"), text("report.sessions.column.players"),
                                                  text("report.sessions.column.answers"), text("report.sessions.column.right")],
                                        rows: sessions.map { ($0.id, [$0.day, $0.module, SmallCount.text($0.players), SmallCount.text($0.answers),
                                                                      Self.share(.init(answered: $0.answers, right: $0.right))]) }))
    }

    /// A section: its heading, its chart (or "nothing yet"), its table.
    func section(id: String, title: String, chart: Node<HTML.BodyContext>?, table: DataTable) -> Node<HTML.BodyContext> {
        .section(.id(Markup.escape(id)), .h2(Markup.text(title)),
                 chart.map { .div(.class("figure"), $0) } ?? .p(.class("empty"), Markup.text(text("report.empty"))),
                 table.rows.isEmpty ? .empty : table.node)
    }

    /// A share as the tables write it: "80 %", "< 5" under the rule, "–" when nobody answered.
    static func share(_ tally: ProgressReport.Tally) -> String {
        guard tally.answered > 0 else { return "–" }
        return SmallCount.percent(right: tally.right, of: tally.answered).map { "\($0) %" } ?? SmallCount.masked
    }

    /// System fonts only (no download), high contrast, and an A4 print layout where no chart is split across pages.
    static let css = """
        :root { color: #1a1a1a; background: #ffffff; font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
        body { margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid #2c5282; padding-bottom: 0.2rem; }
        .meta { color: #4a4a4a; margin: 0; }
        .rule { background: #fff8db; border-inline-start: 4px solid #8a6d00; padding: 0.5rem 0.75rem; }
        .figure svg { max-width: 100%; height: auto; display: block; }
        svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
        svg .bar { fill: #2c5282; }
        svg .bar.hidden { fill: none; stroke: #4a4a4a; stroke-dasharray: 3 2; }
        svg .cell { stroke: #ffffff; }
        svg .axis { stroke: #4a4a4a; }
        svg .column { font-weight: bold; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.9rem; }
        caption { text-align: start; font-weight: bold; padding: 0.25rem 0; }
        th, td { border: 1px solid #bdbdbd; padding: 0.2rem 0.5rem; text-align: start; vertical-align: top; }
        td { font-variant-numeric: tabular-nums; text-align: end; white-space: nowrap; }
        thead th { background: #eef2f7; }
        .empty { color: #4a4a4a; font-style: italic; }
        /* The lessons' French inside an Arabic page: each text takes its own direction from its first letter, so
           "1. Quel est…" does not come out as "…est Quel .1"; alignment still follows the page. */
        h2, caption, th, td, li, svg text { unicode-bidi: plaintext; }
        @page { size: A4; margin: 15mm; }
        @media print {
          main { max-width: none; padding: 0; }
          section { break-inside: avoid; }
          h2 { break-after: avoid; }
          .table { overflow: visible; }
        }
        """
}
