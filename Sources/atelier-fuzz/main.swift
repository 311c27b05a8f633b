import AtelierContent
import AtelierQuizProtocol
import AtelierText
import Foundation

// libFuzzer entry points for the parsers that read what strangers write: module YAML, PO files,
// MessageFormat patterns, quiz messages from the room's Wi-Fi, and text to lay out. One binary; ATELIER_FUZZ_TARGET picks the target.
// Built with `-sanitize=fuzzer` by Tests/Fuzz/fuzz.sh (make fuzz); crashes it finds become regression tests.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    switch FuzzTarget.current {
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
            precondition(!nickname.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) },
                         "an escape survived in a nickname")
        }
        _ = ServerMessage.decode(String(decoding: bytes, as: UTF8.self))
    case .layout:
        let text = String(decoding: bytes, as: UTF8.self)
        let width = 2 + Int(bytes.first ?? 0) % 80
        for row in TextLayout(width: width, direction: .firstStrong(fallback: .rightToLeft)).lines(text) {
            // The layout's promises, checked on every input.
            precondition(DisplayWidth.of(row) <= width, "a row wider than the width")
            precondition(!row.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) },
                         "an escape reached the output")
        }
    }
    return 0
}

enum FuzzTarget: String {
    case yaml, po, message, quiz, layout

    nonisolated(unsafe) static let current: FuzzTarget = {
        guard let name = getenv("ATELIER_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set ATELIER_FUZZ_TARGET to yaml, po, message, quiz or layout\n".utf8))
            exit(2)
        }
        return target
    }()
}

#if FUZZING
// SwiftPM links every executable with `main` renamed to `<module>_main`; with -parse-as-library there is no
// such function, so this one hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("atelier_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
#endif
