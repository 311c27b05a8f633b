import AtelierEngine
import AtelierStore

/// The kiosk's `--sync-every`: a push every so often, in the background, for as long as the kiosk runs. A
/// failed push (no network, server down) is kept in the data file for `atelier sync status` and never shown
/// on the participants' screen; the records wait for the next round.
public final class SyncLoop: Sendable {
    let task: Task<Void, Never>

    public init(store: ProgressStore, address: PostgresAddress, site: String, every seconds: Double,
                clock: @escaping @Sendable () -> Instant) {
        task = Task.detached(priority: .background) {
            while !Task.isCancelled {
                _ = try? await KioskSync.push(store, to: address, site: site, clock: clock)
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            }
        }
    }

    public func stop() { task.cancel() }

    deinit { task.cancel() }
}
