import Foundation
import Testing

/// Recorded voices end to end (issue #19), through the commands an author uses: a recording made with
/// `atelier speak -o …opus` stands in for a person's; `atelier lint` checks the files, `translations status`
/// counts them, and `atelier speak` plays them in their place.
@Suite("Recorded voices, end to end", .serialized)
struct RecordingCommandTests {
    /// A copy of the bundled content, with `options` pointing at it.
    static func copy() throws -> (root: String, options: [String]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-rec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["Lessons", "Locales"] {
            try FileManager.default.copyItem(atPath: AtelierProcess.packageRoot.path + "/" + folder, toPath: root + "/" + folder)
        }
        return (root, ["--lessons", root + "/Lessons", "--locales", root + "/Locales"])
    }

    @Test func aPashtoRecordingIsCheckedCountedAndPlayed() throws {
        let (root, options) = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let audio = root + "/Lessons/coop-basics/audio/ps/welcome"
        try FileManager.default.createDirectory(atPath: audio, withIntermediateDirectories: true)
        // The stand-in recording: 'welcome' read in French, as Ogg/Opus.
        let made = try AtelierProcess.run(["speak", "coop-basics", "--step", "welcome", "--lang", "fr", "-o", audio + "/body.opus"] + options)
        #expect(made.status == 0, "\(made.standardError)")

        // Without a recording, Pashto is read in French; with one, the body is the recording.
        let plain = try AtelierProcess.run(["speak", "coop-basics", "--step", "what-coop", "--lang", "ps", "-o", root + "/plain.wav"] + options)
        #expect(plain.status == 0 && plain.text.contains("0 recorded"), "\(plain.text)")
        let spoken = try AtelierProcess.run(["speak", "coop-basics", "--step", "welcome", "--lang", "ps", "-o", root + "/welcome.wav"] + options)
        #expect(spoken.status == 0 && spoken.text.contains("1 recorded"), "\(spoken.text) \(spoken.standardError)")
        #expect(spoken.standardError.contains("with the 1 recordings in 'ps'"))

        let lint = try AtelierProcess.run(["lint"] + options)
        #expect(lint.status == 0, "\(lint.text)")
        #expect(lint.rows.contains { $0.contains("coop-basics/audio/ps:1:1: note: 1 of ") && $0.contains("texts have a recording in 'ps'") }, "\(lint.rows)")

        let status = try AtelierProcess.run(["translations", "status"] + options)
        let row = status.rows.first { $0.hasPrefix("ps    none") }
        #expect(row?.hasSuffix("1 of \(Self.texts(status))") == true, "\(status.text)")
    }

    /// The number after "of" in the sound table (every lesson text a recording can read).
    static func texts(_ status: AtelierProcess.Outcome) -> String {
        status.rows.first { $0.hasPrefix("fr ") || $0.hasPrefix("en    en") }?.split(separator: " ").last.map(String.init) ?? "?"
    }

    @Test(arguments: [
        // A typo in the context: refused, with the name it probably meant.
        ("audio/ps/welcome/bdy.opus", "unknown-recording", "did you mean 'welcome/body'"),
        // A language the registry does not have.
        ("audio/xx/welcome/body.opus", "unknown-language", "add it to Locales/languages.yaml"),
        // A format that is not read.
        ("audio/ps/welcome/body.mp3", "recording-format", ".opus"),
        // A file that is no recording: lint says what libsndfile says.
        ("audio/ps/welcome/title.opus", "unreadable-recording", "cannot be decoded"),
    ])
    func aWrongRecordingIsAnErrorAtItsPath(_ relative: String, _ code: String, _ words: String) throws {
        let (root, options) = try Self.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/Lessons/coop-basics/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "not sound".write(toFile: path, atomically: true, encoding: .utf8)
        let lint = try AtelierProcess.run(["lint", "--format", "json"] + options)
        #expect(lint.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: lint.standardOutput) as? [String: Any])
        let found = (json["diagnostics"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
        #expect(found.count == 1, "\(found)")
        #expect(found.first?["code"] as? String == code && found.first?["file"] as? String == path, "\(found)")
        #expect((found.first?["message"] as? String)?.contains(words) == true, "\(found)")
    }
}
