import ArgumentParser
import AtelierEngine
import AtelierStore
import AtelierSync
import Foundation

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Several sites: push this kiosk's records to a shared PostgreSQL server (docs/multi-site.md).",
        subcommands: [Push.self, Migrate.self, Status.self],
        defaultSubcommand: Push.self
    )

    /// `--to URL`, else `$ATELIER_SYNC_URL`. The password may come from `PGPASSWORD`.
    struct ServerOptions: ParsableArguments {
        @Option(name: .customLong("to"), help: "postgres://ROLE@HOST[:PORT]/DATABASE[?sslmode=…] (default: $ATELIER_SYNC_URL).")
        var url: String?

        func address(command: String) throws -> PostgresAddress {
            guard let text = url ?? ProcessInfo.processInfo.environment["ATELIER_SYNC_URL"], !text.isEmpty else {
                throw ValidationError("give the server with --to postgres://ROLE@HOST/DATABASE (or $ATELIER_SYNC_URL)")
            }
            do {
                return try PostgresAddress(text)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    static func fail(_ command: String, _ error: SyncError) -> ExitCode {
        StandardStreams.writeError("atelier \(command): \(TerminalText.line(error.description))\n")
        if case .unreachable = error { return ExitCode(3) }
        return ExitCode(1)
    }

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Send what the server has not seen yet (idempotent: an interrupted push can simply be run again).",
            discussion: "Exit status 3 when the server cannot be reached: the records stay on the kiosk for the next push.")

        @OptionGroup var server: ServerOptions
        @OptionGroup var data: DataOptions
        @Option(help: "The site this kiosk stands in, as coordinators see it (default: the host name).") var site: String?
        @Option(help: "Rows per server transaction.") var batch: Int = 2000

        func validate() throws {
            guard (1...50_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 50000") }
        }

        func run() async throws {
            let address = try server.address(command: "sync")
            let store = try ProgressCommand.open(data)
            do {
                let outcome = try await KioskSync.push(store, to: address, site: site ?? SyncCommand.hostName, batchSize: batch,
                                                       clock: { .now })
                StandardStreams.writeError("pushed \(SyncCommand.count(outcome.rows, "row")) in \(SyncCommand.count(outcome.batches, "batch", "batches")) to \(TerminalText.line(address.description))\n")
            } catch {
                throw SyncCommand.fail("sync", error)
            }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate",
            abstract: "Create or update the server's schema and the atelier_kiosk / atelier_coordinator roles (as the database owner).")

        @OptionGroup var server: ServerOptions

        func run() async throws {
            let address = try server.address(command: "sync migrate")
            do throws(SyncError) {
                let applied = try await ServerConnection.with(address) { server throws(SyncError) in
                    try await ServerMigrator.migrate(server)
                }
                StandardStreams.writeError(applied.isEmpty ? "the server's schema is up to date (version \(ServerSchema.latestVersion))\n"
                                           : "applied migration\(applied.count == 1 ? "" : "s") \(applied.map(String.init).joined(separator: ", "))\n")
            } catch {
                throw SyncCommand.fail("sync migrate", error)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "This kiosk's id, what is waiting to be pushed, and the last push.")

        @OptionGroup var data: DataOptions

        func run() throws {
            let status = try ProgressCommand.open(data).syncStatus()
            var text = "kiosk \(status.kioskID)\n"
            text += status.pending == 0 ? "waiting to be pushed: nothing\n"
                : "waiting to be pushed: \(SyncCommand.count(status.pending, "row")) (changes \(status.syncedThrough + 1)…\(status.latestChange))\n"
            text += "last successful push: \(status.lastSuccessAt.map(ProgressStore.iso8601) ?? "never")\n"
            if let failure = status.lastFailure { text += "last failure: \(TerminalText.line(failure))\n" }
            StandardStreams.write(Array(text.utf8))
        }
    }

    static var hostName: String { ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "kiosk" }
}

extension SyncCommand {
    /// "1 row", "4 rows": the push's and the status's English counts.
    static func count(_ number: some BinaryInteger, _ one: String, _ many: String? = nil) -> String {
        "\(number) \(number == 1 ? one : many ?? one + "s")"
    }
}
