import AtelierEngine
import AtelierSpeech
@testable import AtelierQuiz
import AtelierText
import Foundation
import Testing

/// The phones' listen buttons (issue #19): real players on real sockets, real eSpeak NG synthesis, the WAV read
/// back and checked for sound. Every wait is for a message or a reply, never for a time.
@Suite(.serialized) struct QuizListenTests {
    /// A host with two questions, its sound files, and one joined player per language, with their tokens.
    struct Room {
        let host: QuizTestHost
        let cache: SpeechCache
        let tokens: [String: String]
        let players: [TestPlayer]

        func get(_ query: String, headers: [String] = []) async throws -> HTTPGet.Reply {
            try await HTTPGet.get("/api/listen?" + query, port: host.port, headers: headers)
        }

        func stop() {
            for player in players { player.close() }
            host.stop()
        }
    }

    static func room(languages: [String]) async throws -> Room {
        let espeak = try #require(QuizTestHost.espeak, "eSpeak NG could not start: install libespeak-ng-dev and espeak-ng-data (make deps)")
        let cache = SpeechCache(speech: espeak)
        let host = try await QuizTestHost.start(only: ["who-owns", "vote-rule"], seconds: 120, speech: cache,
                                                clock: QuizTestHost.frozen)  // the question never runs out under load
        var tokens: [String: String] = [:]
        var players: [TestPlayer] = []
        for (number, language) in languages.enumerated() {
            let player = TestPlayer(url: host.url)
            player.join(nickname: "joueur \(number)", language: language)
            guard case .welcome(_, _, _, _, _, let listen?)? = await player.next(where: { if case .welcome = $0 { true } else { false } }) else {
                Issue.record("\(language): no welcome with a listen token")
                throw CancellationError()
            }
            tokens[language] = listen
            players.append(player)
        }
        return Room(host: host, cache: cache, tokens: tokens, players: players)
    }

    /// Opens the next question and waits until every player has it.
    static func open(_ room: Room) async {
        await room.host.room.command(.next)
        for player in room.players {
            _ = await player.next { if case .question = $0 { true } else { false } }
        }
    }

    /// 16-bit mono PCM of a WAV file, with its sample rate.
    static func samples(of wav: [UInt8]) -> (rate: Int, samples: [Int16])? {
        guard wav.count > 44, Array(wav[0..<4]) == Array("RIFF".utf8), Array(wav[8..<12]) == Array("WAVE".utf8) else { return nil }
        func word(_ at: Int) -> Int { Int(wav[at]) | Int(wav[at + 1]) << 8 | Int(wav[at + 2]) << 16 | Int(wav[at + 3]) << 24 }
        let rate = word(24)
        let count = min(word(40), wav.count - 44) / 2
        let samples = (0..<count).map { Int16(bitPattern: UInt16(wav[44 + 2 * $0]) | UInt16(wav[45 + 2 * $0]) << 8) }
        return (rate, samples)
    }

