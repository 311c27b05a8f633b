import ArgumentParser
import AtelierContent
import AtelierSpeech
import AtelierTerminal
import AtelierText
import Foundation

/// An author walks a module exactly as a participant would, without a profile and without writing progress.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Walk a module in the terminal as a participant would, without a profile and without writing progress.",
        discussion: """
        The same screens, keys and answers as the kiosk, as a guest: nothing is stored. Start anywhere with \
        --step. 0 (back to the catalogue), the end of the module, Ctrl-D or Ctrl-C end the walk.
        """
    )

    @OptionGroup var content: ContentOptions
    @Argument(help: "The module id.") var module: String
    @Option(help: "Language code (default: fr).") var lang: String = "fr"
    @Option(help: "Start at this step.") var step: String?
    @Option(help: "app: Atelier reorders right-to-left text; terminal: the terminal does bidi (VTE, mlterm).") var bidi: BidiMode = .app
    @Flag(help: "No colour and no box drawing.") var plain = false

    func run() throws {
        var kiosk = KioskContent.load(content.repository, modules: false)
        let checked = KioskContent.loadCheckedModules(content.repository)
        guard let entry = checked.modules.first(where: { $0.module.id == module }) else {
            // The same refusal as the kiosk: a module with errors is not walked, and says why.
            let own = KioskContent.reasons(checked.refused, module: module)
            if !own.isEmpty {
                StandardStreams.writeError(own.map { TerminalText.line($0.description) }.joined(separator: "\n") + "\n")
                throw ValidationError("the module '\(TerminalText.line(module))' has errors: no participant sees it until they are fixed")
            }
            throw ValidationError("no module '\(TerminalText.line(module))' (modules: \(checked.modules.map(\.module.id).joined(separator: ", ")))")
        }
        guard kiosk.languages.contains(where: { $0.code == lang }) else {
            throw ValidationError("'\(TerminalText.line(lang))' is not in Locales/languages.yaml")
        }
        if let step, entry.module.step(step) == nil {
            throw ValidationError("no step '\(TerminalText.line(step))' in \(module)"
                                  + DidYouMean.hint(for: step, among: entry.module.steps.map(\.id)))
        }
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            throw ValidationError("atelier play needs a terminal (atelier preview prints the screens as text)")
        }
        kiosk.modules = checked.modules
        let color = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        // An author may read a screen for as long as they like: no idle logout.
        var options = KioskController.Options(idleTimeout: 86_400 * 365, plain: plain, color: color, bidi: bidi,
                                              play: .init(module: module, language: lang, step: step))
        options.makeSpeech = { ESpeakSpeech(mode: .playback) }
        KioskController(content: kiosk, dataPath: "/dev/null", options: options).run()
    }
}
