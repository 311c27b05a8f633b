import AtelierEngine
import AtelierQuiz
import Foundation
import Testing

/// The host's network rules (docs/quiz-protocol.md, "Transport" and "Limits"), through raw sockets: close codes,
/// unmasked frames, idle sockets, limits per address, socket and device token, refusals that name their question.
@Suite(.serialized) struct QuizNetworkTests {
    /// The next protocol message that `matches`, read off the cooperative threads; nil when the socket ended.
    func message(_ raw: RawSocket, where matches: @escaping @Sendable (ServerMessage) -> Bool = { _ in true }) async -> ServerMessage? {
        await blocking {
            while let message = raw.nextMessage() {
                if matches(message) { return message }
            }
            return nil
        }
    }

    func joined(_ host: QuizTestHost, _ nickname: String, code: String = "4821") async throws -> RawSocket {
        let raw = try #require(RawSocket(port: host.port))
        #expect(await blocking { raw.upgrade() })
        raw.send(.join(.init(code: code, nickname: nickname, language: "fr", device: TestPlayer.newDevice())))
        #expect(await message(raw) { if case .welcome = $0 { true } else { false } } != nil)
        return raw
    }

    static let xs = [UInt8](repeating: UInt8(ascii: "x"), count: 3000)
    static let join = Array(ClientMessage.join(.init(code: "4821", nickname: "Plain", language: "fr", device: TestPlayer.newDevice())).encoded.utf8)

    /// What a client sends, and the close code it gets (RFC 6455 §7.4.1).
    struct Closing: Sendable, CustomTestStringConvertible {
        let what: String
        let bytes: [UInt8]
        let code: UInt16
        var testDescription: String { "\(what): \(code)" }
    }

    static let closings = [
        Closing(what: "one frame over 4,096 bytes", bytes: RawSocket.frame(opcode: 0x1, payload: xs + xs), code: 1009),
        Closing(what: "a message over 4,096 bytes in two frames",
                bytes: RawSocket.frame(opcode: 0x1, payload: xs, fin: false) + RawSocket.frame(opcode: 0x0, payload: xs), code: 1009),
        Closing(what: "an unmasked frame", bytes: RawSocket.frame(opcode: 0x1, payload: join, masked: false), code: 1002),
        Closing(what: "a text frame that is not UTF-8", bytes: RawSocket.frame(opcode: 0x1, payload: [0xC3, 0x28]), code: 1007),
        // Closed by the host's own rule, not the WebSocket's: a normal closure.
        Closing(what: "20 malformed messages", bytes: Array(repeating: RawSocket.frame(opcode: 0x1, payload: Array("{".utf8)),
                                                                   count: QuizProtocol.maxBadMessages).flatMap { $0 }, code: 1000),
    ]

    @Test(arguments: closings)
    func framesTheHostRefusesCloseWithTheirCode(_ closing: Closing) async throws {
        let host = try await QuizTestHost.start()
        defer { host.stop() }
        let raw = try #require(RawSocket(port: host.port))
        #expect(await blocking { raw.upgrade() })
        raw.write(closing.bytes)
        let code = await blocking { raw.closeCode() }
        #expect(code == .some(closing.code), "\(closing.what)")
        #expect(await host.room.game.players.isEmpty)
    }

