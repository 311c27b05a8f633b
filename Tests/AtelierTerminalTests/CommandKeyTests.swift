import Testing
@testable import AtelierTerminal
import AtelierEngine

/// The kiosk's command keys typed from other keyboards are the same commands (issue #18).
@Suite("Command keys")
struct CommandKeyTests {
    static let cases: [(String, String?)] = [
        ("?", "?"), ("؟", "?"), ("＋", "+"), ("+", "+"), ("０", "0"), ("٠", "0"), ("۰", "0"), ("০", "0"), ("௦", "0"),
        ("＝", "="), ("＜", "<"), (" < ", "<"), ("＊", "*"), ("×", "*"),
        // The key of the read-aloud setting: a hyphen, a minus sign, a fullwidth hyphen, an en dash.
        ("-", "-"), ("−", "-"), ("－", "-"), ("–", "-"),
        // Answers keep their text.
        ("1", nil), ("٢", nil), ("oui", nil), ("??", nil), ("", nil), ("récépissé", nil),
    ]

    @Test(arguments: cases)
    func aKeyFromAnyKeyboardIsTheSameCommand(typed: String, command: String?) {
        #expect(CommandKey.command(typed) == command)
    }
}
