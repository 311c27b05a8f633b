import AtelierQuizProtocol
import Testing
@testable import AtelierQuiz

/// The host formats a message's texts once per language and per what they say (a question opening for 2,000
/// players formatted its texts 2,000 times when the key was the whole message, and the answers waited).
@Suite("Phone texts key")
struct PhoneTextsKeyTests {
    static func question(remaining: Int64, answered: String?) -> ServerMessage {
        var view = PlayerViewTests.question
        view.remainingMs = remaining
        view.answered = answered
        return .question(view)
    }

    @Test func playersOfOneQuestionShareTheirTexts() {
        let a = PhoneTexts.inputs(of: Self.question(remaining: 30_000, answered: nil))
        let b = PhoneTexts.inputs(of: Self.question(remaining: 29_997, answered: "members"))
        #expect(a == b)
    }

    @Test(arguments: [
        (ServerMessage.lobby(players: 3), ServerMessage.lobby(players: 4)),
        (ServerMessage.end(score: 1000, rank: 1, players: 3), ServerMessage.end(score: 1000, rank: 2, players: 3)),
        (ServerMessage.paused(index: 0, remainingMs: 15_000), ServerMessage.paused(index: 0, remainingMs: 16_000)),
        (ServerMessage.error(.slowDown, retryAfterMs: 1000), ServerMessage.error(.slowDown, retryAfterMs: 3000)),
    ])
    func messagesThatSayOtherThingsDoNot(_ pair: (ServerMessage, ServerMessage)) {
        #expect(PhoneTexts.inputs(of: pair.0) != PhoneTexts.inputs(of: pair.1))
    }
}
