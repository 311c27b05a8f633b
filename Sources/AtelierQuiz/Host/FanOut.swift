import NIOCore
import NIOPosix

/// Wakes the writers of a broadcast's outboxes, a batch at a time in a large room (issue #22).
///
/// A question sent to 5,000 phones woke 5,000 writers at once; they handed 5,000 frames to NIO's event loops, and
/// the answers of the first phones, read and acknowledged on the same loops, waited behind all of them (the
/// benchmark's acks over 50 ms were all in the first few hundred milliseconds of a question). Woken a batch at a
/// time, with the event loops left to write each batch before the next, the loops read answers between batches.
/// Order is not at stake: each player's messages are queued in order before any writer is woken, and a writer
/// woken by anything else (an ack, a later broadcast) sends what is queued, in order.
enum FanOut {
    /// Rooms up to this size are woken at once, as before.
    static let batch = 128

    static func wake(_ outboxes: [Outbox]) {
        guard outboxes.count > batch else {
            for outbox in outboxes { outbox.wake() }
            return
        }
        // Not a child of the room: a broadcast is synchronous inside the room's actor, and the pacer's life is short and
        // bounded (it wakes its outboxes and awaits only the event loops), as `ProfileRoaming.signInWaiting`'s task is.
        Task.detached { await paced(outboxes) }
    }

    /// The event loops are the server's (Hummingbird's `.singleton` group on Linux).
    static func paced(_ outboxes: [Outbox]) async {
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        var start = 0
        while start < outboxes.count {
            let end = min(start + batch, outboxes.count)
            for outbox in outboxes[start..<end] { outbox.wake() }
            start = end
            guard start < outboxes.count else { return }
            // The woken writers run and hand their frames to the loops; a task queued on each loop after them runs
            // once the loop has written them, and the loop reads what came in before it starts the next batch.
            await Task.yield()
            for loop in loops { try? await loop.submit {}.get() }
        }
    }
}
