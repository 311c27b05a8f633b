import ArgumentParser
import AtelierText
import Testing
@testable import atelier

/// The kiosk starts without ArgumentParser (`KioskSettings.read`, issue #24). Both readers must agree: what the fast one
/// takes, ArgumentParser takes with the same values; what ArgumentParser refuses, the fast one leaves to it (so that
/// ArgumentParser says what is wrong, as before).
@Suite("The kiosk's command line read without ArgumentParser")
struct KioskSettingsTests {
    static let commandLines: [[String]] = [
        [], ["kiosk"], ["kiosk", "--lessons", "Lessons", "--locales", "Locales", "--data", "/tmp/a.sqlite"],
        ["--lessons", "L", "--data", "d"], ["kiosk", "--lessons=L", "--plain"], ["kiosk", "--data="], ["kiosk", "--data", ""],
        ["kiosk", "--idle-timeout", "30"], ["kiosk", "--idle-timeout=600"], ["kiosk", "--idle-timeout", "5"],
        ["kiosk", "--idle-timeout", "ten"], ["kiosk", "--idle-timeout", "-5"], ["kiosk", "--idle-timeout", "1e3"],
        ["kiosk", "--bidi", "terminal"], ["kiosk", "--bidi", "app", "--plain"], ["kiosk", "--bidi", "rtl"],
        ["kiosk", "--plain=yes"], ["kiosk", "--plain", "--plain"], ["kiosk", "--lessons", "a", "--lessons", "b"],
        ["kiosk", "--lessons"], ["kiosk", "--lessons", "--plain"], ["kiosk", "--lessons", "-x"],
        ["kiosk", "--sync-every", "60", "--sync-to", "postgres://atelier@server/atelier"],
        ["kiosk", "--sync-every", "0.5", "--sync-to", "postgres://server/atelier"],
        ["kiosk", "--sync-to", "postgres://server/atelier"], ["kiosk", "--sync-every", "60"],
        ["kiosk", "--sync-every", "60", "--sync-to", "mysql://server/atelier"],
        ["kiosk", "--sync-every", "60", "--sync-to", "postgres://server/atelier", "--site", "Belleville", "--log", "/tmp/k.log"],
        ["kiosk", "--help"], ["--help"], ["-h"], ["help"], ["--version"], ["kiosk", "--version"],
        ["lint"], ["quiz", "host"], ["layout", "--width", "40"], ["kiosk", "extra"], ["kiosk", "--", "--plain"],
        ["kiosk", "-x"], ["kiosk", "--unknown", "1"], ["kiosk", "--Plain"], ["kiosk", "kiosk"],
    ]

    /// ArgumentParser's reading: the kiosk's settings, or nil when it refuses the line or reads another command.
    static func argumentParser(_ arguments: [String]) -> KioskSettings? {
        guard let command = try? Atelier.parseAsRoot(arguments) else { return nil }
        return (command as? KioskCommand)?.settings
    }

    @Test(arguments: commandLines)
    func bothReadersAgree(_ arguments: [String]) {
        let fast = KioskSettings.read(arguments)
        let reference = Self.argumentParser(arguments)
        if let fast { #expect(fast == reference, "\(arguments): read as \(fast), ArgumentParser: \(String(describing: reference))") }
        if reference == nil { #expect(fast == nil, "\(arguments): ArgumentParser refuses it, the fast reader took it") }
    }

    /// The lines `make kiosk`, the docs and the benchmark use are read without ArgumentParser (else the start gains nothing).
    @Test(arguments: [
        [], ["kiosk"], ["kiosk", "--lessons", "Lessons", "--locales", "Locales", "--data", "/srv/atelier/atelier.sqlite"],
        ["kiosk", "--bidi", "terminal", "--plain", "--idle-timeout", "300", "--log", "/var/log/atelier-kiosk.log"],
        ["kiosk", "--sync-every", "60", "--sync-to", "postgres://atelier@server/atelier", "--site", "Belleville"],
    ])
    func theKiosksOwnLinesSkipArgumentParser(_ arguments: [String]) throws {
        let fast = try #require(KioskSettings.read(arguments))
        #expect(fast == Self.argumentParser(arguments))
    }

    @Test func valuesAreTheOnesGiven() throws {
        let settings = try #require(KioskSettings.read(["kiosk", "--lessons=L", "--locales", "X", "--data", "d.sqlite", "--idle-timeout",
                                                        "45", "--bidi", "terminal", "--plain", "--log", "k.log"]))
        #expect(settings == KioskSettings(lessons: "L", locales: "X", data: "d.sqlite", idleTimeout: 45, bidi: .terminal, plain: true,
                                          syncEvery: nil, syncTo: nil, site: nil, log: "k.log"))
    }
}
