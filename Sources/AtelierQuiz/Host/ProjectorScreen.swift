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
        /// What the facilitator is typing (a player's number or the start of a nickname, to remove them), shown
        /// in the footer with the roster of those it fits; nil when not.
        public var typing: String?
        /// What the last key did, when the screen does not show it by itself ("no sound", "nothing to do now").
        public var notice: String?
        /// This game's session in the data file: `atelier progress export --session` takes it.
        public var session: String
        /// The roster instead of the phase (`r`), numbered for `k`.
        public var roster: Bool
        /// How the QR code is drawn (`--qr`); nil: in colours when the terminal has them, else for a dark terminal.
        public var qr: QRCode.Drawing?
        /// The language shown under the French question (`l`, `SecondLanguage`); nil: French only.
        public var second: String?

        public init(address: String, code: String, recordFailures: Int = 0, typing: String? = nil, notice: String? = nil,
                    session: String = "", roster: Bool = false, qr: QRCode.Drawing? = nil, second: String? = nil) {
            self.address = address
            self.code = code
            self.recordFailures = recordFailures
            self.typing = typing
            self.notice = notice
            self.session = session
            self.roster = roster
            self.qr = qr
            self.second = second
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
        // The session and the lock on the title row, where they stay whatever the phase: the right part first, so
        // that a long module title is what gets cut.
        var status: [String] = []
        if !room.session.isEmpty { status.append("séance \(clip(room.session, 40))") }
        if game.locked { status.append(screen.width >= 100 ? "FERMÉ aux nouveaux joueurs" : "FERMÉ") }
        let right = clip(status.joined(separator: " · "), screen.width - 13)
        let title = clip("Atelier · Quiz en groupe · \(content.module.title)", max(10, screen.width - DisplayWidth.of(right) - 3))
        screen.rows.append(screen.bold(title) + (right.isEmpty ? "" : "   " + right))
        screen.rule()
        // Rows kept for what follows the phase: the notices, the rule and the footer.
        var reserved = 2 + rows(of: footer(game, room: room))
        if room.recordFailures > 0 { reserved += 1 + rows(of: failures(room.recordFailures)) }
        if let notice = room.notice { reserved += 1 + rows(of: "» " + notice) }
        let height = max(0, style.height - screen.rows.count - reserved)
        if room.roster || room.typing != nil {
            roster(&screen, game, typing: room.typing, height: height)
        } else {
            switch game.phase {
            case .lobby: lobby(&screen, game, room, height: height)
            case .question(let index, let closesAt):
                question(&screen, game, index: index, remaining: closesAt.milliseconds - now.milliseconds, paused: false,
                         second: room.second)
            case .paused(let index, let remaining):
                question(&screen, game, index: index, remaining: remaining, paused: true, second: room.second)
            case .closed(let index): closed(&screen, game, index: index, second: room.second)
            case .results(let index): results(&screen, game, index: index, second: room.second)
            case .finished: finished(&screen, game)
            }
        }
        if room.recordFailures > 0 {
            screen.blank()
            screen.line(failures(room.recordFailures))
        }
        if let notice = room.notice {
            screen.blank()
            screen.line(screen.bold("» " + notice))
        }
        screen.blank()
        screen.rule()
        screen.line(footer(game, room: room))
        return Screen(rows: screen.rows, prompt: "")
    }

    /// French counts 0 and 1 as singular ("0 joueur", "1 joueur", "2 joueurs"); the projector speaks French only.
    static func plural(_ count: Int, _ one: String, _ other: String) -> String { count <= 1 ? one : other }

    func failures(_ count: Int) -> String { "⚠ \(count) \(Self.plural(count, "réponse non enregistrée", "réponses non enregistrées")) : le disque refuse d'écrire." }

    /// How many rows a line of text takes once wrapped to the screen.
    func rows(of text: String) -> Int {
        var scratch = ScreenBuilder(style: style, direction: .leftToRight)
        scratch.line(text)
        return scratch.rows.count
    }

    // MARK: - Phases

    /// The address, the code and the QR code stay on screen however many join: the big digits go first when
    /// rows are short, and the names flow into the columns left, the last one saying how many more there are.
    func lobby(_ screen: inout ScreenBuilder, _ game: QuizGame, _ room: Room, height: Int) {
        let hostPort = room.address.replacingOccurrences(of: "http://", with: "")
        var bigAddress = BigText.rows(hostPort, width: screen.width)
        var bigCode = BigText.rows(room.code, width: screen.width)
        // Colours make the code dark on light whatever the terminal's own colours; without them (`NO_COLOR`)
        // only the facilitator knows which of the terminal's colours is the light one. An explicit `--qr` wins, as
        // a command-line choice wins over NO_COLOR.
        let drawing = room.qr ?? (style.color ? .colors : .dark)
        let code = QRCode("\(room.address)/?code=\(room.code)")
        let qr = code?.lines(drawing) ?? []
        let qrWidth = code?.width ?? 0
        let beside = !qr.isEmpty && screen.width >= qrWidth + 30
        // Rows of the list under the QR code when it is not beside it: at least the count and one name.
        let listMinimum = beside ? qr.count : qr.count + 2
        func top() -> Int { 5 + (bigAddress?.count ?? 0) + (bigCode?.count ?? 0) }
        if top() + listMinimum > height { bigAddress = nil }
        if top() + listMinimum > height { bigCode = nil }
        // Then the blank rows: the QR code, with its quiet zone of 4 modules, is what must stay whole.
        let spaced = top() + listMinimum <= height
        screen.line("Pour jouer : connectez votre téléphone au Wi-Fi de la salle, puis ouvrez")
        screen.rows += bigAddress ?? []
        screen.line(screen.bold(room.address))
        if spaced { screen.blank() }
        screen.line(screen.bold("Code du jeu : \(room.code)"))
        screen.rows += bigCode ?? []
        if spaced { screen.blank() }
        let players = game.order.compactMap { game.players[$0] }
        let title = "\(players.count) \(Self.plural(players.count, "joueur", "joueurs"))" + (game.locked ? " · jeu fermé aux nouveaux (x : ouvrir)" : "")
        let listRows = max(beside ? qr.count : 2, height - (screen.rows.count - 2) - (beside ? 0 : qr.count))
        if beside {
            let list = [padded(clip(title), screen.width - qrWidth - 2)]
                + columns(entries(players, full: true), short: entries(players, full: false), width: screen.width - qrWidth - 2,
                          rows: listRows - 1)
            for row in 0..<max(qr.count, list.count) {
                let left = row < qr.count ? qr[row] : String(repeating: " ", count: qrWidth)
                let right = row < list.count ? list[row] : ""
                screen.rows.append(left + "  " + padded(right, screen.width - qrWidth - 2))
            }
        } else {
            screen.rows += qr
            screen.rows.append(padded(clip(title), screen.width))
            screen.rows += columns(entries(players, full: true), short: entries(players, full: false), width: screen.width,
                                   rows: listRows - 1)
        }
    }

    /// `12. nickname · language`, each part laid out on its own (an Arabic nickname and its language do not swap
    /// places inside the left-to-right row); without the language when `full` is false.
    func entries(_ players: [QuizPlayer], full: Bool, numbers: [Int]? = nil) -> [String] {
        players.enumerated().map { offset, player in
            let number = numbers?[offset] ?? offset + 1
            guard full else { return "\(number). \(visual(player.nickname, 16))" + (player.connected ? "" : " ⌁") }
            let language = content.language(player.language)?.endonym ?? player.language
            return "\(number). \(visual(player.nickname, 24)) · \(visual(language, 20))" + (player.connected ? "" : " (déconnecté)")
        }
    }

    /// Entries in columns of `rows`, filled down then across, as many columns as `width` holds; when they do not
    /// all fit, the last place says how many more there are. The long form goes short first when that is needed.
    func columns(_ full: [String], short: [String]? = nil, width: Int, rows: Int) -> [String] {
        guard rows > 0, !full.isEmpty else { return [] }
        func layout(_ items: [String]) -> (rows: [String], fits: Bool) {
            let widest = items.map { DisplayWidth.of($0) }.max() ?? 0
            let column = min(width, widest + 3)
            let count = max(1, width / max(1, column))
            let capacity = count * rows
            var shown = items
            if items.count > capacity {
                shown = Array(items.prefix(capacity - 1)) + ["+\(items.count - (capacity - 1)) autres (r : liste)"]
            }
            let used = min(rows, shown.count)
            var lines = Array(repeating: "", count: used)
            for (index, item) in shown.enumerated() {
                let row = index % used
                let isLast = index / used == count - 1
                lines[row] += isLast ? padded(item, width - (index / used) * column) : padded(item, column)
            }
            return (lines.map { padded($0, width) }, items.count <= capacity && widest <= width)
        }
        let long = layout(full)
        if long.fits { return long.rows }
        return layout(short ?? full).rows
    }

    /// `r`, and while typing a name to remove: every player, numbered as `k` takes them, or those the typed start
    /// of a nickname fits.
    func roster(_ screen: inout ScreenBuilder, _ game: QuizGame, typing: String?, height: Int) {
        let all = game.order.compactMap { game.players[$0] }
        let numbers = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($0.element.id, $0.offset + 1) })
        let shown = typing.map { RosterSearch(game).matches($0) } ?? all
        let disconnected = all.filter { !$0.connected }.count
        var title = "Joueurs : \(all.count)" + (disconnected > 0 ? " (\(disconnected) \(Self.plural(disconnected, "déconnecté", "déconnectés")))" : "")
        if let typing, !typing.isEmpty { title += " · « \(clip(typing, 24)) » : \(shown.count)" }
        screen.line(title)
        screen.blank()
        let ids = shown.map { numbers[$0.id] ?? 0 }
        screen.rows += columns(entries(shown, full: true, numbers: ids), short: entries(shown, full: false, numbers: ids),
                               width: screen.width, rows: max(1, height - 2))
    }

    /// The question in French and its numbered choices: the same on the open and on the closed question.
    func frenchQuestion(_ screen: inout ScreenBuilder, _ question: QuizQuestion, index: Int) {
        let french = content.french(index)
        screen.paragraph(french.text)
        screen.blank()
        for (position, _) in question.choices.enumerated() {
            screen.keyed(position + 1, position < french.choices.count ? french.choices[position] : question.choices[position])
        }
    }

    /// Answers are locked: the question and its choices stay, without the right answer, until `v`.
    func closed(_ screen: inout ScreenBuilder, _ game: QuizGame, index: Int, second: String? = nil) {
        let question = game.questions[index]
        let answered = game.answers[index]?.count ?? 0
        let connected = game.players.values.filter(\.connected).count
        screen.line(screen.bold("Question \(index + 1) sur \(game.questions.count)   ·   Réponses fermées   ·   Réponses : \(answered) sur \(connected)"))
        screen.blank()
        frenchQuestion(&screen, question, index: index)
        secondLanguage(&screen, game, index: index, code: second, choices: true)
        screen.blank()
        screen.line("Entrée ou v : montrer la bonne réponse et la répartition.")
    }

    func question(_ screen: inout ScreenBuilder, _ game: QuizGame, index: Int, remaining: Int64, paused: Bool, second: String? = nil) {
        let question = game.questions[index]
        let seconds = Int((max(0, remaining) + 999) / 1000)
        let answered = game.answers[index]?.count ?? 0
        let connected = game.players.values.filter(\.connected).count
        screen.line("Question \(index + 1) sur \(game.questions.count)   ·   \(paused ? "PAUSE" : "\(seconds) s")   ·   Réponses : \(answered) sur \(connected)")
        screen.rows.append(screen.bar(Int(max(0, remaining)), of: question.seconds * 1000, width: screen.width))
        screen.blank()
        frenchQuestion(&screen, question, index: index)
        secondLanguage(&screen, game, index: index, code: second, choices: true)
    }

    /// The question in the language `l` chose, under the French: its name in its own script, then the question
    /// (and its choices, while they are answered), laid out by the kiosk's own layout: a right-to-left language's
    /// rows right-aligned, each key at the right end where reading starts. A text not translated yet is French,
    /// left to right, as the phones show it.
    func secondLanguage(_ screen: inout ScreenBuilder, _ game: QuizGame, index: Int, code: String?, choices: Bool) {
        guard let code, code != "fr", let language = content.language(code) else { return }
        let localized = content.question(index, language: code)
        func direction(_ text: String) -> TextDirection {
            language.direction == .rightToLeft && TextDirection.containsRightToLeft(text) ? .rightToLeft : .leftToRight
        }
        screen.blank()
        screen.paragraph("── \(language.endonym) ──", direction: language.direction)
        screen.paragraph(localized.text, direction: localized.direction)
        guard choices else { return }
        screen.blank()
        for (position, id) in game.questions[index].choices.enumerated() {
            let text = position < localized.choices.count ? localized.choices[position] : id
            screen.keyed(position + 1, text, direction: direction(text))
        }
    }

    func results(_ screen: inout ScreenBuilder, _ game: QuizGame, index: Int, second: String? = nil) {
        let question = game.questions[index]
        let french = content.french(index)
        screen.line("Question \(index + 1) sur \(game.questions.count) : résultats")
        screen.paragraph(french.text)
        // The question only: the distribution's rows keep the choices' numbers and symbols, the same on every phone.
        secondLanguage(&screen, game, index: index, code: second, choices: false)
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
            screen.line(screen.bold("La salle a donné \(right) \(Self.plural(right, "bonne réponse", "bonnes réponses")) sur \(answered)."))
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
                    screen.line("    … et \(names.count) \(Self.plural(names.count, "autre", "autres")) à cette place")
                    return
                }
                let row = names.prefix(perRow).map { padded(visual($0.nickname, column - 2), column) }.joined()
                screen.rows.append(padded("    " + row, screen.width))
                names = names.dropFirst(perRow)
                left -= 1
            }
        }
    }

    func footer(_ game: QuizGame, room: Room) -> String {
        if let typing = room.typing {
            return "Retirer (numéro ou nom) : \(clip(typing, 24))_   (Tab : compléter · Entrée : retirer · Échap : annuler)"
        }
        let lock = game.locked ? "x : ouvrir" : "x : fermer"
        let list = room.roster ? "r : revenir" : "r : joueurs"
        let read = "l : langue · a : lire"
        switch game.phase {
        case .lobby: return "Entrée : commencer · \(list) · k : retirer · \(lock) · e : fin"
        case .question: return "\(read) · v : clore · p : pause · s : annuler · \(list) · k : retirer · \(lock) · e : fin"
        case .paused: return "\(read) · p : reprendre · v : clore · s : annuler · \(list) · \(lock) · e : fin"
        case .closed: return "Entrée ou v : montrer la réponse · \(read) · s : annuler · \(list) · k : retirer · \(lock) · e : fin"
        case .results: return "Entrée : question suivante · \(read) · \(list) · k : retirer · \(lock) · e : fin"
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
