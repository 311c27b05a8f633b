import AtelierEngine
@testable import AtelierQuiz
import Foundation
import Testing

/// A broadcast to a room larger than `FanOut.batch` wakes its writers a batch at a time (issue #22). Nothing may be
/// lost or reordered by that: every phone gets every message, in the order the room produced them.
@Suite struct FanOutTests {
    /// 300 phones, more than two batches: each gets the lobby, the question and the pause, in order, and an answer
    /// sent while the question is still being woken for the others is acknowledged after that phone's question.
    @Test func aLargeRoomGetsEveryBroadcastInOrder() async throws {
        let players = 2 * FanOut.batch + 44
        let room = QuizRoom(content: try QuizTestHost.content(only: ["who-owns", "vote-rule"], seconds: 20),
                            settings: .init(code: "4821", session: "s", maxPlayers: players), scoring: .accuracy, teams: 0, ranking: false,
                            recorder: nil, clock: { Instant(milliseconds: 1_000_000) })
        var phones: [(id: Int, iterator: AsyncStream<String>.AsyncIterator)] = []
        for number in 0..<players {
            let (id, stream) = try #require(await room.open(address: "10.0.0.1"))
            let join = ClientMessage.join(.init(code: "4821", nickname: "p\(number)", language: number % 2 == 0 ? "fr" : "ar",
                                                device: TestPlayer.newDevice()))
            #expect(await room.receive(id, text: join.encoded) == .keep)
            phones.append((id, stream.makeAsyncIterator()))
        }
        await room.command(.next)  // the question, to every phone: the paced path
        // The last phone answers at once: its ack must come after its question, whatever the pacer has woken yet.
        let last = phones.count - 1
        _ = await room.receive(phones[last].id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        await room.command(.pauseOrResume)
        for index in phones.indices {
            var kinds: [String] = []
            while true {
                let text = try #require(await phones[index].iterator.next(), "phone \(index) stopped after \(kinds)")
                guard let message = ServerMessage.decode(text) else { continue }
                switch message {
                case .welcome: kinds.append("welcome")
                case .lobby: if kinds.last != "lobby" { kinds.append("lobby") }  // the count changes as the room fills
                case .question: kinds.append("question")
                case .ack: kinds.append("ack")
                case .paused: kinds.append("paused")
                default: kinds.append("other")
                }
                if kinds.last == "paused" { break }
            }
            let expected = index == last ? ["welcome", "lobby", "question", "ack", "paused"] : ["welcome", "lobby", "question", "paused"]
            #expect(kinds == expected, "phone \(index)")
        }
    }

    /// Readers already waiting are all woken by the pacer, with nothing else to wake them (no finish, no other push):
    /// a lost wake-up would leave a phone without its question, and this test waiting (the time limit is a hang guard).
    @Test(.timeLimit(.minutes(1))) func everyWaitingWriterIsWoken() async {
        let outboxes = (0..<(3 * FanOut.batch + 5)).map { _ in Outbox(limit: 8) }
        let readers = outboxes.map { outbox in
            Task { () -> String? in
                var iterator = outbox.stream.makeAsyncIterator()
                return await iterator.next()
            }
        }
        // Every reader suspended first, so that only a wake-up can give it the message.
        while !outboxes.allSatisfy(\.isWaiting) { await Task.yield() }
        for outbox in outboxes { outbox.enqueue("broadcast", .state) }
        FanOut.wake(outboxes)
        for reader in readers { #expect(await reader.value == "broadcast") }
    }

    /// What a push queues after the broadcast comes out behind it, whether the pacer has reached that outbox or not.
    @Test(.timeLimit(.minutes(1))) func aPushAfterTheBroadcastComesOutAfterIt() async {
        let outboxes = (0..<(3 * FanOut.batch)).map { _ in Outbox(limit: 8) }
        for outbox in outboxes { outbox.enqueue("broadcast", .state) }
        FanOut.wake(outboxes)
        outboxes[outboxes.count - 1].push("reply", .reply)
        for outbox in outboxes { outbox.finish() }
        for (index, outbox) in outboxes.enumerated() {
            var got: [String] = []
            for await text in outbox.stream { got.append(text) }
            #expect(got == (index == outboxes.count - 1 ? ["broadcast", "reply"] : ["broadcast"]), "outbox \(index)")
        }
    }
}
