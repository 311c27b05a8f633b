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

struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Start the participants' kiosk.",
        discussion: """
        Participants choose their language, get a pseudonymous profile (or stay guests) and walk the modules. \
        Leaving the kiosk needs the facilitator PIN when one is set (atelier admin set-pin): type 0 on the first \
        screen. Ctrl-C, Ctrl-Z, Ctrl-\\ and Ctrl-D do not leave it.
        """
    )

    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions

    @Option(name: .customLong("idle-timeout"), help: "Seconds without input before the participant is logged out.")
    var idleTimeout: Int = 180

    @Option(help: "app: Atelier reorders right-to-left text; terminal: the terminal does bidi (VTE, mlterm).")
    var bidi: BidiMode = .app

    @Flag(help: "No colour and no box drawing.")
    var plain = false

    @Option(name: .customLong("sync-every"), help: "Push the records to the shared server every this many seconds (needs --sync-to).")
    var syncEvery: Double?

    @Option(name: .customLong("sync-to"), help: "The shared PostgreSQL server (default: $ATELIER_SYNC_URL); see docs/multi-site.md.")
    var syncTo: String?

    @Option(help: "With --sync-every: the site this kiosk stands in (default: the host name).")
    var site: String?

    @Option(help: "The kiosk's log: modules left out, translations missing, failures; never answers, PINs or pseudonyms (default: atelier-kiosk.log beside the data file).")
    var log: String?

    func validate() throws {
        guard idleTimeout >= 10 else { throw ValidationError("--idle-timeout must be at least 10 seconds") }
        if let syncEvery, syncEvery < 1 { throw ValidationError("--sync-every must be at least 1 second") }
        if syncEvery != nil, syncAddressText == nil { throw ValidationError("--sync-every needs --sync-to postgres://… (or $ATELIER_SYNC_URL)") }
        // A server given without a rhythm would otherwise be silently ignored.
        if syncTo != nil, syncEvery == nil { throw ValidationError("--sync-to needs --sync-every SECONDS") }
        if let text = syncAddressText, syncEvery != nil {
            do { _ = try PostgresAddress(text) } catch { throw ValidationError(error.description) }
        }
    }

    var syncAddressText: String? {
        (syncTo ?? ProcessInfo.processInfo.environment["ATELIER_SYNC_URL"]).flatMap { $0.isEmpty ? nil : $0 }
    }

    func run() throws {
        // A mistyped path would otherwise give a kiosk of bare string keys and no modules.
        let repository = content.repository
        for (option, file) in [("--locales", "\(repository.locales)/\(InterfaceCatalog.fileName)"), ("--lessons", repository.lessons)]
        where !FileManager.default.fileExists(atPath: file) {
            StandardStreams.writeError("atelier kiosk: \(TerminalText.line(file)) not found (check \(option))\n")
            throw ExitCode(2)
        }
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            StandardStreams.writeError("atelier kiosk needs a terminal (try atelier preview for text output)\n")
            throw ExitCode(2)
        }
        let kiosk = KioskContent.load(repository, modules: false)
        let color = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        let logPath = log ?? URL(fileURLWithPath: data.path).deletingLastPathComponent().appendingPathComponent("atelier-kiosk.log").path
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
                // validate() already refused an address that does not parse; this only builds it.
                let address = try PostgresAddress(text)
                let site = site ?? SyncCommand.hostName
                syncLoop = SyncLoop(store: try ProgressStore(path: data.path), address: address, site: site,
                                    every: syncEvery, clock: { .now }, logger: kioskLog.logger("atelier.kiosk.sync"))
                // Profiles of the other sites (issue #23): looked for through the same server, within a time limit.
                let roamStore = try ProgressStore(path: data.path)
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
        let controller = KioskController(content: kiosk, dataPath: data.path, options: options)
        controller.run()
    }
}
