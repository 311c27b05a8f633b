import AtelierContent
import AtelierStore
import AtelierSync
import Foundation
import PostgresHarness
import Testing

/// `progress report --html --from postgres://…`: the page from the shared server is built from the same value as
/// the kiosks' own pages (their export's rows), over every site or over one. In SyncTests' suite, which runs one test
/// at a time: two tests creating roles on the one cluster at once collide on the role names.
extension SyncTests {
    @Test func theServersPageIsTheKiosksPage() async throws {
        let database = try await ServerDatabase()
        let module = try lessonModule()
        let kiosks = [("Belleville", "ar", ["أمينة", "يوسف", "مريم", "Nour", "Samir", "Leïla"]), ("Montreuil", "ti", ["ሰላም", "ዮናስ"])]
        var data: [KioskData] = []
        for (index, kiosk) in kiosks.enumerated() {
            let kioskData = try KioskData()
            try kioskData.walk(module, names: kiosk.2, language: kiosk.1, seed: index)
            _ = try await KioskSync.push(kioskData.store, to: try database.address(try database.role()), site: kiosk.0, clock: SyncTests.clock)
            data.append(kioskData)
        }
        defer { data.forEach { $0.remove() } }
        let coordinator = try database.address(try database.role("atelier_coordinator"))
        let (all, belleville) = try await ServerConnection.with(coordinator) { connection throws(SyncError) in
            (try await ServerReports.exportRows(site: nil, connection), try await ServerReports.exportRows(site: "Belleville", connection))
        }
        // The same value from either source: per site the kiosk's own, over all sites the kiosks' rows together.
        #expect(ProgressOverview(rows: belleville, modules: [module]) == ProgressOverview(rows: try data[0].store.exportRows(), modules: [module]))
        let together = try data.flatMap { try $0.store.exportRows() }
        let overview = ProgressOverview(rows: all, modules: [module])
        #expect(overview == ProgressOverview(rows: together, modules: [module]))
        #expect(overview.sessions.count == 2 && overview.languages.contains("ti"))

        // From the command line: the site's page equals the kiosk's page, but for the line that says what it covers.
        let url = database.postgres.url(user: try database.role("atelier_coordinator"), database: database.name)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-server-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func page(_ name: String, _ source: [String]) throws -> String {
            let file = directory.appendingPathComponent(name).path
            let made = try runAtelier(["progress", "report", module.id, "--html", file, "--lang", "ar"] + source)
            #expect(made.status == 0, "\(made.error)")
            return try String(contentsOfFile: file, encoding: .utf8)
        }
        func withoutScope(_ html: String) -> String { html.replacingOccurrences(of: #"<p class="meta">[^<]*</p>"#, with: "", options: .regularExpression) }
        let kioskPage = try page("kiosk.html", ["--data", data[0].path])
        let sitePage = try page("site.html", ["--from", url, "--site", "Belleville"])
        #expect(withoutScope(sitePage) == withoutScope(kioskPage))
        #expect(sitePage.contains("Belleville") && sitePage.contains("dir=\"rtl\""))
        let allPage = try page("all.html", ["--from", url])
        #expect(allPage != sitePage && allPage.contains("ትግርኛ (ti)"))
        for name in kiosks.flatMap(\.2) { #expect(!allPage.contains(name), "pseudonym \(name) in the page") }
    }
}
