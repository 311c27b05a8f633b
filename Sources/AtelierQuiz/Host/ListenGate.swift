import NIOConcurrencyHelpers

/// Who may fetch a question's sound file, and which questions: the players' listen tokens and the furthest
/// question the room has opened. The room writes it (a player admitted or removed, a question opened); the HTTP
/// handler reads it without a hop through the room's actor, so that listening never queues behind answers.
/// It also passes on which question comes next, in which languages, for its sound to be made ahead.
public final class ListenGate: Sendable {
    public typealias Upcoming = @Sendable (_ question: Int, _ languages: Set<String>) -> Void

    struct State {
        /// A player's token -> the player's language (the one the questions are shown in).
        var tokens: [String: String] = [:]
        /// The furthest question opened so far; -1 in the lobby. Earlier questions stay readable.
        var asked = -1
        var upcoming: Upcoming?
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// A new token: 128 random bits, as hex. It names no player and is worth nothing but listening.
    static func newToken() -> String {
        (0..<4).map { _ in
            let word = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            return String(repeating: "0", count: 8 - word.count) + word
        }.joined()
    }

    func admit(_ token: String, language: String) { state.withLockedValue { $0.tokens[token] = language } }

    func remove(_ token: String) { state.withLockedValue { $0.tokens[token] = nil } }

    func opened(_ index: Int) { state.withLockedValue { $0.asked = max($0.asked, index) } }

    /// Who makes the sound of a question ahead (the server, when it has speech).
    public func onUpcoming(_ upcoming: @escaping Upcoming) { state.withLockedValue { $0.upcoming = upcoming } }

    /// The question the room opens next, and languages of its players: called outside the lock.
    func upcoming(_ index: Int, languages: Set<String>) {
        state.withLockedValue { $0.upcoming }?(index, languages)
    }

    /// The language of the player holding `token`, nil for a token no player holds.
    public func language(of token: String) -> String? { state.withLockedValue { $0.tokens[token] } }

    /// The furthest question opened so far (-1 before the first).
    public var asked: Int { state.withLockedValue { $0.asked } }
}
