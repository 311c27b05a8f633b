import ArgumentParser
import Foundation

@main
enum AtelierMain {
    /// The kiosk's own command line starts the kiosk without ArgumentParser (see `KioskSettings`); every other one,
    /// and any the kiosk's reader is not sure of, goes through `Atelier`.
    static func main() async {
        if let settings = KioskSettings.read(Array(CommandLine.arguments.dropFirst())) {
            await runKiosk(settings)
        }
        await Atelier.main()
    }

    /// On the cooperative pool, as ArgumentParser runs a command (not on the main actor, which the kiosk's loop
    /// would hold for as long as it runs); exits the process as ArgumentParser would.
    @concurrent
    static func runKiosk(_ settings: KioskSettings) async -> Never {
        do {
            try settings.run()
            exit(0)
        } catch {
            Atelier.exit(withError: error)
        }
    }
}

struct Atelier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atelier",
        abstract: "A multilingual text-mode workshop kiosk.",
        discussion: "Without a subcommand, starts the kiosk.",
        version: "0.1.0",
        subcommands: [KioskCommand.self, PreviewCommand.self, PlayCommand.self, NewCommand.self, SpeakCommand.self, LintCommand.self, TranslationsCommand.self, ProgressCommand.self,
                      AdminCommand.self, LayoutCommand.self, QuizCommand.self, SyncCommand.self, FactsCommand.self, ReadAloudCommand.self],
        defaultSubcommand: KioskCommand.self
    )
}
