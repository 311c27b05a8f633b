import ArgumentParser

struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Start the participants' kiosk (not built yet)."
    )

    func run() throws {
        // Said plainly rather than faked: the kiosk screens, the lesson engine and the store come next.
        StandardStreams.writeError("""
        The Atelier kiosk is not there yet: this build has the text layer only.
        Try: echo 'Bonjour' | atelier layout --lang fr --width 40

        """)
    }
}
