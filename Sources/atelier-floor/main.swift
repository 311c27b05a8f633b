import CAtelierICU
import Foundation

// The floor of the kiosk's start-up: a Swift program that links Foundation and ICU, asks ICU one thing and
// draws one line. Whatever the kiosk takes beyond this is its own.
var version = [CChar](repeating: 0, count: 32)
_ = atelier_icu_version(&version, Int32(version.count))  // cut to fit, NUL-terminated
FileHandle.standardOutput.write(Data("Atelier floor (ICU \(String(cString: version)))\n".utf8))
Thread.sleep(forTimeInterval: 30)
