import ArgumentParser
import AtelierStore
import Foundation

struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Kiosk administration.",
        subcommands: [SetPIN.self]
    )

    struct SetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-pin",
            abstract: "Set the facilitator PIN (4 digits) that leaving the kiosk asks for. Read from standard input.")

        @OptionGroup var data: DataOptions

        func run() throws {
            // From standard input, so that the PIN appears neither in the shell history nor in `ps`.
            let typed = String(decoding: StandardStreams.readAll(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let store = try ProgressCommand.open(data)
            guard try store.setFacilitatorPIN(typed) else {
                StandardStreams.writeError("atelier admin set-pin: the PIN must be 4 digits\n")
                throw ExitCode(1)
            }
            StandardStreams.writeError("facilitator PIN set\n")
        }
    }
}
