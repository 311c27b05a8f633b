import Foundation
import Testing

/// The real kiosk in a real pseudo-terminal, driven by a script (Python's pexpect) the way a participant
/// would use it.
@Suite("The kiosk through a pseudo-terminal", .serialized)
struct KioskPTYTests {
    @Test func aParticipantWalksLeavesAndResumes() throws {
        try Self.drive("kiosk_pty.py", data: "atelier.sqlite")
    }

    @Test func keysPressedByMistakeBreakNothingAndSecretsNeverShow() throws {
        try Self.drive("kiosk_keys.py", data: "atelier.sqlite")
    }

    @Test func badInputLeavesSensibleScreensAndLosesNoConfirmedAnswer() throws {
        try Self.drive("kiosk_input.py", data: "atelier.sqlite")
    }

    @Test func theReadAloudSettingIsKeptWithTheProfileAndAGuestsEndsWithTheVisit() throws {
        try Self.drive("kiosk_reading.py", data: "atelier.sqlite")
    }

    @Test func aProfileIsMadeAndOpenedWithThreePictures() throws {
        try Self.drive("kiosk_pictures.py", data: "atelier.sqlite")
    }

    @Test func typedRightToLeftTextIsDrawnInVisualOrder() throws {
        try Self.drive("kiosk_rtl.py", data: "atelier.sqlite")
    }

    @Test func aModuleWithAnErrorIsLeftOutCountedAndLogged() throws {
        try Self.drive("kiosk_content.py", data: "atelier.sqlite")
    }

    /// `atelier new`, then `atelier play` through a real terminal (docs/lesson-format.md, "Your first module").
    @Test func anAuthorMakesAModuleAndWalksIt() throws {
        try Self.drive("play_pty.py", data: "scratch")
    }

    @Test func aDataFileThatCannotBeWrittenShowsTheOutOfOrderScreen() throws {
        try Self.drive("kiosk_faults.py", data: "blocked/atelier.sqlite")
    }

    @Test func aFacilitatorHostsAndAKioskTerminalPlaysInChinese() throws {
        try Self.drive("quiz_pty.py", data: "atelier.sqlite")
    }

    /// Issue #22: 60 phones over real WebSockets, the 120x40 projector read back through a terminal emulator
    /// (pyte) at the lobby, the question, the closed question, the reveal and the end.
    @Test func aRoomOfSixtyPhonesOnAHundredAndTwentyByFortyProjector() throws {
        try Self.drive("quiz_room_pty.py", data: "atelier.sqlite")
    }

    /// The short variant of Tests/AtelierCLITests/kiosk_crash_test.py (`make crash-test` runs 100 rounds).
    @Test func killedAtRandomMomentsItLosesNothing() throws {
        let text = try Self.python("Tests/AtelierCLITests/kiosk_crash_test.py", ["6", AtelierProcess.binary.path])
        #expect(text.contains("integrity_check ok"))
    }

    static func drive(_ scriptName: String, data: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try python("Tests/AtelierCLITests/\(scriptName)", [AtelierProcess.binary.path, folder.appendingPathComponent(data).path,
                                                               AtelierProcess.packageRoot.path])
    }

    /// Runs a pexpect script of the package and expects it to succeed; returns what it printed.
    @discardableResult
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [AtelierProcess.packageRoot.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(text)
        #expect(process.terminationStatus == 0, "\(text)")
        return text
    }
}
