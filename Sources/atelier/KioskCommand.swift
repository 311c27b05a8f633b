import ArgumentParser
import AtelierContent
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

    func validate() throws {
        guard idleTimeout >= 10 else { throw ValidationError("--idle-timeout must be at least 10 seconds") }
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
        let controller = KioskController(content: kiosk, dataPath: data.path,
                                         options: .init(idleTimeout: idleTimeout, plain: plain, color: color, bidi: bidi))
        controller.run()
    }
}
