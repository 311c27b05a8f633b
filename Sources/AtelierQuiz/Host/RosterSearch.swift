import AtelierEngine
import AtelierText

/// The facilitator's `k`: a player named by their number in the roster or by the start of their nickname, folded
/// as the game compares nicknames (case, accents and look-alikes do not matter). Pure.
public struct RosterSearch: Sendable {
    public let game: QuizGame

    public init(_ game: QuizGame) {
        self.game = game
    }

    /// Players whose nickname starts with `typed` (all of them for nothing typed), in joining order.
    public func matches(_ typed: String) -> [QuizPlayer] {
        let players = game.order.compactMap { game.players[$0] }
        if let position = Self.position(typed) {
            return position >= 1 && position <= players.count ? [players[position - 1]] : []
        }
        let key = MatchKey(typed, locale: "root").elements
        return players.filter { MatchKey($0.nickname, locale: "root").elements.starts(with: key) }
    }

    /// Tab: the one nickname `typed` starts, else the longest start the matching nicknames share (never shorter
    /// than what is typed).
    public func complete(_ typed: String) -> String {
        guard Self.position(typed) == nil else { return typed }
        let names = matches(typed).map(\.nickname)
        guard var common = names.first else { return typed }
        for name in names.dropFirst() {
            common = String(zip(common, name).prefix { $0 == $1 }.map(\.0))
        }
        return common.count > typed.count ? common : typed
    }

    public enum Outcome: Sendable, Equatable {
        case found(QuizPlayer)
        case nobody
        case several(Int)
    }

    /// Enter: the player a number or a whole nickname names, or the only one a start of nickname fits.
    public func resolve(_ typed: String) -> Outcome {
        guard !MatchKey(typed, locale: "root").isEmpty || Self.position(typed) != nil else { return .nobody }
        let found = matches(typed)
        if found.count == 1 { return .found(found[0]) }
        let key = MatchKey(typed, locale: "root")
        if let exact = found.first(where: { MatchKey($0.nickname, locale: "root") == key }) { return .found(exact) }
        return found.isEmpty ? .nobody : .several(found.count)
    }

    /// A roster number: ASCII digits only (a nickname may be made of other digits).
    static func position(_ typed: String) -> Int? {
        guard !typed.isEmpty, typed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(typed)
    }
}
