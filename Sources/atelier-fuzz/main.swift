import AtelierFuzzTargets
import Foundation

// libFuzzer's entry point over the targets of AtelierFuzzTargets (module YAML, PO, MessageFormat, quiz messages,
// layout). One binary; ATELIER_FUZZ_TARGET picks the target. Built with libFuzzer, AddressSanitizer and UBSan by
// Tests/Fuzz/fuzz.sh (make fuzz); every input it finds goes to Tests/Fuzz/regressions/<target>/, which `make test`
// replays through the same entry (Tests/AtelierFuzzTests).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let broken = Fuzzing.target.run(bytes)
    // A broken promise is a crash, so that libFuzzer keeps the input.
    precondition(broken.isEmpty, "\(Fuzzing.target.rawValue): \(broken.joined(separator: "; "))")
    return 0
}

enum Fuzzing {
    static let target: FuzzTarget = {
        guard let name = getenv("ATELIER_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set ATELIER_FUZZ_TARGET to one of \(names)\n".utf8))
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
