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

    // A new option must also be a field of `KioskSettings`, set in `settings` below (the kiosk runs from those), and
    // be known to `KioskSettings.read`; until `read` knows it, a line that uses it starts through ArgumentParser.
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

    /// The options as plain values: what the kiosk runs with, whether ArgumentParser read them or `KioskSettings.read`.
    var settings: KioskSettings {
        KioskSettings(lessons: content.lessons, locales: content.locales, data: data.data, idleTimeout: idleTimeout, bidi: bidi,
                      plain: plain, syncEvery: syncEvery, syncTo: syncTo, site: site, log: log)
    }

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    func run() throws {
        try settings.run()
    }
}
