import AtelierEngine
import AtelierQuiz
import AtelierStore
import AtelierText
import Foundation
import Testing

/// The room without sockets: its connections are the queues the network would drain.
@Suite struct QuizRoomTests {
    final class FakeClock: @unchecked Sendable {
        private let lock = NSLock()
        private var now: Int64 = 1_000_000
        func read() -> Instant { lock.withLock { Instant(milliseconds: now) } }
        func advance(_ milliseconds: Int64) { lock.withLock { now += milliseconds } }
    }

    func room(_ clock: FakeClock, ranking: Bool = true) throws -> QuizRoom {
        QuizRoom(content: try QuizTestHost.content(only: ["who-owns", "vote-rule"], seconds: 20),
                 settings: .init(code: "4821", session: "s", maxPlayers: 3), scoring: .accuracy, teams: 0, ranking: ranking, recorder: nil,
                 clock: { clock.read() })
    }

    func drain(_ stream: AsyncStream<String>, _ count: Int) async -> [ServerMessage] {
        var messages: [ServerMessage] = []
        for await text in stream {
            if let message = ServerMessage.decode(text) { messages.append(message) }
            if messages.count == count { break }
        }
        return messages
    }

    func join(_ room: QuizRoom, _ nickname: String, language: String = "fr", device: String = TestPlayer.newDevice(),
              address: String = "10.0.0.1") async throws -> (id: Int, stream: AsyncStream<String>) {
        let (id, stream) = try #require(await room.open(address: address))
        let verdict = await room.receive(id, text: ClientMessage.join(.init(code: "4821", nickname: nickname, language: language,
                                                                             device: device)).encoded)
        #expect(verdict == .keep)
        return (id, stream)
    }

    @Test func pauseFreezesTheCountdownAndLateAnswersAreRefusedByTheHostsClock() async throws {
        let clock = FakeClock()
        let room = try room(clock)
        let (id, stream) = try await join(room, "Amina", language: "ar")
        var iterator = stream.makeAsyncIterator()
        guard case .welcome? = ServerMessage.decode(await iterator.next()!) else { Issue.record("no welcome"); return }
        _ = await iterator.next()  // lobby
        await room.command(.next)
        guard case .question(let opened)? = ServerMessage.decode(await iterator.next()!) else { Issue.record("no question"); return }
        #expect(opened.remainingMs == 20_000)
        clock.advance(5_000)
        await room.command(.pauseOrResume)
        #expect(ServerMessage.decode(await iterator.next()!) == .paused(index: 0, remainingMs: 15_000))
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        // Paused, not late: the phone may answer once the question goes on.
        #expect(ServerMessage.decode(await iterator.next()!) == .error(.paused, question: 0))
        clock.advance(60_000)  // a long pause costs nobody any time
        await room.command(.pauseOrResume)
        guard case .question(let resumed)? = ServerMessage.decode(await iterator.next()!) else { Issue.record("no resume"); return }
        #expect(resumed.remainingMs == 15_000)
        clock.advance(15_001)
        await room.tick()
        // Time is up: answers locked, the right answer kept for the reveal.
        #expect(ServerMessage.decode(await iterator.next()!) == .closed(index: 0))
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        #expect(ServerMessage.decode(await iterator.next()!) == .error(.late, question: 0))
        await room.command(.reveal)
        guard case .result(let result)? = ServerMessage.decode(await iterator.next()!) else { Issue.record("no result"); return }
        #expect(result.choice == nil && !result.right)
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        #expect(ServerMessage.decode(await iterator.next()!) == .error(.late, question: 0))
    }

