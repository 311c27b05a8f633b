import ArgumentParser

@main
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
