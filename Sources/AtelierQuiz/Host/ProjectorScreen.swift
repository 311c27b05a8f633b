import AtelierEngine
import AtelierText

/// What the projector shows, from the game alone: pure, so that every phase is tested without a terminal.
/// The facilitator's view is in French, the source language of the lessons.
public struct ProjectorScreen: Sendable {
    public struct Room: Sendable, Equatable {
        /// `http://192.168.1.20:8080`
        public var address: String
        public var code: String
        public var recordFailures: Int
        /// What the facilitator is typing (a player's number to remove), shown in the footer; nil when not.
        public var typing: String?
        /// What the last key did, when the screen does not show it by itself ("no sound", "nothing to do now").
        public var notice: String?

        public init(address: String, code: String, recordFailures: Int = 0, typing: String? = nil, notice: String? = nil) {
            self.address = address
            self.code = code
            self.recordFailures = recordFailures
            self.typing = typing
            self.notice = notice
        }
    }

    public let content: QuizContent
    public let style: TerminalStyle

    public init(content: QuizContent, style: TerminalStyle) {
        self.content = content
        self.style = style
    }

    public func render(_ game: QuizGame, room: Room, now: Instant) -> Screen {
        var screen = ScreenBuilder(style: style, direction: .leftToRight)
        screen.rows.append(screen.bold(clip("Atelier · Quiz en groupe · \(content.module.title)")))
        screen.rule()
        switch game.phase {
        case .lobby: lobby(&screen, game, room)
        case .question(let index, let closesAt):
            question(&screen, game, index: index, remaining: closesAt.milliseconds - now.milliseconds, paused: false)
        case .paused(let index, let remaining): question(&screen, game, index: index, remaining: remaining, paused: true)
        case .results(let index): results(&screen, game, index: index)
        case .finished: finished(&screen, game)
        }
        if room.recordFailures > 0 {
            screen.blank()
            screen.line("⚠ \(room.recordFailures) réponse(s) non enregistrée(s) : le disque refuse d'écrire.")
        }
        if let notice = room.notice {
            screen.blank()
            screen.line(screen.bold("» " + notice))
        }
        screen.blank()
        screen.rule()
        screen.line(footer(game, typing: room.typing))
        return Screen(rows: screen.rows, prompt: "")
    }

    // MARK: - Phases

    func lobby(_ screen: inout ScreenBuilder, _ game: QuizGame, _ room: Room) {
        screen.line("Pour jouer : connectez votre téléphone au Wi-Fi de la salle, puis ouvrez")
        let hostPort = room.address.replacingOccurrences(of: "http://", with: "")
        if let big = BigText.rows(hostPort, width: screen.width) {
            screen.rows += big
        } else {
            screen.line(screen.bold(room.address))
        }
        screen.line(room.address)
        screen.blank()
        screen.line("Code du jeu : \(room.code)")
        screen.rows += BigText.rows(room.code, width: screen.width) ?? [screen.bold(room.code)]
        screen.blank()
        let players = game.order.compactMap { game.players[$0] }
        var list = ["\(players.count) joueur(s)"]
        for (position, player) in players.enumerated() {
            let language = content.language(player.language)?.endonym ?? player.language
            let state = player.connected ? "" : " (déconnecté)"
            list.append("\(position + 1). \(visual(player.nickname, 24)) · \(visual(language, 20))\(state)")
        }
        // The QR code beside the list when the terminal is wide and tall enough, below otherwise (or not at all).
        if let qr = QRCode("\(room.address)/?code=\(room.code)") {
            let lines = qr.lines
            let qrWidth = DisplayWidth.of(lines[0])
            if screen.width >= qrWidth + 30 {
                for row in 0..<max(lines.count, list.count) {
                    let left = row < lines.count ? lines[row] : String(repeating: " ", count: qrWidth)
                    let right = row < list.count ? list[row] : ""
                    screen.rows.append(left + "  " + padded(right, screen.width - qrWidth - 2))
                }
                return
            }
        }
        for line in list { screen.rows.append(padded(line, screen.width)) }
    }

