import AtelierEngine
import AtelierStore
import Logging

/// The kiosk's `--sync-every`: a push every so often, in the background, for as long as the kiosk runs. A
/// failed push (no network, server down) is kept in the data file for `atelier sync status`, written to the
/// kiosk's log when it starts or changes (not at every round: a server down for a week would fill the log),
/// and never shown on the participants' screen; the records wait for the next round.
public final class SyncLoop: Sendable {
    /// What one round did.
    public enum Round: Sendable, Equatable {
        case pushed(KioskSync.Outcome)
        case failed(SyncError)
    }

    let task: Task<Void, Never>
    /// Each round's result, for whoever waits on the loop (the tests wait on this, not on a clock). Only the
    /// newest few are kept when nobody reads them.
    public let rounds: AsyncStream<Round>

    public init(store: ProgressStore, address: PostgresAddress, site: String, every seconds: Double,
                clock: @escaping @Sendable () -> Instant,
                logger: Logger = Logger(label: "atelier.kiosk.sync") { _ in SwiftLogNoOpLogHandler() }) {
        let (rounds, continuation) = AsyncStream.makeStream(of: Round.self, bufferingPolicy: .bufferingNewest(8))
        self.rounds = rounds
        task = Task.detached(priority: .background) {
            var lastFailure: SyncError?
            while !Task.isCancelled {
                do throws(SyncError) {
                    let outcome = try await KioskSync.push(store, to: address, site: site, clock: clock)
                    if lastFailure != nil {
                        logger.info("sync works again", metadata: ["rows": "\(outcome.rows)", "through": "\(outcome.through)"])
                    }
                    lastFailure = nil
                    continuation.yield(.pushed(outcome))
                } catch {
                    // The server's message may quote a value: only the kind of failure and the server are logged.
                    if lastFailure != error { logger.warning("sync failed: \(error.logSummary)") }
                    lastFailure = error
                    continuation.yield(.failed(error))
                }
                // Cancellation (stop()) ends the sleep early; the loop's condition then ends the loop.
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            }
            continuation.finish()
        }
    }

    public func stop() { task.cancel() }

    deinit { task.cancel() }
}
