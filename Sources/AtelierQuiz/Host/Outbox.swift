import Foundation
import NIOConcurrencyHelpers

/// One connection's messages on their way out, in the order the host produced them. The room puts them in;
/// the socket's writer takes them out as fast as the phone reads.
///
/// Bounded for a phone that stops reading: past `limit` messages the oldest error goes first, then the oldest
/// state message (each one carries the whole state, so the newest is enough). Replies a client cannot do
/// without (`welcome`, `ack`, `kicked`) are never dropped; there are few of them (one ack per question), so they
/// need no bound of their own. A flood of refused messages thus costs its sender their error replies, never
/// the acknowledgement of an answer.
///
/// An ack is reserved (`reserve`) when the answer is counted and filled in (`fill`) once it is on disk: what the
/// room sends meanwhile waits behind it, so that replies keep the order of the messages they answer.
final class Outbox: Sendable {
    enum Kind: Sendable { case reply, state, error }

    private enum Entry {
        case ready(String, Kind)
        case reserved(Int)
    }

    private struct State {
        var queue: [Entry] = []
        var head = 0
        var nextTicket = 0
        var finished = false
        var cancelled = false
        var waiter: CheckedContinuation<String?, Never>?

        var count: Int { queue.count - head }

        /// The first message when it is ready; `.some(nil)` when nothing will come any more; nil to wait.
        mutating func take() -> String?? {
            if cancelled { return .some(nil) }
            if head < queue.count {
                guard case .ready(let text, _) = queue[head] else { return nil }  // an ack still on its way to disk
                head += 1
                if head > 256, head * 2 > queue.count {
                    queue.removeFirst(head)
                    head = 0
                }
                return .some(text)
            }
            return finished ? .some(nil) : nil
        }
    }

    let limit: Int
    private let state = NIOLockedValueBox(State())

    init(limit: Int) { self.limit = limit }

    func push(_ text: String, _ kind: Kind) {
        let woken = state.withLockedValue { state -> Woken? in
            guard append(text, kind, to: &state) else { return nil }
            return Self.wake(&state)
        }
        woken?.resume()
    }

    /// Queues `text` like `push`, without waking a waiting reader: a broadcast to a large room wakes its readers a
    /// batch at a time (`FanOut`). What is queued still comes out in order; only when the writer starts changes.
    func enqueue(_ text: String, _ kind: Kind) {
        state.withLockedValue { state in _ = append(text, kind, to: &state) }
    }

    /// A reader is suspended in `next()` (the fan-out's tests wait for it before they broadcast).
    var isWaiting: Bool { state.withLockedValue { $0.waiter != nil } }

    /// Wakes a waiting reader that has something to take.
    func wake() {
        let woken = state.withLockedValue { state in Self.wake(&state) }
        woken?.resume()
    }

    /// A place for an ack in the order; nil when the outbox is finished (the ack would go nowhere).
    func reserve() -> Int? {
        state.withLockedValue { state in
            guard !state.finished else { return nil }
            let ticket = state.nextTicket
            state.nextTicket += 1
            state.queue.append(.reserved(ticket))
            return ticket
        }
    }

    func fill(_ ticket: Int, with text: String) {
        let woken = state.withLockedValue { state -> Woken? in
            guard let position = state.queue[state.head...].firstIndex(where: {
                if case .reserved(ticket) = $0 { true } else { false }
            }) else { return nil }
            state.queue[position] = .ready(text, .reply)
            return Self.wake(&state)
        }
        woken?.resume()
    }

    /// Nothing more goes in; what is queued still comes out (a last error, `kicked`).
    func finish() {
        let woken = state.withLockedValue { state -> Woken? in
            state.finished = true
            return Self.wake(&state)
        }
        woken?.resume()
    }

    /// The next message; nil once finished and empty, or when the reading task is cancelled.
    func next() async -> String? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let ready = state.withLockedValue { state -> String?? in
                    if let taken = state.take() { return taken }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state -> CheckedContinuation<String?, Never>? in
                state.cancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    /// The messages as a stream, for the socket's writer (and the room's tests).
    var stream: AsyncStream<String> {
        AsyncStream(unfolding: { await self.next() })
    }

    // MARK: - Inside the lock

    /// A reader woken with what it takes, resumed outside the lock.
    private struct Woken {
        let waiter: CheckedContinuation<String?, Never>
        let taken: String?
        func resume() { waiter.resume(returning: taken) }
    }

    /// A waiting reader is woken only when it has something to take (or learns that nothing will come).
    private static func wake(_ state: inout State) -> Woken? {
        guard let waiter = state.waiter, let taken = state.take() else { return nil }
        state.waiter = nil
        return Woken(waiter: waiter, taken: taken)
    }

    /// Queues a message within the bound (see the type's comment); false when the outbox is finished.
    private func append(_ text: String, _ kind: Kind, to state: inout State) -> Bool {
        guard !state.finished else { return false }
        state.queue.append(.ready(text, kind))
        if state.count > limit { Self.dropOne(&state) }
        return true
    }

    private static func dropOne(_ state: inout State) {
        for kind in [Kind.error, .state] {
            if let position = state.queue[state.head...].firstIndex(where: {
                if case .ready(_, kind) = $0 { true } else { false }
            }) {
                state.queue.remove(at: position)
                return
            }
        }
    }
}