    /// Speech, not silence: a fair share of loud samples and a speaking voice's energy.
    static func expectSpeech(_ reply: HTTPGet.Reply, seconds range: ClosedRange<Double>, _ what: String) {
        #expect(reply.status == 200, "\(what): \(reply.status) \(reply.body)")
        #expect(reply.headers["content-type"] == "audio/wav", "\(what)")
        guard let (rate, samples) = samples(of: reply.bytes), !samples.isEmpty else {
            Issue.record("\(what): not a WAV file (\(reply.bytes.count) bytes)")
            return
        }
        #expect(rate == 22_050, "\(what)")
        let seconds = Double(samples.count) / Double(rate)
        #expect(range.contains(seconds), "\(what): \(seconds) s")
        let loud = samples.filter { abs(Int($0)) > 1_000 }.count
        #expect(Double(loud) / Double(samples.count) > 0.05, "\(what): mostly silent")
        let rms = (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
        #expect(rms > 300, "\(what): rms \(rms)")
    }

    @Test func theQuestionAndAChoiceAreReadInFrenchAndInArabic() async throws {
        let room = try await Self.room(languages: ["fr", "ar"])
        defer { room.stop() }
        await Self.open(room)
        let french = try await room.get("token=\(room.tokens["fr"]!)&question=0&lang=fr")
        Self.expectSpeech(french, seconds: 1...30, "the French question")
        let arabic = try await room.get("token=\(room.tokens["ar"]!)&question=0&lang=ar")
        Self.expectSpeech(arabic, seconds: 1...30, "the Arabic question")
        #expect(french.bytes != arabic.bytes)
        let choice = try await room.get("token=\(room.tokens["ar"]!)&question=0&choice=members&lang=ar")
        Self.expectSpeech(choice, seconds: 0.5...15, "an Arabic choice")
        // The headers of the page's files, and a cache the phone may keep (the URL holds the player's token).
        #expect(choice.headers["content-security-policy"] == QuizServer.contentSecurityPolicy)
        #expect(choice.headers["cache-control"] == "private, max-age=3600")
        #expect(choice.headers["accept-ranges"] == "bytes")
    }

    @Test func aSecondRequestIsServedFromTheCacheAndTwentyAtOnceSynthesiseOnce() async throws {
        let room = try await Self.room(languages: ["fr"])
        defer { room.stop() }
        // In the lobby, the first question's text is made ahead for the players' languages.
        try await waitUntil { room.cache.synthesisCount == 1 && room.cache.pending == 0 }
        await Self.open(room)
        let query = "token=\(room.tokens["fr"]!)&question=0&lang=fr"
        let first = try await room.get(query)
        #expect(first.status == 200)
        #expect(room.cache.synthesisCount == 1)
        let second = try await room.get(query)
        #expect(second.bytes == first.bytes)
        #expect(room.cache.synthesisCount == 1, "the second request synthesised again")

        // Twenty phones press the same choice's button together: one synthesis, twenty identical files.
        let replies = try await withThrowingTaskGroup(of: HTTPGet.Reply.self) { group in
            for _ in 0..<20 { group.addTask { try await room.get(query + "&choice=state") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.allSatisfy { $0.status == 200 && $0.bytes == replies[0].bytes })
        #expect(room.cache.synthesisCount == 2, "\(room.cache.synthesisCount) syntheses")
        #expect(room.cache.cachedBytes == first.bytes.count + replies[0].bytes.count)

        // While the results show, the next question's text is made: opened, it is served without a synthesis.
        await room.host.room.command(.close)  // answers locked, then the reveal
        await room.host.room.command(.reveal)
        try await waitUntil { room.cache.synthesisCount == 3 && room.cache.pending == 0 }
        await Self.open(room)
        #expect(try await room.get("token=\(room.tokens["fr"]!)&question=1&lang=fr").status == 200)
        #expect(room.cache.synthesisCount == 3)

        // iPhones ask for a range first.
        let range = try await room.get(query, headers: ["Range: bytes=0-1"])
        #expect(range.status == 206 && range.bytes == Array(first.bytes[0..<2]))
        #expect(range.headers["content-range"] == "bytes 0-1/\(first.bytes.count)")
    }

    @Test func theCacheStaysWithinItsBoundForgettingTheLeastRecentlyPlayed() async throws {
        let espeak = try #require(QuizTestHost.espeak)
        // About a second of speech is 44 kB: two of these short files fit, not four.
        let cache = SpeechCache(speech: espeak, maxBytes: 100_000)
        let segments = ["Bonjour à tous.", "Qui possède une coopérative ?", "Les membres.", "L'État."].map { [SpeechSegment($0, language: "fr")] }
        for (index, said) in segments.enumerated() {
            let wav = try await cache.wav(.init(question: 0, choice: "\(index)", language: "fr"), segments: said).get()
            #expect(wav.readableBytes > 10_000)
            #expect(cache.cachedBytes <= 100_000)
        }
        #expect(cache.synthesisCount == 4)
        // The last one was kept; the first one was pushed out, and asked again it is synthesised again.
        _ = await cache.wav(.init(question: 0, choice: "3", language: "fr"), segments: segments[3])
        #expect(cache.synthesisCount == 4)
        _ = await cache.wav(.init(question: 0, choice: "0", language: "fr"), segments: segments[0])
        #expect(cache.synthesisCount == 5)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let query: String
        let status: Int
        let reason: String
        var testDescription: String { name }
    }

    /// `T` stands for the French player's token, `A` for the Arabic player's; question 0 is open, 1 is not yet.
    static let refusals: [Refusal] = [
        Refusal(name: "no token", query: "question=0&lang=fr", status: 401, reason: "unknownToken"),
        Refusal(name: "a token no player holds", query: "token=00000000000000000000000000000000&question=0&lang=fr", status: 401,
                reason: "unknownToken"),
        Refusal(name: "the device's secret is not a listen token", query: "token=DEVICE&question=0&lang=fr", status: 401, reason: "unknownToken"),
        Refusal(name: "a question that is not a number", query: "token=T&question=un&lang=fr", status: 400, reason: "badRequest"),
        Refusal(name: "no language", query: "token=T&question=0", status: 400, reason: "badRequest"),
        Refusal(name: "a language not in the registry", query: "token=T&question=0&lang=xx", status: 404, reason: "unknownLanguage"),
        Refusal(name: "another player's language", query: "token=T&question=0&lang=ar", status: 403, reason: "notYourLanguage"),
        Refusal(name: "the next question, not asked yet", query: "token=T&question=1&lang=fr", status: 403, reason: "notAskedYet"),
        Refusal(name: "a question beyond the quiz", query: "token=T&question=7&lang=fr", status: 404, reason: "unknownQuestion"),
        Refusal(name: "a choice the question does not have", query: "token=A&question=0&choice=nope&lang=ar", status: 404,
                reason: "unknownChoice"),
    ]

    @Test func strangersFutureQuestionsAndUnknownLanguagesAreRefused() async throws {
        let room = try await Self.room(languages: ["fr", "ar"])
        defer { room.stop() }
        // Before the first question, even question 0 is a question to come.
        let early = try await room.get("token=\(room.tokens["fr"]!)&question=0&lang=fr")
        #expect(early.status == 403 && early.body.contains("notAskedYet"), "\(early.status) \(early.body)")
        await Self.open(room)
        for refusal in Self.refusals {
            let query = refusal.query.replacingOccurrences(of: "token=T", with: "token=\(room.tokens["fr"]!)")
                .replacingOccurrences(of: "token=A", with: "token=\(room.tokens["ar"]!)")
                .replacingOccurrences(of: "DEVICE", with: room.players[0].device)
            let reply = try await room.get(query)
            #expect(reply.status == refusal.status, "\(refusal.name): \(reply.status) \(reply.body)")
            #expect(reply.body.contains(refusal.reason), "\(refusal.name): \(reply.body)")
        }
        // Nothing refused reached the synthesiser (beyond question 0's text, made ahead for each player).
        try await waitUntil { room.cache.pending == 0 }
        #expect(room.cache.synthesisCount == 2)
        // A question already asked stays readable once the next one is open.
        await room.host.room.command(.close)  // answers locked, then the reveal
        await room.host.room.command(.reveal)
        await Self.open(room)
        #expect(try await room.get("token=\(room.tokens["fr"]!)&question=0&lang=fr").status == 200)
        #expect(try await room.get("token=\(room.tokens["fr"]!)&question=1&lang=fr").status == 200)
    }

    @Test(arguments: ["ps", "ti"])
    func aLanguageWithoutAVoiceIsNeverReadWithAnotherAndGetsTheFrenchReading(code: String) async throws {
        let room = try await Self.room(languages: [code])
        defer { room.stop() }
        await Self.open(room)
        let own = try await room.get("token=\(room.tokens[code]!)&question=0&lang=\(code)")
        #expect(own.status == 422 && own.body.contains("noVoice"), "\(own.status) \(own.body)")
        // The one synthesis is the French text, made ahead for this player's phone.
        try await waitUntil { room.cache.pending == 0 }
        #expect(room.cache.synthesisCount == 1)
        Self.expectSpeech(try await room.get("token=\(room.tokens[code]!)&question=0&lang=fr"), seconds: 1...30, "\(code): the French reading")

        // The page learns it from the languages, and says so in the player's language.
        let reply = try await HTTPGet.get("/api/languages", port: room.host.port)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
        #expect(object["listen"] as? Bool == true)
        let languages = try #require(object["languages"] as? [[String: Any]])
        let voices = Dictionary(uniqueKeysWithValues: languages.map { ($0["code"] as? String ?? "?", $0["voice"] as? Bool) })
        #expect(voices[code] == false && voices["fr"] == true && voices["ar"] == true, "\(voices)")
        let strings = try #require(languages.first { $0["code"] as? String == code }?["strings"] as? [String: String])
        let french = room.host.room.content.strings("fr").text("quiz.listen.in-french")
        #expect(strings["quiz.listen.in-french"] != nil && strings["quiz.listen.in-french"] != french, "not translated: \(strings["quiz.listen.in-french"] ?? "nil")")
    }

    @Test func withoutSpeechThereIsNoButtonNoTokenAndTheRouteSaysSo() async throws {
        let host = try await QuizTestHost.start(only: ["who-owns"], seconds: 60)
        defer { host.stop() }
        let player = TestPlayer(url: host.url)
        defer { player.close() }
        player.join(nickname: "sans son", language: "fr")
        guard case .welcome(_, _, _, _, _, let listen)? = await player.next(where: { if case .welcome = $0 { true } else { false } }) else {
            Issue.record("no welcome"); return
        }
        #expect(listen == nil)
        let languages = try await HTTPGet.get("/api/languages", port: host.port)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(languages.body.utf8)) as? [String: Any])
        #expect(object["listen"] as? Bool == false)
        #expect(try await HTTPGet.get("/api/listen?token=x&question=0&lang=fr", port: host.port).status == 503)
    }

    @Test func aRejoiningPlayerKeepsTheTokenAndAKickedOneLosesIt() async throws {
        let room = try await Self.room(languages: ["fr"])
        defer { room.stop() }
        await Self.open(room)
        let token = room.tokens["fr"]!
        let device = room.players[0].device
        room.players[0].close()
        try await waitUntil { await room.host.room.game.players.values.first?.connected == false }
        let back = TestPlayer(url: room.host.url, device: device)
        defer { back.close() }
        back.join(nickname: "joueur 0", language: "fr")
        guard case .welcome(_, _, _, _, true, let again)? = await back.next(where: { if case .welcome = $0 { true } else { false } }) else {
            Issue.record("no rejoin"); return
        }
        #expect(again == token)
        await room.host.room.command(.kick(1))
        _ = await back.next { $0 == .kicked }
        #expect(try await room.get("token=\(token)&question=0&lang=fr").status == 401)
    }
}
