import AtelierEngine

/// The projector's `l`: which language is shown under the French question, chosen among the room's. Pure, so the
/// order is tested from a game alone.
public enum SecondLanguage {
    /// The languages of the players in the room other than French, the most used first (a room where twelve
    /// read Arabic and one Tamil sees Arabic after one press); equal counts in the registry's order, so that the
    /// order does not change from one press to the next. Disconnected players count: they are likely to come back.
    public static func order(_ game: QuizGame, content: QuizContent) -> [String] {
        var counts: [String: Int] = [:]
        for player in game.players.values where player.language != "fr" && content.language(player.language) != nil {
            counts[player.language, default: 0] += 1
        }
        let registry = Dictionary(uniqueKeysWithValues: content.languages.enumerated().map { ($0.element.code, $0.offset) })
        return counts.keys.sorted { a, b in
            counts[a]! != counts[b]! ? counts[a]! > counts[b]! : registry[a, default: .max] < registry[b, default: .max]
        }
    }

    /// The language after `current` (nil: French only): the first of the room's after French only, French only after
    /// the last. A language nobody in the room uses any more (its players left) also goes back to French only.
    public static func next(after current: String?, _ game: QuizGame, content: QuizContent) -> String? {
        let languages = order(game, content: content)
        guard let current else { return languages.first }
        guard let position = languages.firstIndex(of: current), position + 1 < languages.count else { return nil }
        return languages[position + 1]
    }
}
