import Foundation

/// Runs `operation`, or gives up after `seconds`: whichever comes first answers, once. A network cut in the
/// middle of a `COPY` was seen to leave postgres-nio waiting for ever (under load, in the server-stopped
/// test); a kiosk's background push must not hang with it. The abandoned operation is cancelled and left to
/// finish or not on its own.
enum Deadline {
    struct Expired: Error {}

    static func run<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let answered = NSLock()
        nonisolated(unsafe) var done = false
        func claim() -> Bool {
            answered.lock()
            defer { answered.unlock() }
            if done { return false }
            done = true
            return true
        }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let work = Task {
                do {
                    let value = try await operation()
                    if claim() { continuation.resume(returning: value) }
                } catch {
                    if claim() { continuation.resume(throwing: error) }
                }
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                if claim() {
                    work.cancel()
                    continuation.resume(throwing: Expired())
                }
            }
        }
    }
}