    func question(_ screen: inout ScreenBuilder, _ game: QuizGame, index: Int, remaining: Int64, paused: Bool) {
        let question = game.questions[index]
        let seconds = Int((max(0, remaining) + 999) / 1000)
        let answered = game.answers[index]?.count ?? 0
        let connected = game.players.values.filter(\.connected).count
        screen.line("Question \(index + 1) sur \(game.questions.count)   ·   \(paused ? "PAUSE" : "\(seconds) s")   ·   Réponses : \(answered) sur \(connected)")
        screen.rows.append(screen.bar(Int(max(0, remaining)), of: question.seconds * 1000, width: screen.width))
        screen.blank()
        let french = content.french(index)
        screen.paragraph(french.text)
        screen.blank()
        for (position, _) in question.choices.enumerated() {
            screen.keyed(position + 1, position < french.choices.count ? french.choices[position] : question.choices[position])
        }
    }

    func results(_ screen: inout ScreenBuilder, _ game: QuizGame, index: Int) {
        let question = game.questions[index]
        let french = content.french(index)
        screen.line("Question \(index + 1) sur \(game.questions.count) : résultats")
        screen.paragraph(french.text)
        screen.blank()
        if game.skipped.contains(index) {
            screen.line("Question annulée : personne n'a de points.")
        } else {
            let (right, answered) = game.rightCount(of: index)
            screen.line(screen.bold("\(right) sur \(answered) ont trouvé la bonne réponse."))
            screen.blank()
            let (overall, byLanguage) = game.distribution(of: index)
            let total = max(1, overall.values.reduce(0, +))
            for (position, choice) in question.choices.enumerated() {
                let count = overall[choice] ?? 0
                let mark = question.correct.contains(choice) ? " ✓" : ""
                let label = position < french.choices.count ? french.choices[position] : choice
                screen.keyed(position + 1, "\(clip(label, max(10, screen.width - 30)))\(mark)")
                screen.rows.append("    " + screen.bar(count, of: total, width: max(10, screen.width - 16)) + " \(count)")
            }
            // What was misunderstood: the wrong answers people chose, the most chosen first (numbers first, as below).
            let wrong = game.wrongChoices(of: index)
            if !wrong.isEmpty {
                screen.blank()
                screen.line("Réponses fausses choisies :")
                for (choice, count) in wrong {
                    let position = question.choices.firstIndex(of: choice) ?? 0
                    let label = position < french.choices.count ? french.choices[position] : choice
                    screen.line("  \(count) × \(position + 1) \(ScreenBuilder.symbol(position + 1))  \(clip(label, max(10, screen.width - 20)))")
                }
            }
            if !byLanguage.isEmpty {
                screen.blank()
                screen.line("Par langue (juste / réponses) :")
                for (language, counts) in byLanguage.sorted(by: { $0.key < $1.key }) {
                    let answers = counts.values.reduce(0, +)
                    let right = question.correct.map { counts[$0] ?? 0 }.reduce(0, +)
                    let name = content.language(language)?.endonym ?? language
                    let flag = answers >= 3 && right * 2 < answers ? "   ← à revoir dans cette langue ?" : ""
                    // Numbers first: after a right-to-left name they would be read as part of it.
                    screen.line("  \(right) / \(answers)   \(clip(name, 20))\(flag)")
                }
            }
        }
        if let explanation = french.explanation, !explanation.isEmpty {
            screen.blank()
            screen.paragraph(explanation)
        }
        // Names only when the facilitator chose to rank (`--ranking`): by default the room sees what it understood.
        if game.ranking {
            screen.blank()
            screen.line("Classement :")
            places(&screen, game.standings(upTo: 5), rows: 6)
        }
    }

