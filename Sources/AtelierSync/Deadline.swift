import NIOConcurrencyHelpers

/// Runs `operation`, or gives up after `seconds`: whichever comes first answers, once. A network cut in the
/// middle of a `COPY` was seen to leave postgres-nio waiting for ever (under load, in the server-stopped
/// test); a kiosk's background push must not hang with it. The abandoned operation is cancelled and left to
/// finish or not on its own; the timer is cancelled as soon as the operation answers (it used to sleep on for
/// the whole delay after every query).
///
/// Not a task group on purpose: a group waits for all its children, and the child that ignores cancellation
/// is exactly the one this exists for.
enum Deadline {
    struct Expired: Error {}

    /// Who answered first, and the timer to cancel when the operation wins.
    private final class Race: Sendable {
        private let state = NIOLockedValueBox<(answered: Bool, timer: Task<Void, Never>?)>((false, nil))

        /// True for the first caller only; the timer is cancelled then.
        func claim() -> Bool {
            let timer: Task<Void, Never>?? = state.withLockedValue { state in
                if state.answered { return .none }
                state.answered = true
                defer { state.timer = nil }
                return .some(state.timer)
            }
            guard case .some(let pending) = timer else { return false }
            pending?.cancel()
            return true
        }

        func setTimer(_ timer: Task<Void, Never>) {
            let already = state.withLockedValue { state in
                if !state.answered { state.timer = timer }
                return state.answered
            }
            if already { timer.cancel() }
        }
    }

    static func run<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let work = Task {
                do {
                    let value = try await operation()
                    if race.claim() { continuation.resume(returning: value) }
                } catch {
                    if race.claim() { continuation.resume(throwing: error) }
                }
            }
            race.setTimer(Task {
                do {
                    try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                } catch {
                    return  // cancelled: the operation answered first
                }
                if race.claim() {
                    work.cancel()
                    continuation.resume(throwing: Expired())
                }
            })
        }
    }
}
