import AtelierQuiz
import AtelierText
import Testing

@Suite struct QuizProtocolTests {
    static let device = "0123456789abcdef0123456789abcdef"

    @Test(arguments: [
        (#"{"v":1,"type":"join","code":"4821","nickname":"Amina","language":"ar","device":"0123456789abcdef0123456789abcdef"}"#,
         ClientMessage.join(.init(code: "4821", nickname: "Amina", language: "ar", device: device))),
        (#"{"v":1,"type":"join","code":"4821","nickname":"ሰላም","language":"ti","device":"0123456789abcdef0123456789abcdef","pseudonym":"Soleil","pin":"1234","extra":[1,2]}"#,
         ClientMessage.join(.init(code: "4821", nickname: "ሰላም", language: "ti", device: device, pseudonym: "Soleil", pin: "1234"))),
        (#"{"v":1,"type":"join","code":"4821","nickname":"李","language":"zh","device":"0123456789abcdef0123456789abcdef","pseudonym":"","pin":""}"#,
         ClientMessage.join(.init(code: "4821", nickname: "李", language: "zh", device: device))),
        (#"{"type":"answer","v":1,"question":2,"choice":"b"}"#, ClientMessage.answer(question: 2, choice: "b")),
    ])
    func validMessagesDecode(text: String, expected: ClientMessage) throws {
        #expect(try ClientMessage.decode(Array(text.utf8)).get() == expected)
        // What a client encodes, the host decodes to the same message.
        #expect(try ClientMessage.decode(Array(expected.encoded.utf8)).get() == expected)
    }

    @Test(arguments: [
        ("", QuizDecodingError.notJSONObject),
        ("not json", .notJSONObject),
        ("[1,2]", .notJSONObject),
        ("\"join\"", .notJSONObject),
        (#"{"type":"answer","question":1,"choice":"a"}"#, .invalidField("v")),
        (#"{"v":2,"type":"answer","question":1,"choice":"a"}"#, .unsupportedVersion(2)),
        (#"{"v":1}"#, .invalidField("type")),
        (#"{"v":1,"type":"start"}"#, .unknownType("start")),
        (#"{"v":1,"type":"answer","question":"1","choice":"a"}"#, .notJSONObject),
        (#"{"v":1,"type":"answer","question":1.5,"choice":"a"}"#, .notJSONObject),
        (#"{"v":1,"type":"answer","question":true,"choice":"a"}"#, .notJSONObject),
        (#"{"v":1,"type":"answer","question":-1,"choice":"a"}"#, .invalidField("question")),
        (#"{"v":1,"type":"answer","question":1,"choice":""}"#, .invalidField("choice")),
        (#"{"v":1,"type":"join","code":"1","nickname":"a","language":"fr","device":"short"}"#, .invalidField("device")),
        (#"{"v":1,"type":"join","code":"1","nickname":"a","language":"fr","device":"0123456789abcdef<script>"}"#, .invalidField("device")),
        (#"{"v":1,"type":"join","code":"1","nickname":"a","language":"../etc","device":"0123456789abcdef0123"}"#, .invalidField("language")),
        (#"{"v":1,"type":"join","nickname":"a","language":"fr","device":"0123456789abcdef0123"}"#, .invalidField("code")),
    ])
    func malformedMessagesAreRefusedWithAReason(text: String, expected: QuizDecodingError) {
        #expect(throws: expected) { try ClientMessage.decode(Array(text.utf8)).get() }
    }

    @Test func aMessageOverTheLimitIsRefusedBeforeParsing() {
        let big = [UInt8](repeating: UInt8(ascii: " "), count: QuizProtocol.maxMessageBytes + 1)
        #expect(throws: QuizDecodingError.tooLarge(bytes: big.count)) { try ClientMessage.decode(big).get() }
        #expect(QuizDecodingError.unsupportedVersion(3).code == .unsupportedVersion)
        #expect(QuizDecodingError.notJSONObject.code == .badMessage)
    }

    static let question = ServerMessage.QuestionView(
        index: 1, total: 7, seconds: 30, remainingMs: 27_450, text: "من يملك التعاونية؟", dir: .rightToLeft, answered: nil,
        choices: [.init(id: "members", position: 0, text: "الأعضاء"), .init(id: "state", position: 1, text: "الدولة")])

    @Test(arguments: [
        ServerMessage.welcome(player: "p-1", nickname: "Amina", language: "ar", direction: .rightToLeft, rejoined: true),
        .welcome(player: "p-2", nickname: "Amina", language: "ps", direction: .rightToLeft, rejoined: false,
                 listen: "9c1e0f4b2a7d3e8f6a5b4c3d2e1f0a9b"),
        .lobby(players: 14),
        .question(question),
        .ack(question: 2, choice: "b"),
        .paused(index: 2, remainingMs: 12_000),
        .closed(index: 2),
        .result(.init(index: 2, skipped: false, correct: ["b"], choice: nil, right: false, points: 0, score: 2000, rank: 5,
                      players: 14, explanation: "தமிழ் விளக்கம்")),
        .end(score: 5500, rank: 3, players: 14),
        // Without a ranking (the host's default): no rank in the frame.
        .result(.init(index: 0, skipped: false, correct: ["b"], choice: "b", right: true, points: 1000, score: 1000, rank: nil,
                      players: 14, explanation: nil)),
        .end(score: 5500, rank: nil, players: 14),
        .error(.slowDown, retryAfterMs: 4000),
        .error(.nicknameTaken),
        .error(.paused, question: 2),
        .error(.nicknameLookAlike),
        .error(.roomLocked),
        .kicked,
    ])
    func everyHostMessageRoundTrips(message: ServerMessage) {
        #expect(ServerMessage.decode(message.encoded) == message)
        #expect(message.encoded.utf8.count < QuizProtocol.maxMessageBytes)
    }

    @Test func aQuestionIsOneFlatObjectAsTheProtocolDocumentSays() {
        let text = ServerMessage.question(Self.question).encoded
        #expect(text.hasPrefix(#"{"#))
        for field in [#""type":"question""#, #""v":1"#, #""index":1"#, #""remainingMs":27450"#, #""dir":"rtl""#,
                      #""symbol":"▲""#, #""number":2"#, ##""color":"#1565c0""##] {
            #expect(text.contains(field), "missing \(field) in \(text)")
        }
        #expect(!text.contains(#""question":{"#))
    }

    @Test func anAnswersRefusalNamesItsQuestionAsTheProtocolDocumentSays() {
        let text = ServerMessage.error(.late, question: 3).encoded
        #expect(text.contains(#""question":3"#) && text.contains(#""code":"late""#), "\(text)")
        #expect(!ServerMessage.error(.wrongCode).encoded.contains("question"))
    }

    @Test func numberSymbolAndColourFollowThePositionOnly() {
        let first = ServerMessage.ChoiceView(id: "x", position: 0, text: "Oui")
        let again = ServerMessage.ChoiceView(id: "y", position: 0, text: "نعم")
        #expect((first.number, first.symbol, first.color) == (again.number, again.symbol, again.color))
        #expect(ServerMessage.ChoiceView(id: "z", position: 1, text: "").symbol == "●")
    }

    @Test func lockedAnswersAreOneSmallMessageAsTheProtocolDocumentSays() {
        #expect(ServerMessage.closed(index: 2).encoded == #"{"index":2,"type":"closed","v":1}"#)
        #expect(ServerMessage.error(.roomLocked).encoded == #"{"code":"roomLocked","type":"error","v":1}"#)
        #expect(QuizErrorCode.roomLocked.refusesJoin && QuizErrorCode.roomLocked.interfaceKey == "room-locked")
    }

    @Test func aNewerHostsUnknownMessageIsIgnored() {
        #expect(ServerMessage.decode(#"{"v":1,"type":"confetti"}"#) == nil)
        #expect(ServerMessage.decode(#"{"v":2,"type":"lobby","players":3}"#) == nil)
        #expect(ServerMessage.decode("garbage") == nil)
    }
}