    @Test func aSkippedQuestionGivesNobodyPointsAndTheRoomHasALimit() async throws {
        let clock = FakeClock()
        let room = try room(clock)
        var streams: [(Int, AsyncStream<String>)] = []
        for name in ["A", "B", "C"] { streams.append(try await join(room, name)) }
        let (extra, extraStream) = try #require(await room.open(address: "10.0.0.9"))
        _ = await room.receive(extra, text: ClientMessage.join(.init(code: "4821", nickname: "D", language: "fr",
                                                                     device: TestPlayer.newDevice())).encoded)
        #expect(await drain(extraStream, 1) == [.error(.full)])
        await room.command(.next)
        _ = await room.receive(streams[0].0, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        await room.command(.skip)
        let messages = await drain(streams[0].1, 5)  // welcome, lobby, question, ack, result
        guard case .result(let result)? = messages.last(where: { if case .result = $0 { true } else { false } }) else {
            Issue.record("no result in \(messages)"); return
        }
        #expect(result.skipped && result.points == 0 && result.score == 0)
        // The answer is still there, marked skipped: the player sees what they chose, right for nobody.
        #expect(result.choice == "members" && !result.right)
    }

    /// Issue #22: the skip reaches the data file after the answers it voids, through the same writer; the export
    /// (what a facilitator opens) then says which answers were skipped.
    @Test func aSkipIsWrittenToTheStoreAndTheExportMarksItsAnswers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-skip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try ProgressStore(path: folder + "/atelier.sqlite", pinHasher: .fastForTests)
        let clock = FakeClock()
        let content = try QuizTestHost.content(only: ["who-owns", "vote-rule"], seconds: 20)
        try store.startQuiz(id: "s", module: content.module.id, scoring: "accuracy", questions: content.questions.map(\.stepID),
                            at: clock.read())
        let recorder = QuizRecorder(store: store, session: "s", module: content.module.id)
        let room = QuizRoom(content: content, settings: .init(code: "4821", session: "s", maxPlayers: 3), scoring: .accuracy, teams: 0,
                            recorder: recorder, clock: { clock.read() })
        let players = [try await join(room, "Amina"), try await join(room, "Wei", language: "zh")]
        await room.command(.next)
        for (player, choice) in zip(players, ["members", "state"]) {
            _ = await room.receive(player.id, text: ClientMessage.answer(question: 0, choice: choice).encoded)
        }
        await room.command(.skip)
        await room.command(.next)
        _ = await room.receive(players[0].id, text: ClientMessage.answer(question: 1, choice: "false").encoded)
        recorder.stop()  // drains the writer: everything queued is on disk
        let rows = try store.exportRows(session: "s")
        #expect(rows.count == 3)
        #expect(rows.filter(\.skipped).map { $0.response ?? "" }.sorted() == ["members", "state"])
        #expect(rows.filter { !$0.skipped }.map(\.step) == ["vote-rule"])
    }

