import AtelierEngine
import AtelierQuiz
import AtelierStore
import Foundation
import Testing

/// Real WebSocket clients against a real host on 127.0.0.1.
@Suite(.serialized) struct QuizHostIntegrationTests {
    static let languages = ["fr", "ar", "prs", "ti", "ta", "zh"]
    static let names = ["Amélie", "عائشة", "نرگس", "ሰላማዊት", "தமிழ்செல்வி", "小明"]

    @Test func fiftyPlayersInSixLanguagesPlayAQuestionAndOneRejoins() async throws {
        let host = try await QuizTestHost.start(only: ["who-owns", "vote-rule"], seconds: 30, ranking: true, clock: QuizTestHost.frozen)
        defer { host.stop() }
        var players: [TestPlayer] = []
        for number in 0..<50 {
            let player = TestPlayer(url: host.url)
            let language = Self.languages[number % 6]
            player.join(nickname: "\(Self.names[number % 6]) \(number)", language: language)
            players.append(player)
        }
        var ids: [String] = []
        for (number, player) in players.enumerated() {
            let welcome = await player.next { if case .welcome = $0 { true } else { false } }
            guard case .welcome(let id, _, let language, let direction, let rejoined, _)? = welcome else {
                Issue.record("player \(number) was not welcomed"); return
            }
            #expect(language == Self.languages[number % 6])
            #expect(direction == (["ar", "prs"].contains(language) ? .rightToLeft : .leftToRight))
            #expect(!rejoined)
            ids.append(id)
        }
        #expect(Set(ids).count == 50)
        #expect(await host.room.game.players.count == 50)

        await host.room.command(.next)
        var texts: [String: String] = [:]
        for (number, player) in players.enumerated() {
            guard case .question(let view)? = await player.next(where: { if case .question = $0 { true } else { false } }) else {
                Issue.record("player \(number) got no question"); return
            }
            #expect(view.index == 0 && view.total == 2 && view.choices.map(\.id) == ["members", "state", "boss"])
            #expect(view.remainingMs > 20_000 && view.remainingMs <= 30_000)
            texts[Self.languages[number % 6]] = view.text
            if Self.languages[number % 6] == "ar" { #expect(view.dir == .rightToLeft) }
        }
        // Each language read the question in its own words.
        #expect(Set(texts.values).count == 6, "\(texts)")
        #expect(texts["ar"]!.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })
        #expect(texts["ti"]!.unicodeScalars.contains { (0x1200...0x137F).contains($0.value) })
        #expect(texts["ta"]!.unicodeScalars.contains { (0x0B80...0x0BFF).contains($0.value) })
        #expect(texts["zh"]!.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })

        // Everyone answers: the right one for even players, a wrong one for odd ones.
        for (number, player) in players.enumerated() {
            player.connection.send(.answer(question: 0, choice: number % 2 == 0 ? "members" : "boss"))
        }
        for (number, player) in players.enumerated() {
            let ack = await player.next { if case .ack = $0 { true } else { false } }
            #expect(ack == .ack(question: 0, choice: number % 2 == 0 ? "members" : "boss"), "player \(number)")
        }
        // A second answer to the same question is refused, and the first one stands.
        players[0].connection.send(.answer(question: 0, choice: "boss"))
        #expect(await players[0].next { if case .error = $0 { true } else { false } } == .error(.alreadyAnswered, question: 0))

        // Player 7 (an Arabic speaker) loses the connection, then comes back with the same device.
        let device = players[7].device
        players[7].close()
        try await waitUntil { await host.room.game.players[ids[7]]?.connected == false }
        let back = TestPlayer(url: host.url, device: device)
        back.join(nickname: "another name", language: "zh")
        let welcome = await back.next { if case .welcome = $0 { true } else { false } }
        #expect(welcome == .welcome(player: ids[7], nickname: "عائشة 7", language: "ar", direction: .rightToLeft, rejoined: true))
        guard case .question(let again)? = await back.next(where: { if case .question = $0 { true } else { false } }) else {
            Issue.record("the rejoined player did not get the open question"); return
        }
        #expect(again.answered == "boss")
        players[7] = back
        #expect(await host.room.game.players.count == 50)

        // Answers locked first: every phone is told, and nobody learns the right answer before the reveal.
        await host.room.command(.close)
        for (number, player) in players.enumerated() {
            let closed = await player.next { if case .closed = $0 { true } else { if case .result = $0 { true } else { false } } }
            #expect(closed == .closed(index: 0), "player \(number)")
        }
        players[1].connection.send(.answer(question: 0, choice: "members"))
        #expect(await players[1].next { if case .error = $0 { true } else { false } } == .error(.late, question: 0))
        await host.room.command(.reveal)
        for (number, player) in players.enumerated() {
            guard case .result(let result)? = await player.next(where: { if case .result = $0 { true } else { false } }) else {
                Issue.record("player \(number) got no result"); return
            }
            #expect(result.right == (number % 2 == 0))
            #expect(result.correct == ["members"])
            #expect(result.players == 50)
            // The clock is frozen: every right answer came at the same time and earned the same points. The 25
            // share the first place; the 25 others the 26th.
            #expect(result.rank == (number % 2 == 0 ? 1 : 26), "player \(number)")
        }
        // Every acknowledged answer is in the store, with its language.
        let rows = try host.store.exportRows().filter { $0.source == "quiz" }
        #expect(rows.count == 50)
        #expect(Set(rows.map(\.language)) == Set(Self.languages))
        // Even a ranked quiz exports answers, not places: no rank nor points in the CSV or the JSON, whatever the mode.
        let json = String(decoding: try JSONEncoder().encode(rows[0]), as: UTF8.self)
        for field in CSVWriter.header + [json] { #expect(!field.contains("rank") && !field.contains("points"), "\(field)") }
        let report = try host.store.report(for: host.room.content.module)
        let asked = try #require(report.questions.first(where: { $0.step == "who-owns" }))
        #expect(asked.answered == 50 && asked.right == 25)
        for player in players { player.close() }
    }

    @Test func wrongCodesSlowDownTheirSocketAndMalformedMessagesOnlyHurtTheirSender() async throws {
        // On a clock that does not move: with the real one, a loaded machine let the 2-second slow-down run out
        // before the next join arrived, the right code went through, and the test waited for an error that never came.
        let host = try await QuizTestHost.start(code: "1111", clock: QuizTestHost.frozen)
        defer { host.stop() }
        let honest = TestPlayer(url: host.url)
        honest.join(nickname: "Honest", language: "ta", code: "1111")
        #expect(await honest.next { if case .welcome = $0 { true } else { false } } != nil)

        let attacker = TestPlayer(url: host.url)
        var errors: [ServerMessage] = []
        for attempt in 0..<5 {
            attacker.join(nickname: "x\(attempt)", language: "fr", code: String(2000 + attempt))
            if let error = await attacker.next(where: { if case .error = $0 { true } else { false } }) { errors.append(error) }
        }
        #expect(Array(errors.prefix(3)) == Array(repeating: .error(.wrongCode), count: 3))
        guard case .error(.slowDown, let wait?, _) = errors[3] else { Issue.record("no slow-down: \(errors)"); return }
        #expect(wait > 0 && wait <= 2000)
        // While slowed down, even the right code waits.
        attacker.join(nickname: "x", language: "fr", code: "1111")
        guard case .error(.slowDown, _, _)? = await attacker.next(where: { if case .error = $0 { true } else { false } }) else {
            Issue.record("the right code went through during the wait"); return
        }

        let noisy = TestPlayer(url: host.url)
        for text in ["{", "[]", #"{"v":1,"type":"start"}"#, #"{"v":9,"type":"join"}"#] {
            noisy.connection.send(raw: text)
            let error = await noisy.next { if case .error = $0 { true } else { false } }
            #expect(error == .error(text.contains("9") ? .unsupportedVersion : .badMessage))
        }
        noisy.connection.send(raw: String(repeating: "x", count: 10 << 20))
        try await waitUntil { noisy.isClosed }

        // The honest player never noticed.
        await host.room.command(.next)
        guard case .question(let view)? = await honest.next(where: { if case .question = $0 { true } else { false } }) else {
            Issue.record("the honest player got no question"); return
        }
        honest.connection.send(.answer(question: view.index, choice: view.choices[0].id))
        #expect(await honest.next { if case .ack = $0 { true } else { false } } != nil)
        for player in [honest, attacker] { player.close() }
    }

    @Test func lookAlikeNicknamesAreRefusedAndKickedPlayersStayOut() async throws {
        let host = try await QuizTestHost.start()
        defer { host.stop() }
        let first = TestPlayer(url: host.url)
        first.join(nickname: "Amina", language: "ar")
        #expect(await first.next { if case .welcome = $0 { true } else { false } } != nil)
        for spoof in ["AMINA", "Am\u{200B}ina", "\u{202E}Amina", "Àmina", "\u{1B}[1mAmina"] {
            let copy = TestPlayer(url: host.url)
            copy.join(nickname: spoof, language: "fr")
            #expect(await copy.next() == .error(.nicknameTaken), "\(spoof.debugDescription)")
            copy.close()
        }
        // Letters of other scripts drawn like Amina's (Cyrillic А, Greek Α, "rn" for m): the room would see her twice.
        for spoof in ["\u{0410}mina", "\u{0391}MINA", "Arnina", "\u{0430}m\u{0456}na"] {
            let copy = TestPlayer(url: host.url)
            copy.join(nickname: spoof, language: "ru")
            #expect(await copy.next() == .error(.nicknameLookAlike), "\(spoof.debugDescription)")
            copy.close()
        }
        // A name that only shares letters is welcome: a Cyrillic Amina, and an Arabic one.
        for (name, language) in [("\u{0410}\u{043C}\u{0438}\u{043D}\u{0430}", "ru"), ("\u{0622}\u{0645}\u{0646}\u{0629}", "ar")] {
            let other = TestPlayer(url: host.url)
            other.join(nickname: name, language: language)
            #expect(await other.next { if case .welcome = $0 { true } else { false } } != nil, "\(name)")
            other.close()
        }
        let troll = TestPlayer(url: host.url)
        troll.join(nickname: "Troll", language: "fr")
        #expect(await troll.next { if case .welcome = $0 { true } else { false } } != nil)
        await host.room.command(.kick(4))
        #expect(await troll.next { $0 == .kicked } == .kicked)
        let again = TestPlayer(url: host.url, device: troll.device)
        again.join(nickname: "Troll2", language: "fr")
        #expect(await again.next() == .kicked)
        #expect(await host.room.game.players.count == 3)
        first.close()
    }

    @Test func aLockedGameRefusesNewcomersButNotPlayersComingBack() async throws {
        let host = try await QuizTestHost.start(clock: QuizTestHost.frozen)
        defer { host.stop() }
        let amina = TestPlayer(url: host.url)
        amina.join(nickname: "Amina", language: "ar")
        #expect(await amina.next { if case .welcome = $0 { true } else { false } } != nil)
        await host.room.command(.lock(true))
        #expect(await host.room.game.locked)
        let late = TestPlayer(url: host.url)
        late.join(nickname: "Late", language: "ti")
        #expect(await late.next { if case .error = $0 { true } else { false } } == .error(.roomLocked))
        // With a kiosk profile too, before any PIN check.
        let profile = TestPlayer(url: host.url)
        profile.join(nickname: "P", language: "fr", pseudonym: "Soleil", pin: "2468")
        #expect(await profile.next { if case .error = $0 { true } else { false } } == .error(.roomLocked))
        // Amina's phone sleeps and comes back: she is in already, the lock does not concern her.
        amina.close()
        let id = try #require(await host.room.game.order.first)
        try await waitUntil { await host.room.game.players[id]?.connected == false }
        let back = TestPlayer(url: host.url, device: amina.device)
        back.join(nickname: "Amina", language: "ar")
        guard case .welcome(let player, _, _, _, let rejoined, _)? = await back.next(where: { if case .welcome = $0 { true } else { false } }) else {
            Issue.record("the player already in was refused"); return
        }
        #expect(player == id && rejoined)
        await host.room.command(.lock(false))
        late.join(nickname: "Late", language: "ti")
        #expect(await late.next { if case .welcome = $0 { true } else { false } } != nil)
        #expect(await host.room.game.players.count == 2)
        for client in [back, late, profile] { client.close() }
    }

    @Test func aRemovedPlayersDeviceIsRefusedForTheRestOfTheGame() async throws {
        let host = try await QuizTestHost.start(clock: QuizTestHost.frozen)
        defer { host.stop() }
        let troll = TestPlayer(url: host.url)
        troll.join(nickname: "Troll", language: "fr")
        guard case .welcome(let id, _, _, _, _, _)? = await troll.next(where: { if case .welcome = $0 { true } else { false } }) else {
            Issue.record("no welcome"); return
        }
        await host.room.command(.next)
        _ = await troll.next { if case .question = $0 { true } else { false } }
        // Removed by name on the projector: the room gets the player's id.
        await host.room.command(.remove(player: id))
        #expect(await troll.next { $0 == .kicked } == .kicked)
        try await waitUntil { troll.isClosed }
        // The same device comes back, under another name, mid-game: refused and closed.
        let again = TestPlayer(url: host.url, device: troll.device)
        again.join(nickname: "Nice person", language: "zh")
        #expect(await again.next() == .kicked)
        try await waitUntil { again.isClosed }
        #expect(await host.room.game.players.isEmpty)
        #expect(await host.room.game.barred == [id])
        // A new device is a new player, until the facilitator locks the game.
        let newDevice = TestPlayer(url: host.url)
        newDevice.join(nickname: "Troll", language: "fr")
        #expect(await newDevice.next { if case .welcome = $0 { true } else { false } } != nil)
        await host.room.command(.lock(true))
        let third = TestPlayer(url: host.url)
        third.join(nickname: "Troll again", language: "fr")
        #expect(await third.next { if case .error = $0 { true } else { false } } == .error(.roomLocked))
        for client in [newDevice, third] { client.close() }
    }

    @Test func theExportTakesOneSessionAtATime() async throws {
        let host = try await QuizTestHost.start(only: ["who-owns"], clock: QuizTestHost.frozen)
        defer { host.stop() }
        let player = TestPlayer(url: host.url)
        player.join(nickname: "Sol", language: "ta")
        #expect(await player.next { if case .welcome = $0 { true } else { false } } != nil)
        await host.room.command(.next)
        _ = await player.next { if case .question = $0 { true } else { false } }
        player.connection.send(.answer(question: 0, choice: "state"))
        #expect(await player.next { if case .ack = $0 { true } else { false } } != nil)
        // Another workshop's game in the same data file.
        try host.store.startQuiz(id: "s2", module: "coop-basics", scoring: "accuracy", questions: ["who-owns"], at: QuizTestHost.frozen())
        let other = QuizAnswer(player: "p-other", choice: "members", correct: true, points: 1000, milliseconds: 900, language: "uk")
        try host.store.recordQuizAnswers(session: "s2", module: "coop-basics",
                                         [QuizAnswerRecord(questionIndex: 0, stepID: "who-owns", answer: other, participant: nil,
                                                           at: QuizTestHost.frozen())])
        #expect(host.room.settings.session == "s1")
        #expect(try host.store.exportRows(session: "s1").map(\.language) == ["ta"])
        #expect(try host.store.exportRows(session: "s2").map(\.language) == ["uk"])
        #expect(try host.store.exportRows(session: "nope").isEmpty)
        #expect(try host.store.exportRows().filter { $0.source == "quiz" }.count == 2)
        player.close()
    }

    @Test func aParticipantWithTheirKioskProfileGetsWhatTheyMissedForReview() async throws {
        let host = try await QuizTestHost.start(only: ["who-owns"])
        defer { host.stop() }
        guard case .success(let participant) = try host.store.createParticipant(pseudonym: "Soleil", pin: "2468", language: "ta",
                                                                                at: QuizTestHost.now()) else {
            Issue.record("no participant"); return
        }
        let wrongPIN = TestPlayer(url: host.url)
        wrongPIN.join(nickname: "S", language: "ta", pseudonym: "Soleil", pin: "0000")
        #expect(await wrongPIN.next() == .error(.wrongPIN))
        let unknown = TestPlayer(url: host.url)
        unknown.join(nickname: "S", language: "ta", pseudonym: "Nobody", pin: "0000")
        #expect(await unknown.next() == .error(.wrongPIN))  // the same answer: the network cannot probe pseudonyms

        let player = TestPlayer(url: host.url)
        player.join(nickname: "Sol", language: "ta", pseudonym: "soleil", pin: "2468")
        #expect(await player.next { if case .welcome = $0 { true } else { false } } != nil)
        await host.room.command(.next)
        _ = await player.next { if case .question = $0 { true } else { false } }
        player.connection.send(.answer(question: 0, choice: "state"))
        #expect(await player.next { if case .ack = $0 { true } else { false } } != nil)
        let saved = try host.store.progress(participant: participant.id, module: "coop-basics")
        #expect(saved?.reviewQueue == ["who-owns"])
        for client in [wrongPIN, unknown, player] { client.close() }
    }
}

/// Waits for a condition (the event a test needs). The bound only ends a test that would otherwise hang: it is
/// not a speed requirement (10 s was too short under ThreadSanitizer on a loaded 2-core machine).
func waitUntil(seconds: Double = 300, _ condition: @escaping () async -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition not met within \(seconds) s")
}
