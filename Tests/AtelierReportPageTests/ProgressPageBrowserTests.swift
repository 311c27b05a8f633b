import AtelierContent
import AtelierReportPage
import AtelierStore
import AtelierTestSupport
import Foundation
import Testing

/// `atelier progress report --html` opened in a real browser (Debian's chromium, headless), from a file, as a
/// facilitator would: it loads without a console error or any request, its tables say what `progress export` says,
/// it looks like its golden screenshot, and axe-core finds no serious or critical accessibility violation.
///
/// Goldens: `Fixtures/report-<language>.png` (the top of the page at 1000 × 1400), rewritten with
/// `ATELIER_RECORD_GOLDEN=1 .build/debug/AtelierPackageTests.xctest --testing-library swift-testing --filter ProgressPageBrowser`
/// (refused in CI), which also rewrites docs/progress-report.png. Compared with a small tolerance: at most 1 % of
/// the pixels may differ by more than 32 in a channel (font hinting, antialiasing).
@Suite(.serialized) struct ProgressPageBrowserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let axe = ReportFixture.root.appendingPathComponent(".test-deps/axe/axe.min.js")

    @Test(arguments: ["fr", "ar"])
    func thePageLoadsOfflineSaysWhatTheExportSaysAndPassesAxe(language: String) async throws {
        guard let chromium = DevTools.executable else {
            Issue.record("chromium is not installed: `make test` installs it (apt-get install chromium)")
            return
        }
        let directory = try ReportFixture.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("atelier.sqlite").path
        try ReportFixture.makeStore(at: data)
        let page = directory.appendingPathComponent("report \(language).html").path
        let made = try Self.atelier(["progress", "report", "--html", page, "--lang", language, "--data", data,
                                     "--lessons", ReportFixture.lessons, "--locales", ReportFixture.locales])
        #expect(made.status == 0, "\(made.error)")
        let exported = try Self.atelier(["progress", "export", "--format", "json", "--data", data])
        let rows = try JSONDecoder().decode([ExportRow].self, from: exported.output)

        let browser = try await DevTools(executable: chromium)
        defer { browser.close() }
        try await browser.open("about:blank")
        for domain in ["Network", "Runtime", "Log"] { _ = try await browser.call("\(domain).enable") }
        try await browser.viewport(width: 1000, height: 1400)
        let url = URL(fileURLWithPath: page).absoluteString
        try await browser.navigate(url)

        // Offline: the one request is the page itself; no error in the console.
        let requests = browser.events(["Network.requestWillBeSent"]).compactMap { ($0.params["request"] as? [String: Any])?["url"] as? String }
        #expect(requests == [url], "\(requests)")
        #expect(browser.events(["Runtime.exceptionThrown"]).isEmpty)
        let errors = browser.events(["Runtime.consoleAPICalled"]).filter { $0.params["type"] as? String == "error" }
            + browser.events(["Log.entryAdded"]).filter { ($0.params["entry"] as? [String: Any])?["level"] as? String == "error" }
        #expect(errors.isEmpty, "\(errors.map(\.params))")
        #expect(try await browser.evaluate("document.documentElement.dir") as? String == (language == "ar" ? "rtl" : "ltr"))
        #expect(try await browser.evaluate("document.querySelectorAll('svg.chart').length") as? Int ?? 0 >= 4)

        try await theTablesSayWhatTheExportSays(browser, rows: rows, language: language)
        try await matchesGolden(browser, language: language)
        try await axeFindsNothingSerious(browser)
        try await printsOnA4(browser)
    }

    /// In print, on A4's width less the page's 15 mm margins (180 mm, 680 CSS pixels), nothing sticks out sideways, and
    /// the browser makes a PDF of it on A4 paper.
    func printsOnA4(_ browser: DevTools) async throws {
        _ = try await browser.call("Emulation.setEmulatedMedia", ["media": "print"])
        try await browser.viewport(width: 680, height: 1000)
        #expect(try await browser.evaluate("matchMedia('print').matches") as? Bool == true)
        let widest = try await browser.evaluate("""
            Math.max(document.documentElement.scrollWidth,
                     ...[...document.querySelectorAll('svg, table')].map(e => Math.ceil(e.getBoundingClientRect().right)))
            """) as? Int ?? .max
        #expect(widest <= 680, "\(widest) px wide in print")
        let pdf = try await browser.call("Page.printToPDF", ["paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": true])
        let bytes = Data(base64Encoded: pdf["data"] as? String ?? "") ?? Data()
        #expect(bytes.starts(with: Data("%PDF".utf8)))
    }

    /// The weeks and the first tries, read from the page's tables, against the same numbers computed here from the
    /// export's JSON (with Foundation's ISO calendar for the weeks, not the page's own arithmetic), hidden by k = 5.
    func theTablesSayWhatTheExportSays(_ browser: DevTools, rows: [ExportRow], language: String) async throws {
        let tables = try await browser.evaluate("""
            Object.fromEntries([...document.querySelectorAll('section')].map(s => [s.id,
              [...s.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.textContent))]))
            """) as? [String: [[String]]] ?? [:]

        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parser = ISO8601DateFormatter()
        var weeks: [Date: Set<String>] = [:]
        for row in rows {
            guard let pseudonym = row.pseudonym, let date = parser.date(from: row.at),
                  let monday = calendar.dateInterval(of: .weekOfYear, for: date)?.start else { continue }
            weeks[monday, default: []].insert(pseudonym)
        }
        let weekCells = (tables["weeks"] ?? []).map { $0.last ?? "" }
        #expect(weekCells == weeks.sorted { $0.key < $1.key }.map { SmallCount.text($0.value.count) })
        #expect(weekCells.count == 2)

        // First tries per question: lesson attempts numbered 1 outside review, and every quiz answer.
        let module = try ReportFixture.module
        let languages = Set(rows.map(\.language)).sorted()
        let firstTries = rows.filter { ($0.source == "quiz" && !$0.skipped) || ($0.source == "lesson" && $0.attempt == 1 && !$0.review && $0.correct != nil) }
        var expected: [[String]] = []
        for step in module.questions {
            let answers = firstTries.filter { $0.step == step.id }
            guard !answers.isEmpty else { continue }
            func share(_ answers: [ExportRow]) -> String {
                guard !answers.isEmpty else { return "–" }
                return SmallCount.percent(right: answers.filter { $0.correct == true }.count, of: answers.count).map { "\($0) %" } ?? "< 5"
            }
            expected.append([SmallCount.text(answers.count), share(answers)] + languages.map { code in share(answers.filter { $0.language == code }) })
        }
        let shown = (tables["first-tries"] ?? []).map { Array($0.dropFirst()) }
        #expect(shown == expected)
        // The Arabic speakers all missed the second question: their cell says 0 %, the French one does not.
        let second = try #require(shown.dropFirst().first)
        #expect(second[2 + languages.firstIndex(of: "ar")!] == "0 %" && second[2 + languages.firstIndex(of: "fr")!] != "0 %")
        #expect(second[2 + languages.firstIndex(of: "ti")!] == "< 5")
        // The quiz session: 8 players, 24 answers.
        #expect((tables["quiz-sessions"] ?? []).map { Array($0.dropFirst(3).prefix(2)) } == [["8", "24"]])
    }

    func matchesGolden(_ browser: DevTools, language: String) async throws {
        // The day the page was made is the one thing that changes from run to run.
        _ = try await browser.evaluate(#"(() => { const m = document.querySelector('.meta'); m.textContent = m.textContent.replace(/\d{4}-\d{2}-\d{2}/, '2026-12-14'); })()"#)
        let actual = try await browser.screenshot()
        let name = "report-\(language).png"
        let golden = Self.fixtures.appendingPathComponent(name)
        let output = ReportFixture.root.appendingPathComponent(".build/test-output/\(name)")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: output)
        if ProcessInfo.processInfo.environment["ATELIER_RECORD_GOLDEN"] == "1" {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "golden files are never recorded in CI")
            try actual.write(to: golden)
            if language == "fr" { try actual.write(to: ReportFixture.root.appendingPathComponent("docs/progress-report.png")) }
            return
        }
        guard let expected = try? Data(contentsOf: golden) else {
            Issue.record("no golden \(golden.path): record it with ATELIER_RECORD_GOLDEN=1")
            return
        }
        let difference = try await browser.differingPixels(expected, actual)
        #expect(difference != nil, "\(name): not the golden's size (this run's screenshot: \(output.path))")
        if let difference {
            #expect(difference.count * 100 <= difference.total,
                    "\(name): \(difference.count) of \(difference.total) pixels differ from the golden (this run's: \(output.path))")
        }
    }

    /// axe-core 4.12.1 (`make test-deps` fetches it), injected into the page through CDP.
    func axeFindsNothingSerious(_ browser: DevTools) async throws {
        guard let script = try? String(contentsOf: Self.axe, encoding: .utf8) else {
            Issue.record("no \(Self.axe.path): run `make test-deps` (pip download axe-playwright-python==0.1.8)")
            return
        }
        _ = try await browser.evaluate(script + "\n;true")
        let violations = try await browser.evaluate("""
            axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))
            """) as? [String]
        #expect(violations == [], "\(violations ?? ["axe did not run"])")
    }

    /// The built `atelier`, beside the tests.
    static func atelier(_ arguments: [String]) throws -> (status: Int32, output: Data, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atelier")
        process.arguments = arguments
        let directory = try ReportFixture.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try Data(contentsOf: out), (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