    /// An answer the game counted is on disk even when its socket can no longer be acknowledged (its queue already
    /// closed): the export must say what the projector said.
    @Test func anAnswerCountedIsWrittenEvenWithoutASocketToAcknowledgeIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-ack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try ProgressStore(path: folder + "/atelier.sqlite", pinHasher: .fastForTests)
        let clock = FakeClock()
        let content = try QuizTestHost.content(only: ["who-owns"], seconds: 20)
        try store.startQuiz(id: "s", module: content.module.id, scoring: "accuracy", questions: content.questions.map(\.stepID),
                            at: clock.read())
        let recorder = QuizRecorder(store: store, session: "s", module: content.module.id)
        let room = QuizRoom(content: content, settings: .init(code: "4821", session: "s", maxPlayers: 3), scoring: .accuracy, teams: 0,
                            recorder: recorder, clock: { clock.read() })
        let (id, _) = try await join(room, "Amina")
        await room.command(.next)
        await room.finishOutbound(id)
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        recorder.stop()
        #expect(try store.exportRows(session: "s").map { $0.response ?? "" } == ["members"])
    }

    @Test func aPhoneArrivingAfterTheEndIsToldSo() async throws {
        let room = try room(FakeClock())
        await room.command(.end)
        let (id, stream) = try #require(await room.open(address: "10.0.0.4"))
        _ = await room.receive(id, text: ClientMessage.join(.init(code: "4821", nickname: "Late", language: "ti",
                                                                  device: TestPlayer.newDevice())).encoded)
        #expect(await drain(stream, 1) == [.error(.gameOver)])
    }

    /// A frame's `type` and `texts`: what the phone page shows, formatted by the host.
    func said(_ frame: String?) throws -> (type: String, texts: [String: String]) {
        let text = try #require(frame)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (object["type"] as? String ?? "", object["texts"] as? [String: String] ?? [:])
    }

    @Test func theHostWritesEverySentenceThePhoneShowsInThePagesLanguage() async throws {
        let clock = FakeClock()
        let room = try room(clock)
        let french = room.content.strings("fr")
        let arabic = room.content.strings("ar")
        let points = french.text("quiz.points", ["points": 1000])
        let device = TestPlayer.newDevice()
        let (id, stream) = try await join(room, "Amina", language: "fr", device: device)
        var frames = stream.makeAsyncIterator()
        let welcome = try said(await frames.next())
        #expect(welcome.type == "welcome" && welcome.texts.isEmpty)
        let lobby = try said(await frames.next())
        #expect(lobby.texts == ["players": "1 joueur"])
        await room.command(.next)
        let question = try said(await frames.next())
        #expect(question.texts == ["progress": "Question 1 sur 2"])
        clock.advance(5_000)
        await room.command(.pauseOrResume)
        let paused = try said(await frames.next())
        #expect(paused.texts == ["seconds": "15 secondes"])
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        let refusal = try said(await frames.next())
        #expect(refusal.texts == ["error": french.text("quiz.error.paused")])
        await room.command(.pauseOrResume)
        let resumed = try said(await frames.next())
        #expect(resumed.type == "question")
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        let ack = try said(await frames.next())
        #expect(ack.type == "ack" && ack.texts.isEmpty)
        await room.command(.close)  // answers locked: the phones are told, without the right answer
        let closed = try said(await frames.next())
        #expect(closed.type == "closed" && closed.texts.isEmpty)
        await room.command(.reveal)
        let result = try said(await frames.next())
        let answer = "\u{2068}" + room.content.question(0, language: "fr").choices[0] + "\u{2069}"
        #expect(result.texts == ["gained": "+" + points, "correct": french.text("quiz.correct-was", ["answer": .string(answer)]),
                                 "score": points, "rank": "Votre place : 1 sur 1"])
        #expect(result.texts["correct"]?.hasPrefix("La bonne réponse : \u{2068}À ses membres") == true, "\(result.texts)")
        await room.command(.end)
        let end = try said(await frames.next())
        #expect(end.texts == ["score": points, "rank": "Votre place : 1 sur 1"])

        // The page switched to Arabic and joined again: the same player, whose texts are now in Arabic.
        let (_, again) = try await join(room, "Amina", language: "ar", device: device, address: "10.0.0.2")
        var arabicFrames = again.makeAsyncIterator()
        let rejoined = try said(await arabicFrames.next())
        #expect(rejoined.type == "welcome")
        let arabicEnd = try said(await arabicFrames.next())
        #expect(arabicEnd.texts == ["score": arabic.text("quiz.points", ["points": 1000]),
                                    "rank": arabic.text("quiz.rank", ["rank": 1, "players": 1])])

        // Refusals in the language of the join, and a wait in seconds in it too.
        #expect(arabic.text("quiz.error.wrong-code") != french.text("quiz.error.wrong-code"))
        let (guesser, guesses) = try #require(await room.open(address: "10.0.0.7"))
        var refusals = guesses.makeAsyncIterator()
        for attempt in 1...4 {
            _ = await room.receive(guesser, text: ClientMessage.join(.init(code: "0000", nickname: "G", language: "ar",
                                                                           device: TestPlayer.newDevice())).encoded)
            let frame = await refusals.next()
            let texts = try said(frame).texts
            if attempt < 4 {
                #expect(texts == ["error": arabic.text("quiz.error.wrong-code")])
                continue
            }
            let decoded = ServerMessage.decode(try #require(frame))
            guard case .error(.slowDown, let wait?, _)? = decoded else { Issue.record("no slow-down: \(String(describing: frame))"); return }
            let seconds = Double((wait + 999) / 1000)
            #expect(texts == ["error": arabic.text("quiz.error.slow-down", ["seconds": .number(seconds)])])
        }
    }

    /// The workshop default: a phone gets its own result and score, and no place, in the frame or in its texts.
    @Test func withoutRankingAPhoneGetsItsOwnResultAndNoPlace() async throws {
        let clock = FakeClock()
        let room = try room(clock, ranking: false)
        let french = room.content.strings("fr")
        let (amina, frames) = try await join(room, "Amina")
        let (_, others) = try await join(room, "Dawit")
        var mine = frames.makeAsyncIterator()
        _ = await mine.next(); _ = await mine.next()  // welcome, lobby
        await room.command(.next)
        _ = await mine.next()  // the question
        _ = await room.receive(amina, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        _ = await mine.next()  // the ack
        await room.command(.close)
        _ = await mine.next()  // answers closed
        await room.command(.reveal)
        let result = try #require(await mine.next())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "result" && object["right"] as? Bool == true)
        #expect(object["rank"] == nil, "\(result)")
        let texts = try said(result).texts
        #expect(texts["rank"] == nil && texts["score"] == french.text("quiz.points", ["points": 1000]), "\(texts)")
        await room.command(.end)
        let end = try #require(await mine.next())
        let endObject = try #require(try JSONSerialization.jsonObject(with: Data(end.utf8)) as? [String: Any])
        #expect(endObject["type"] as? String == "end" && endObject["rank"] == nil && endObject["score"] as? Int == 1000, "\(end)")
        #expect(try said(end).texts.keys.sorted() == ["score"])
        #expect(ServerMessage.decode(end) == .end(score: 1000, rank: nil, players: 2))
        _ = others
    }

    /// A look-alike of a name in the room is refused in the words of the phone's language.
    @Test func aLookAlikeNicknameIsRefusedInThePlayersLanguage() async throws {
        let room = try room(FakeClock())
        _ = try await join(room, "Anna")
        for language in ["ru", "ar", "fr"] {
            let (_, frames) = try await join(room, "\u{0410}nna", language: language, address: "10.0.0.\(language.count + 5)")
            var iterator = frames.makeAsyncIterator()
            let frame = try #require(await iterator.next())
            #expect(ServerMessage.decode(frame) == .error(.nicknameLookAlike))
            let expected = room.content.strings(language).text("quiz.error.nickname-look-alike")
            #expect(expected != "quiz.error.nickname-look-alike")
            #expect(try said(frame).texts == ["error": expected])
            if language != "fr" { #expect(expected != room.content.strings("fr").text("quiz.error.nickname-look-alike"), "\(language)") }
        }
        #expect(await room.game.players.count == 1)
    }

    @Test func aClientThatNeverReadsKeepsOnlyTheNewestMessages() async throws {
        let clock = FakeClock()
        let room = try room(clock)
        let (id, stream) = try await join(room, "Sleepy")
        await room.command(.next)
        // A reader that never comes: hundreds of messages for it, and its malformed ones are answered too.
        var verdicts: [QuizRoom.Verdict] = []
        for _ in 0..<QuizProtocol.maxBadMessages { verdicts.append(await room.receive(id, text: "{")) }
        #expect(verdicts.last == .close)  // the network side closes the socket after 20 malformed messages
        for _ in 0..<500 {
            await room.command(.pauseOrResume)
        }
        await room.finishOutbound(id)
        var count = 0
        for await _ in stream { count += 1 }
        #expect(count == QuizProtocol.outboundBuffer)  // the newest 64 of over 500
    }

    /// A store that holds every write until the test lets it go: an answer's ack waits for it.
    final class HeldStore: QuizRecords, @unchecked Sendable {
        let gate = DispatchSemaphore(value: 0)
        func recordQuizAnswers(session: String, module: String, _ records: [QuizAnswerRecord]) throws { gate.wait() }
        func recordQuizSkip(session: String, questionIndex: Int, at now: Instant) throws { gate.wait() }
        func quizSignIn(pseudonym: String, pin: String?, at now: Instant) throws -> Result<String, KioskProfileProblem> {
            .failure(.unknownPseudonym)
        }
    }

    @Test func repliesKeepTheOrderOfTheMessagesTheyAnswer() async throws {
        let clock = FakeClock()
        let store = HeldStore()
        let recorder = QuizRecorder(store: store, session: "s", module: "coop-basics")
        defer { recorder.stop() }
        let room = QuizRoom(content: try QuizTestHost.content(only: ["who-owns", "vote-rule"], seconds: 20),
                            settings: .init(code: "4821", session: "s", maxPlayers: 3), scoring: .accuracy, teams: 0,
                            recorder: recorder, clock: { clock.read() })
        let (id, stream) = try await join(room, "Amina")
        await room.command(.next)
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        // The ack waits for the disk; the refusal of the second answer is ready at once, and still comes after it.
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "state").encoded)
        store.gate.signal()
        let messages = await drain(stream, 5)
        #expect(Array(messages.dropFirst(3)) == [.ack(question: 0, choice: "members"), .error(.alreadyAnswered, question: 0)])
    }

    @Test func aFloodOfRefusedAnswersDoesNotPushOutTheAck() async throws {
        let room = try room(FakeClock())
        let (id, stream) = try await join(room, "Flood")
        await room.command(.next)
        _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "members").encoded)
        // A phone that keeps sending (or a script on it) and does not read: its refusals are what it loses.
        for _ in 0..<500 { _ = await room.receive(id, text: ClientMessage.answer(question: 0, choice: "state").encoded) }
        await room.finishOutbound(id)
        var messages: [ServerMessage] = []
        for await text in stream { if let message = ServerMessage.decode(text) { messages.append(message) } }
        #expect(messages.count == QuizProtocol.outboundBuffer)
        #expect(messages.contains(.ack(question: 0, choice: "members")))
        #expect(messages.contains { if case .question = $0 { true } else { false } })
    }
}
