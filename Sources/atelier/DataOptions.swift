import ArgumentParser
import Foundation

/// `--data FILE`, else `$ATELIER_DATA`, else `$XDG_DATA_HOME/atelier/atelier.sqlite` (by default
/// `~/.local/share/atelier/atelier.sqlite`).
struct DataOptions: ParsableArguments {
    @Option(help: "The data file (default: $ATELIER_DATA, else $XDG_DATA_HOME/atelier/atelier.sqlite).")
    var data: String?

    var path: String { Self.path(data) }

    /// The data file for `--data` given as `data` (nil when not given).
    static func path(_ data: String?) -> String {
        if let data { return data }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["ATELIER_DATA"], !path.isEmpty { return path }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        return base + "/atelier/atelier.sqlite"
    }
}
