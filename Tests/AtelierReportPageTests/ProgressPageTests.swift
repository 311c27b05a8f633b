import AtelierContent
import AtelierReportPage
@testable import AtelierStore
import Foundation
import Testing

/// The page from a real data file: no pseudonym, no small number, the right language and direction, nothing fetched.
struct ProgressPageTests {
    static func page(_ language: String, rows: [ExportRow]? = nil) throws -> (html: String, rows: [ExportRow]) {
        let directory = try ReportFixture.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ReportFixture.makeStore(at: directory.appendingPathComponent("atelier.sqlite").path)
        let rows = try rows ?? store.exportRows()
        let (registry, _) = LanguageRegistry.load(path: ReportFixture.locales + "/languages.yaml")
        let strings = InterfaceStrings.load(locales: ReportFixture.locales, language: registry.resolve(language))
        let page = ProgressPage(overview: ProgressOverview(rows: rows, modules: [try ReportFixture.module]), strings: strings,
                                scope: "Ce kiosque", day: "2026-12-14", languageName: { registry.resolve($0).endonym })
        return (page.html, rows)
    }

    @Test func noPseudonymReachesThePage() throws {
        let (html, rows) = try Self.page("fr")
        let pseudonyms = Set(rows.compactMap(\.pseudonym))
        #expect(pseudonyms.count == 32)
        for pseudonym in pseudonyms { #expect(!html.contains(pseudonym), "\(pseudonym) in the page") }
        #expect(!html.contains("Zéphyrine") && !html.contains("Z&#"))
    }

    /// The two Tigrinya participants are hidden wherever they would be counted; the page says why.
    @Test func smallGroupsAreWrittenLessThanFive() throws {
        let (html, _) = try Self.page("fr")
        #expect(html.contains("ትግርኛ (ti)"))
        let tigrinya = html.components(separatedBy: "<tr>").filter { $0.contains("<th scope=\"row\">") && $0.contains("coop-basics · ") }
        #expect(!tigrinya.isEmpty)
        // Every data cell is a number of 5 or more, 0, a share, "–" or "< 5": never 1 to 4.
        let cells = html.components(separatedBy: "<td>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(!cells.isEmpty)
        for cell in cells {
            let ok = cell == "&lt; 5" || cell == "–" || cell.hasSuffix(" %") || cell.contains("-") || (Int(cell).map { $0 == 0 || $0 >= 5 } ?? false)
            #expect(ok, "cell \(cell)")
        }
        #expect(cells.contains("&lt; 5"))
        #expect(html.contains("« &lt; 5 »"))
        // Prompts with their facts filled in, as the kiosk shows them.
        #expect(!html.contains("{fact."))
    }

    @Test(arguments: [("fr", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("prs", "rtl"), ("ps", "rtl"), ("zh", "ltr")])
    func thePageHasItsLanguageAndDirection(language: String, direction: String) throws {
        let (html, _) = try Self.page(language)
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"\(language)\" dir=\"\(direction)\">"), "\(html.prefix(80))")
        #expect(html.contains("direction=\"\(direction)\""))
        if language != "fr" {
            #expect(!html.contains("Rapport de progression"), "\(language) page still has the French title")
        }
    }

    /// Self-contained: nothing the browser would fetch, no script.
    @Test func thePageFetchesNothing() throws {
        let (html, _) = try Self.page("ar")
        for forbidden in ["<script", "<link", "<img", "src=", "href=", "url(", "@import", "http://", "https://"] {
            // The SVG namespace is a name, not a request.
            let scrubbed = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!scrubbed.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("@media print") && html.contains("size: A4"))
    }

    /// A hostile prompt or session id from the data reaches the page as text.
    @Test func textFromTheDataIsEscaped() throws {
        let row = ExportRow(source: "quiz", pseudonym: nil, module: "coop-basics", step: "x", response: "a", correct: true, attempt: nil,
                            hintUsed: nil, milliseconds: 1, language: "fr\"><script>", review: false, at: "2026-12-01T10:00:00Z",
                            session: "</table><script>alert(1)</script>")
        let (html, _) = try Self.page("fr", rows: [row])
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;/table&gt;&lt;script&gt;"))
    }
}

/// The store's record of erasures (#23): one line per day, how many and never whom, fewer than 5 written "< 5".
@Test func erasuresAreListedUnderTheTitle() throws {
    var overview = ProgressOverview(rows: [], modules: [])
    #expect(overview.erasures.isEmpty)
    overview.erasures = [ErasureDay(day: "2026-12-01", count: 2), ErasureDay(day: "2026-12-03", count: 7)]
    let (registry, _) = LanguageRegistry.load(path: ReportFixture.locales + "/languages.yaml")
    let strings = InterfaceStrings.load(locales: ReportFixture.locales, language: registry.resolve("fr"))
    let html = ProgressPage(overview: overview, strings: strings, scope: "Ce kiosque", day: "2026-12-14", languageName: { $0 }).html
    #expect(html.contains("<ul class=\"erasures\"><li>Participants effacés le 2026-12-01 : &lt; 5</li><li>Participants effacés le 2026-12-03 : 7</li></ul>"))
    #expect(!ProgressPage(overview: ProgressOverview(rows: [], modules: []), strings: strings, scope: "", day: "", languageName: { $0 })
        .html.contains("erasures"))
}

