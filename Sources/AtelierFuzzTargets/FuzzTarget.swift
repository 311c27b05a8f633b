import AtelierContent
import AtelierQuizProtocol
import AtelierText

/// The parsers that read what strangers write (module YAML, PO files, MessageFormat patterns, quiz messages from
/// the room's Wi-Fi) and the layout, each as the fuzzer drives it. One entry point for both users: the libFuzzer
/// binary (Sources/atelier-fuzz, `make fuzz`) and the test that replays every input it once broke
/// (Tests/AtelierFuzzTests, inputs in Tests/Fuzz/regressions/<target>/), so that a fixed finding stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case yaml, po, message, quiz, layout

    /// Feeds `bytes` to the target. Returns the promises the output broke, empty when it kept them all; a crash
    /// (a trap, or a sanitizer's report in the fuzz build) is the other kind of finding.
    public func run(_ bytes: [UInt8]) -> [String] {
        var broken: [String] = []
        switch self {
        case .yaml:
            _ = ModuleLoader.load(bytes: bytes, path: "fuzz.yaml", facts: .empty)
        case .po:
            _ = POReader.read(bytes: bytes, path: "fuzz.po")
        case .message:
            let pattern = String(decoding: bytes, as: UTF8.self)
            _ = MessageFormatter.check(pattern)
            _ = MessageFormatter.format(pattern, locale: "ar", ["count": 3, "name": "Amina"])
        case .quiz:
            // Whatever arrives, the decoder answers with a message or a reason; a join's nickname is made safe.
            if case .success(.join(let request)) = ClientMessage.decode(bytes) {
                let nickname = TerminalSanitizer.sanitizeLine(request.nickname)
                if nickname.unicodeScalars.contains(where: Self.isEscape) { broken.append("an escape survived in a nickname") }
            }
            _ = ServerMessage.decode(String(decoding: bytes, as: UTF8.self))
        case .layout:
            // The layout's promises, checked on every input; the width comes from the first byte.
            let text = String(decoding: bytes, as: UTF8.self)
            let width = 2 + Int(bytes.first ?? 0) % 80
            for (index, row) in TextLayout(width: width, direction: .firstStrong(fallback: .rightToLeft)).lines(text).enumerated() {
                let drawn = DisplayWidth.of(row)
                if drawn > width { broken.append("row \(index) is \(drawn) columns wide, wider than the width \(width)") }
                if row.unicodeScalars.contains(where: Self.isEscape) { broken.append("an escape reached the output in row \(index)") }
            }
        }
        return broken
    }

    /// ESC or a C1 control: what must never reach the terminal.
    static func isEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x1B || (0x80...0x9F).contains(scalar.value)
    }
}
