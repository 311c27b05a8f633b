import AtelierLog
import Foundation
import Testing

/// The one log file of a kiosk or a quiz host: bounded, one line per entry, and standard error follows it when
/// it rotates (it used to keep writing into `<file>.1`, then into a deleted file).
@Suite("Log file", .serialized)
struct LogFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-log-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

    @Test func itRotatesAtItsLimitAndKeepsOneLinePerEntry() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/atelier-kiosk.log"
        let file = LogFile(path: path, limit: 400)
        let logger = file.logger("atelier.kiosk")
        for number in 0..<20 { logger.warning("entry \(number)\nwith a second line") }
        let current = try String(contentsOfFile: path, encoding: .utf8)
        let previous = try String(contentsOfFile: path + ".1", encoding: .utf8)
        #expect(current.utf8.count <= 400 && previous.utf8.count <= 400)
        #expect(current.contains("entry 19 with a second line") && current.contains("[atelier.kiosk]"))
        #expect(current.split(separator: "\n").allSatisfy { $0.contains(" warning [atelier.kiosk] entry ") })
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func standardErrorFollowsTheFileWhenItRotates() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/atelier-kiosk.log"
        let saved = dup(STDERR_FILENO)
        defer { dup2(saved, STDERR_FILENO); close(saved) }
        let file = LogFile(path: path, limit: 300)
        #expect(file.captureStandardError())
        let logger = file.logger("atelier.kiosk")
        for number in 0..<10 { logger.info("filling \(number)") }  // rotated at least once
        let line = "written on standard error after the rotation\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("written on standard error after the rotation"))
        #expect(FileManager.default.fileExists(atPath: path + ".1"))
    }

    @Test func aFileThatCannotBeOpenedIsSaidNotFatal() {
        let file = LogFile(path: "/proc/atelier-cannot-be-here.log")
        #expect(!file.isWritable && !file.captureStandardError())
        file.logger("atelier.kiosk").error("nowhere to go")  // no crash
    }
}
