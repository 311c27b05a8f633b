import Foundation
import Testing

/// `atelier progress report`'s options for the page: what goes with what, and a language the page has.
struct ReportCommandTests {
    @Test(arguments: [
        (["progress", "report"], "give the module id"),
        (["progress", "report", "coop-basics", "--lang", "ar"], "--lang goes with --html"),
        (["progress", "report", "--html", "/dev/null", "--lang", "xx"], "unknown language 'xx'"),
    ])
    func refusedWithAReason(arguments: [String], reason: String) throws {
        let directory = try ReportFixture.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try ProgressPageBrowserTests.atelier(arguments + ["--data", directory.appendingPathComponent("a.sqlite").path,
                                                                         "--lessons", ReportFixture.lessons, "--locales", ReportFixture.locales])
        #expect(outcome.status != 0)
        #expect(outcome.error.contains(reason), "\(outcome.error)")
    }

    /// One module named, in Pashto: right to left, with its funnel and the Pashto title.
    @Test func oneModuleInPashto() throws {
        let directory = try ReportFixture.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("a.sqlite").path
        try ReportFixture.makeStore(at: data)
        let page = directory.appendingPathComponent("ps.html").path
        let outcome = try ProgressPageBrowserTests.atelier(["progress", "report", "coop-basics", "--html", page, "--lang", "ps", "--data", data,
                                                            "--lessons", ReportFixture.lessons, "--locales", ReportFixture.locales])
        #expect(outcome.status == 0, "\(outcome.error)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"ps\" dir=\"rtl\">"))
        #expect(html.contains("id=\"funnel-coop-basics\""))
        #expect(html.contains("د پرمختګ راپور"))
    }

    /// Two participants erased with `atelier progress erase`: the page says a day and "< 5", never who (#23).
    @Test func erasuresShowAsADayAndACountNeverAName() throws {
        let directory = try ReportFixture.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("a.sqlite").path
        _ = try ReportFixture.makeStore(at: data)
        let erased = [ReportFixture.pseudonym("fr", 3), ReportFixture.pseudonym("ar", 4)]
        for name in erased {
            let outcome = try ProgressPageBrowserTests.atelier(["progress", "erase", name, "--data", data])
            #expect(outcome.status == 0, "\(outcome.error)")
        }
        let page = directory.appendingPathComponent("fr.html").path
        let outcome = try ProgressPageBrowserTests.atelier(["progress", "report", "--html", page, "--data", data,
                                                            "--lessons", ReportFixture.lessons, "--locales", ReportFixture.locales])
        #expect(outcome.status == 0, "\(outcome.error)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(html.contains("<li>Participants effacés le \(today) : &lt; 5</li>"), "\(html.prefix(2000))")
        for name in erased { #expect(!html.contains(name)) }
    }
}
