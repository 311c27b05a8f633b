import Foundation
import Testing

@Suite("atelier progress and admin, end to end", .serialized)
struct ProgressCommandTests {
    static func populated() throws -> (String, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = folder.appendingPathComponent("atelier.sqlite").path
        let stress = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atelier-stress")
        for (name, start) in [("Zanele زينب", 0), ("Dawit ዳዊት", 100)] {
            let process = Process()
            process.executableURL = stress
            process.arguments = ["record", "--data", data, "--participant", name, "--count", "5", "--start", String(start)]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        return (data, folder)
    }

    @Test func exportEraseAndPrune() throws {
        let (data, folder) = try Self.populated()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = try AtelierProcess.run(["progress", "export", "--data", data])
        #expect(csv.status == 0)
        #expect(csv.standardOutput.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(csv.text.components(separatedBy: "\r\n").filter { $0.contains("Zanele زينب") }.count == 5)
        let json = try AtelierProcess.run(["progress", "export", "--format", "json", "--data", data])
        let rows = try #require(try JSONSerialization.jsonObject(with: json.standardOutput) as? [[String: Any]])
        #expect(rows.count == 10)
        #expect(rows.first?["pseudonym"] as? String == "Zanele زينب")

        let erase = try AtelierProcess.run(["progress", "erase", "ZANELE زينب", "--data", data])
        #expect(erase.status == 0, "\(erase.standardError)")
        let again = try AtelierProcess.run(["progress", "erase", "Zanele زينب", "--data", data])
        #expect(again.status == 1)
        let raw = try Data(contentsOf: URL(fileURLWithPath: data))
        #expect(raw.range(of: Data("Zanele".utf8)) == nil)
        let prune = try AtelierProcess.run(["progress", "prune", "--older-than", "30", "--data", data])
        #expect(prune.standardError == "erased 0 participants not seen for 30 days\n")
    }

    @Test func aReportForAModuleNobodyStartedYet() throws {
        let (data, folder) = try Self.populated()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try AtelierProcess.run(["progress", "report", "coop-basics", "--data", data, "--width", "60"])
        #expect(report.status == 0, "\(report.standardError)")
        #expect(report.rows.first == "coop-basics: 0 started, 0 completed")
        #expect(report.rows.contains("   not answered yet"))
        #expect(report.rows.allSatisfy { $0.count <= 60 })
        // Questions read as on the kiosk, their facts filled in ("3 types"), never "{fact.…}" (a tester's find).
        #expect(!report.text.contains("{fact."), "\(report.text)")
        #expect(report.text.contains("au moins 3 types"))
    }

    @Test func aDamagedDataFileIsAClearErrorNotACrash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("atelier.sqlite").path
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: data))
        let outcome = try AtelierProcess.run(["progress", "export", "--data", data])
        #expect(outcome.status == 2)
        #expect(outcome.standardError == "atelier progress: \(data): the data file is damaged (not a readable SQLite database)\n")
    }

    @Test func theFacilitatorPINIsReadFromStandardInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-pin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("atelier.sqlite").path
        let bad = try AtelierProcess.run(["admin", "set-pin", "--data", data], input: Data("12a4\n".utf8))
        #expect(bad.status == 1)
        let good = try AtelierProcess.run(["admin", "set-pin", "--data", data], input: Data("4821\n".utf8))
        #expect(good.status == 0)
        #expect(good.standardError == "facilitator PIN set\n")
    }
}