    func finished(_ screen: inout ScreenBuilder, _ game: QuizGame) {
        screen.line("Le quiz est fini. Bravo à tous !")
        screen.blank()
        if game.ranking {
            // Everyone who shares a place of the podium is on it: equal scores, equal places.
            places(&screen, game.standings(upTo: 3), rows: 10)
        } else {
            let counts = game.questions.indices.filter { !game.skipped.contains($0) }.map { game.rightCount(of: $0) }
            let right = counts.map(\.right).reduce(0, +), answered = counts.map(\.answered).reduce(0, +)
            screen.line(screen.bold("La salle a donné \(right) bonne(s) réponse(s) sur \(answered)."))
        }
        if game.ranking, game.teams > 0 {
            screen.blank()
            for standing in game.teamStandings {
                screen.line("  Équipe \(standing.team + 1) : \(Int(standing.points.rounded())) points en moyenne")
            }
        }
        let missed = game.mostMissed.prefix(3).filter { $0.rightShare < 1 }
        if !missed.isEmpty {
            screen.blank()
            screen.line("Les questions les plus manquées :")
            for item in missed {
                let percent = Int((item.rightShare * 100).rounded())
                screen.paragraph("\(percent) % de bonnes réponses : \(content.french(item.index).text)", indent: 2)
            }
        }
    }

    /// Places with everyone who holds them: "1er ex æquo · 2000 points", then the names side by side, in at most
    /// `rows` rows of names (a room where thirty share a place says how many more there are).
    func places(_ screen: inout ScreenBuilder, _ standings: [(rank: Int, points: Int, players: [QuizPlayer])], rows: Int) {
        let column = 28
        let perRow = max(1, (screen.width - 4) / column)
        var left = rows
        for standing in standings {
            let place = standing.rank == 1 ? "1er" : "\(standing.rank)e"
            let tie = standing.players.count > 1 ? " ex æquo (\(standing.players.count))" : ""
            screen.line(screen.bold("  \(place)\(tie) · \(standing.points) points"))
            var names = standing.players[...]
            while !names.isEmpty {
                guard left > 0 else {
                    screen.line("    … et \(names.count) autre(s) à cette place")
                    return
                }
                let row = names.prefix(perRow).map { padded(visual($0.nickname, column - 2), column) }.joined()
                screen.rows.append(padded("    " + row, screen.width))
                names = names.dropFirst(perRow)
                left -= 1
            }
        }
    }

    func footer(_ game: QuizGame, typing: String?) -> String {
        if let typing { return "Retirer le joueur numéro : \(typing)_   (Entrée pour valider, Échap pour annuler)" }
        switch game.phase {
        case .lobby: return "Entrée : commencer · k : retirer un joueur · e : fin"
        case .question: return "l : lire · r : résultats maintenant · p : pause · s : annuler la question · k : retirer · e : fin"
        case .paused: return "l : lire · p : reprendre · s : annuler la question · e : fin"
        case .results: return "Entrée : question suivante · l : lire · k : retirer un joueur · e : fin"
        case .finished: return "q : quitter"
        }
    }

    // MARK: - Text

    /// A nickname or title on one line, cut to `columns`, still in logical order: for text that then goes
    /// through the screen's layout (which sanitises it again, reorders and shapes it).
    func clip(_ text: String, _ columns: Int = 76) -> String {
        DisplayWidth.truncate(TerminalSanitizer.sanitizeLine(text), to: columns)
    }

    /// The same in visual order, for a row put together by hand: each part is laid out once on its own, so
    /// that an Arabic nickname and its language do not swap places inside the left-to-right row.
    func visual(_ text: String, _ columns: Int) -> String {
        TextLayout(width: max(1, columns), direction: .forced(.leftToRight), bidi: style.bidi).lines(clip(text, columns)).first ?? ""
    }

    /// A row already laid out, cut or padded to exactly `columns`.
    func padded(_ row: String, _ columns: Int) -> String {
        let cut = DisplayWidth.truncate(row, to: columns)
        return cut + String(repeating: " ", count: max(0, columns - DisplayWidth.of(cut)))
    }
}
