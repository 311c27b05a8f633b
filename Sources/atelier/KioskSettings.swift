import ArgumentParser
import AtelierContent
import AtelierEngine
import AtelierLog
import AtelierSpeech
import AtelierStore
import AtelierSync
import AtelierTerminal
import AtelierText
import Foundation

/// What the kiosk runs with, as plain values. `KioskCommand` fills it from ArgumentParser's options; `read` fills it
/// from a command line without ArgumentParser, for the kiosk's start (issue #24): `perf record` of fifteen starts put
/// half of the kiosk's CPU time before its first screen in ArgumentParser's parse, most of it the Swift runtime
/// instantiating the generic types of the options and looking up their conformances (each first lookup walks the
/// binary's 9,600 conformance records), none of which the first screen needs.
///
/// `read` takes only a command line that is the kiosk's alone, well formed and valid; anything else (`--help`,
/// `--version`, an option of another command, a missing or wrong value) returns nil, and ArgumentParser reads it and
/// says what is wrong, as before. `KioskSettingsTests` holds the two readers to the same answers.
struct KioskSettings: Equatable {
    var lessons: String?
    var locales: String?
    var data: String?
    var idleTimeout = 180
    var bidi = BidiMode.app
    var plain = false
    var syncEvery: Double?
    var syncTo: String?
    var site: String?
    var log: String?

    /// What `validate` refuses, in ArgumentParser's words for it; nil when the settings can run.
    var problem: String? {
        guard idleTimeout >= 10 else { return "--idle-timeout must be at least 10 seconds" }
        if let syncEvery, syncEvery < 1 { return "--sync-every must be at least 1 second" }
        if syncEvery != nil, syncAddressText == nil { return "--sync-every needs --sync-to postgres://… (or $ATELIER_SYNC_URL)" }
        // A server given without a rhythm would otherwise be silently ignored.
        if syncTo != nil, syncEvery == nil { return "--sync-to needs --sync-every SECONDS" }
        if syncEvery != nil, let text = syncAddressText {
            do { _ = try PostgresAddress(text) } catch { return error.description }
        }
        return nil
    }

    var syncAddressText: String? {
        (syncTo ?? ProcessInfo.processInfo.environment["ATELIER_SYNC_URL"]).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The kiosk's settings from `arguments` (without the program's name), or nil for ArgumentParser to read them.
    static func read(_ arguments: [String]) -> KioskSettings? {
        var rest = arguments[...]
        if rest.first == "kiosk" { rest = rest.dropFirst() }  // the default command: `atelier` alone is the kiosk
        var settings = KioskSettings()
        var seen: [String] = []  // not a Set: its first use costs the start a conformance look-up
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--"), argument != "--" else { return nil }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            // A repeated option is left to ArgumentParser, whatever it makes of it.
            guard !seen.contains(name) else { return nil }
            seen.append(name)
            if name == "plain" {
                guard value == nil else { return nil }
                settings.plain = true
                continue
            }
            if value == nil {
                // ArgumentParser does not take a value that looks like an option: neither does this.
                guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
                value = next
            }
            // An empty value (`--data=`) is one ArgumentParser refuses: it says so.
            guard let value, !value.isEmpty else { return nil }
            switch name {
            case "lessons": settings.lessons = value
            case "locales": settings.locales = value
            case "data": settings.data = value
            case "idle-timeout":
                guard let seconds = Int(value) else { return nil }
                settings.idleTimeout = seconds
            case "bidi":
                guard let mode = BidiMode(rawValue: value) else { return nil }
                settings.bidi = mode
            case "sync-every":
                guard let seconds = Double(value) else { return nil }
                settings.syncEvery = seconds
            case "sync-to": settings.syncTo = value
            case "site": settings.site = value
            case "log": settings.log = value
            default: return nil
            }
        }
        return settings.problem == nil ? settings : nil
    }

    func run() throws {
        // A mistyped path would otherwise give a kiosk of bare string keys and no modules.
        let repository = ContentRepository(lessons: ContentPaths.lessons(lessons), locales: ContentPaths.locales(locales))
        for (option, file) in [("--locales", "\(repository.locales)/\(InterfaceCatalog.fileName)"), ("--lessons", repository.lessons)]
        where !FileManager.default.fileExists(atPath: file) {
            StandardStreams.writeError("atelier kiosk: \(TerminalText.line(file)) not found (check \(option))\n")
            throw ExitCode(2)
        }
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            StandardStreams.writeError("atelier kiosk needs a terminal (try atelier preview for text output)\n")
            throw ExitCode(2)
        }
        let dataPath = DataOptions.path(data)
        let kiosk = KioskContent.load(repository, modules: false)
        let color = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        let logPath = log ?? URL(fileURLWithPath: dataPath).deletingLastPathComponent().appendingPathComponent("atelier-kiosk.log").path
        let kioskLog = LogFile(path: logPath)
        // Nothing written to standard error may land on the participant's screen (postgres-nio can make the
        // Swift runtime warn there when a connection dies mid-COPY; eSpeak NG's audio output can complain): it
        // goes to the kiosk's log instead, and follows it when it rotates.
        if !kioskLog.captureStandardError() {
            StandardStreams.writeError("atelier kiosk: the log \(TerminalText.line(logPath)) cannot be written (check --log); "
                                       + "the kiosk runs without it\n")
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, STDERR_FILENO); close(null) }
        }
        // The background push opens its own connection to the data file; it shares nothing with the screens.
        var syncLoop: SyncLoop?
        var roam: ((String, String) -> (RemoteProfile, String?))?
        if let syncEvery, let text = syncAddressText {
            do {
                // `problem` already refused an address that does not parse; this only builds it.
                let address = try PostgresAddress(text)
                let site = site ?? SyncCommand.hostName
                syncLoop = SyncLoop(store: try ProgressStore(path: dataPath), address: address, site: site,
                                    every: syncEvery, clock: { .now }, logger: kioskLog.logger("atelier.kiosk.sync"))
                // Profiles of the other sites (issue #23): looked for through the same server, within a time limit.
                let roamStore = try ProgressStore(path: dataPath)
                roam = { pseudonym, pin in
                    let (result, failure) = ProfileRoaming.signInWaiting(pseudonym: pseudonym, pin: pin, store: roamStore, address: address,
                                                                         site: site, at: .now)
                    return (result, failure?.logSummary)
                }
            } catch {
                StandardStreams.writeError("atelier kiosk: \(TerminalText.line(String(describing: error)))\n")
                throw ExitCode(2)
            }
        }
        defer { syncLoop?.stop() }
        var options = KioskController.Options(idleTimeout: idleTimeout, plain: plain, color: color, bidi: bidi, log: kioskLog)
        // Read-aloud through eSpeak NG's own audio output, started at the first press of the listen key;
        // without the library the key says "no sound".
        options.makeSpeech = { ESpeakSpeech(mode: .playback) }
        options.openRecords = { path in try ProgressStore(path: path) }
        options.roam = roam
        let controller = KioskController(content: kiosk, dataPath: dataPath, options: options)
        controller.run()
    }
}