/// The overview's arithmetic on rows written by hand.
struct ProgressOverviewTests {
    @Test(arguments: [
        ("2026-12-07T10:00:00Z", "2026-12-07"), ("2026-12-06T23:59:59Z", "2026-11-30"), ("2026-01-01T00:00:00Z", "2025-12-29"),
        ("2024-02-29T12:00:00Z", "2024-02-26"), ("1970-01-01T00:00:00Z", "1969-12-29"),
    ])
    func weeksStartOnMonday(at: String, monday: String) {
        #expect(ProgressOverview.monday(of: at) == monday)
    }

    @Test func firstTriesFunnelsWeeksAndSessions() throws {
        func lesson(_ who: String, _ step: String, _ correct: Bool, attempt: Int = 1, review: Bool = false, language: String = "fr",
                    at: String = "2026-12-01T10:00:00Z") -> ExportRow {
            ExportRow(source: "lesson", pseudonym: who, module: "coop-basics", step: step, response: "r", correct: correct, attempt: attempt,
                      hintUsed: false, milliseconds: 1, language: language, review: review, at: at)
        }
        let module = try ReportFixture.module
        let (first, second) = (module.questions[0].id, module.questions[1].id)
        let rows = [
            lesson("a", first, false), lesson("a", first, true, attempt: 2), lesson("a", second, true),
            lesson("b", first, true, language: "ar", at: "2026-12-08T09:00:00Z"), lesson("b", first, false, review: true),
            ExportRow(source: "quiz", pseudonym: nil, module: "coop-basics", step: first, response: "c", correct: true, attempt: nil,
                      hintUsed: nil, milliseconds: 1, language: "ar", review: false, at: "2026-12-02T10:00:00Z", session: "quiz-1"),
            ExportRow(source: "quiz", pseudonym: "a", module: "coop-basics", step: second, response: "c", correct: false, attempt: nil,
                      hintUsed: nil, milliseconds: 1, language: "fr", review: false, at: "2026-12-02T10:01:00Z", session: "quiz-1"),
            // A skipped question's answer: kept, counted for nobody.
            ExportRow(source: "quiz", pseudonym: nil, module: "coop-basics", step: second, response: "d", correct: true, attempt: nil,
                      hintUsed: nil, milliseconds: 1, language: "zh", review: false, at: "2026-12-02T10:02:00Z", skipped: true, session: "quiz-1"),
        ]
        let overview = ProgressOverview(rows: rows, modules: [module])
        // b answered in both weeks (the review on 2026-12-01 counts as being active), a in the first only.
        #expect(overview.weeks == [.init(monday: "2026-11-30", participants: 2), .init(monday: "2026-12-07", participants: 1)])
        #expect(overview.languages == ["ar", "fr"])
        let funnel = try #require(overview.funnels.first)
        #expect(funnel.started == 2 && funnel.stages.prefix(3).map(\.participants) == [2, 1, 0])
        let q1 = try #require(overview.questions.first { $0.step == first })
        #expect(q1.byLanguage == ["fr": .init(answered: 1, right: 0), "ar": .init(answered: 2, right: 2)])
        let q2 = try #require(overview.questions.first { $0.step == second })
        #expect(q2.total == .init(answered: 2, right: 1) && q2.missed == 1)
        #expect(overview.mostMissed().map(\.step) == [first, second])
        // Two played the second question (one of them on the skip), and the skipped answer is not among those counted.
        #expect(overview.sessions == [.init(id: "quiz-1", module: "coop-basics", day: "2026-12-02", players: 2, answers: 2, right: 1)])
        #expect(overview.erasures.isEmpty)
    }
}