    @Test func refusalsNameTheirQuestionAndAnAnswerDuringAPauseIsNotLate() async throws {
        let host = try await QuizTestHost.start(only: ["who-owns", "vote-rule"], seconds: 30, clock: QuizTestHost.frozen)
        defer { host.stop() }
        let raw = try await joined(host, "Amina")
        await host.room.command(.next)
        #expect(await message(raw) { if case .question = $0 { true } else { false } } != nil)
        let refusals: [(ClientMessage, ServerMessage)] = [
            (.answer(question: 1, choice: "a"), .error(.noQuestionOpen, question: 1)),
            (.answer(question: 0, choice: "nothing"), .error(.unknownChoice, question: 0)),
        ]
        for (sent, expected) in refusals {
            raw.send(sent)
            #expect(await message(raw) { if case .error = $0 { true } else { false } } == expected)
        }
        await host.room.command(.pauseOrResume)
        #expect(await message(raw) { if case .paused = $0 { true } else { false } } != nil)
        raw.send(.answer(question: 0, choice: "members"))
        #expect(await message(raw) { if case .error = $0 { true } else { false } } == .error(.paused, question: 0))
        await host.room.command(.pauseOrResume)
        #expect(await message(raw) { if case .question = $0 { true } else { false } } != nil)
        raw.send(.answer(question: 0, choice: "members"))
        raw.send(.answer(question: 0, choice: "state"))
        // In the order sent: the ack (once on disk), then the refusal of the second answer.
        #expect(await message(raw) { if case .ack = $0 { true } else if case .error = $0 { true } else { false } }
                == .ack(question: 0, choice: "members"))
        #expect(await message(raw) { if case .error = $0 { true } else { false } } == .error(.alreadyAnswered, question: 0))
    }

    @Test func idleAndHalfSentConnectionsAreClosedButAWebSocketStays() async throws {
        let host = try await QuizTestHost.start(limits: .init(idleTimeout: .milliseconds(500)), clock: QuizTestHost.frozen)
        defer { host.stop() }
        let player = try await joined(host, "Awake")
        let silent = try #require(RawSocket(port: host.port))
        let half = try #require(RawSocket(port: host.port))
        half.write("GET /api/languages HTTP/1.1\r\nHost: 12")
        let answered = try #require(RawSocket(port: host.port))
        answered.write("GET /app.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        // The events themselves: each socket ends (the hang guard alone would say false).
        #expect(await blocking { silent.waitForClose() })
        #expect(await blocking { half.waitForClose() })
        #expect(await blocking { answered.waitForClose() })  // after its answer, kept alive, then idle
        // The player's WebSocket outlived those deadlines: it gets the question.
        await host.room.command(.next)
        #expect(await message(player) { if case .question = $0 { true } else { false } } != nil)
    }

    @Test func wrongCodesSlowDownTheirSocketAndTokenNotTheClassmatesOnTheSameWiFi() async throws {
        let host = try await QuizTestHost.start(code: "1111", clock: QuizTestHost.frozen)
        defer { host.stop() }
        // Every client here comes from 127.0.0.1: one address, like a class behind one router.
        let honest = TestPlayer(url: host.url)
        honest.join(nickname: "Honest", language: "fr", code: "1111")
        guard case .welcome(let id, _, _, _, _, _)? = await honest.next(where: { if case .welcome = $0 { true } else { false } }) else {
            Issue.record("no welcome"); return
        }
        let guesser = TestPlayer(url: host.url)
        for attempt in 0..<4 {
            guesser.join(nickname: "G", language: "fr", code: String(2000 + attempt))
            _ = await guesser.next { if case .error = $0 { true } else { false } }
        }
        // The guesser's token on a new socket is still slowed down, even with the right code.
        let again = TestPlayer(url: host.url, device: guesser.device)
        again.join(nickname: "G", language: "fr", code: "1111")
        guard case .error(.slowDown, _, _)? = await again.next(where: { if case .error = $0 { true } else { false } }) else {
            Issue.record("a new socket cleared the token's wait"); return
        }
        // A classmate joins, and the honest player who lost the connection comes back, at once.
        let classmate = TestPlayer(url: host.url)
        classmate.join(nickname: "Classmate", language: "fr", code: "1111")
        guard case .welcome? = await classmate.next() else { Issue.record("the classmate was slowed down"); return }
        honest.close()
        try await waitUntil { await host.room.game.players[id]?.connected == false }
        let back = TestPlayer(url: host.url, device: honest.device)
        back.join(nickname: "Honest", language: "fr", code: "1111")
        guard case .welcome(_, _, _, _, let rejoined, _)? = await back.next() else { Issue.record("the rejoin was refused"); return }
        #expect(rejoined)
        for player in [guesser, again, classmate, back] { player.close() }
    }

    @Test func oneAddressOpensConnectionsAtARateAndMayHoldMoreThanTheBurst() async throws {
        let clock = QuizRoomTests.FakeClock()
        // A long idle deadline: these sockets send nothing, and only the rate is under test.
        let host = try await QuizTestHost.start(limits: .init(newConnectionsPerSecond: 5, newConnectionBurst: 64, idleTimeout: .seconds(900),
                                                              clock: { clock.read() }))
        defer { host.stop() }
        func closedByHost(_ sockets: [RawSocket]) -> Int {
            sockets.filter { raw in
                var byte: UInt8 = 0
                return recv(raw.fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0
            }.count
        }
        // From 127.0.0.2 (another machine, as far as the host can tell): a burst of 64 is let in, the rest closed.
        var first: [RawSocket] = []
        for _ in 0..<80 { first.append(try #require(RawSocket(port: host.port, from: "127.0.0.2"))) }
        try await waitUntil { closedByHost(first) >= 16 }
        #expect(closedByHost(first) == 16)
        // Two seconds later, ten more: the address now holds 74 at once (a class bigger than the burst).
        clock.advance(2000)
        var later: [RawSocket] = []
        for _ in 0..<11 { later.append(try #require(RawSocket(port: host.port, from: "127.0.0.2"))) }
        try await waitUntil { closedByHost(later) >= 1 }
        #expect(closedByHost(later) == 1)
        #expect(closedByHost(first) == 16)
    }
}
