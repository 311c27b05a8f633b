import AtelierEngine
@testable import AtelierQuiz
import AtelierText
import Testing

@Suite struct ProjectorScreenTests {
    static let content = try! QuizTestHost.content(only: ["who-owns", "vote-rule"])
    let room = ProjectorScreen.Room(address: "http://192.168.1.20:8080", code: "4821")
    func at(_ seconds: Int) -> Instant { Instant(milliseconds: Int64(seconds) * 1000) }

    func game(ranking: Bool = false) -> QuizGame {
        var game = QuizGame(questions: Self.content.questions, ranking: ranking)
        let players = [("a", "Amélie", "fr"), ("b", "عائشة", "ar"), ("c", "ሰላማዊት", "ti"), ("d", "小明", "zh"),
                       ("e", "\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2JEvil\u{9B}31m", "ta")]
        for (id, nickname, language) in players {
            _ = game.reduce(.playerJoined(id: id, nickname: Nickname.clean(nickname), language: language, participant: nil, at: at(0)))
        }
        return game
    }

    func render(_ game: QuizGame, width: Int = 100, height: Int = 40, now: Int = 0, color: Bool = false,
                room: ProjectorScreen.Room? = nil) -> [String] {
        ProjectorScreen(content: Self.content, style: TerminalStyle(width: width, height: height, color: color))
            .render(game, room: room ?? self.room, now: at(now)).rows
    }

    /// A lobby of `count` players, in six scripts; `long` makes every nickname 20 characters or so.
    func crowd(_ count: Int, long: Bool = false) -> QuizGame {
        var game = QuizGame(questions: Self.content.questions)
        let names = [("Amélie", "fr"), ("عائشة", "ar"), ("ሰላማዊት", "ti"), ("小明", "zh"), ("தமிழ்செல்வி", "ta"), ("نرگس", "prs")]
        for number in 0..<count {
            let (name, language) = names[number % names.count]
            _ = game.reduce(.playerJoined(id: "p\(number)", nickname: "\(name) \(number)" + (long ? " Ndiaye-Okafor" : ""), language: language, participant: nil, at: at(0)))
        }
        return game
    }

    @Test(arguments: [(0, 120, 40), (26, 120, 40), (60, 120, 40), (500, 120, 40), (60, 100, 45), (60, 80, 30)])
    func theAddressTheCodeAndTheQRCodeStayOnScreenWhateverTheCount(players: Int, width: Int, height: Int) throws {
        let noticed = ProjectorScreen.Room(address: room.address, code: room.code, notice: "« v » : rien à faire maintenant.")
        for room in [room, noticed] {
            let rows = render(crowd(players), width: width, height: height, room: room)
            check(rows, width: width)
            #expect(rows.count <= height, "\(rows.count) rows for \(height)")
            let text = rows.joined(separator: "\n")
            #expect(text.contains("http://192.168.1.20:8080"))
            #expect(text.contains("Code du jeu : 4821"))
            let qr = try #require(QRCode("http://192.168.1.20:8080/?code=4821")).lines(.dark)  // no colours: for a dark terminal
            // Every row of the QR code, whole, at the start of a row of the screen.
            for line in qr { #expect(rows.contains { $0.hasPrefix(line) }, "QR row missing") }
            #expect(text.contains("\(players) \(players <= 1 ? "joueur" : "joueurs")"))
            #expect(text.contains("Entrée : commencer"))
            if room.notice != nil { #expect(text.contains("rien à faire maintenant")) }
        }
    }

    @Test(arguments: [(60, false, false), (60, true, true), (150, false, true)])
    func namesFlowIntoColumnsAndTheRestAreCounted(players: Int, long: Bool, overflows: Bool) throws {
        let rows = render(crowd(players, long: long), width: 120, height: 40)
        #expect(rows.count <= 40)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("███ ███ ███"))  // the big digits: there is room for them at 120x40
        let more = text.firstMatch(of: /\+(\d+) autres/).map { Int($0.output.1)! }
        #expect((more != nil) == overflows, "\(text)")
        // The names shown and the rest counted make the whole room.
        let shown = rows.joined(separator: " ").matches(of: /\b(\d+)\.\s/).count
        #expect(shown + (more ?? 0) == players, "\(shown) shown + \(more ?? 0)")
        #expect(shown >= 40)
        // Several names on one row: columns.
        #expect(rows.contains { $0.matches(of: /\b\d+\.\s/).count >= 3 })
        // A few players keep their language beside their name.
        #expect(render(crowd(3), width: 120, height: 40).joined().contains("2. 1 ﺔﺸﺋﺎﻋ · ﺔﻴﺑﺮﻌﻟﺍ"))
    }

    @Test func theTitleRowShowsTheSessionAndTheLock() {
        var game = game()
        let room = ProjectorScreen.Room(address: self.room.address, code: "4821", session: "quiz-3f9a")
        #expect(render(game, room: room)[0].contains("séance quiz-3f9a"))
        #expect(!render(game, room: room)[0].contains("FERMÉ"))
        _ = game.reduce(.lockRequested(true))
        let rows = render(game, room: room)
        #expect(rows[0].contains("séance quiz-3f9a") && rows[0].contains("FERMÉ aux nouveaux joueurs"))
        #expect(rows.last?.contains("x : ouvrir") == true)
        _ = game.reduce(.nextRequested(at: at(0)))
        #expect(render(game, room: room)[0].contains("FERMÉ aux nouveaux joueurs"))
    }

    @Test func lockedAnswersShowTheQuestionWithoutTheRightAnswer() {
        var game = game()
        _ = game.reduce(.nextRequested(at: at(0)))
        _ = game.reduce(.answerSubmitted(player: "a", choice: "members", at: at(2)))
        _ = game.reduce(.clockTicked(at: at(31)))
        let rows = render(game, now: 31)
        check(rows, width: 100)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("Réponses fermées") && text.contains("Réponses : 1 sur 5"))
        #expect(text.contains("1 ▲") && text.contains(Self.content.french(0).text.prefix(20)))
        #expect(!text.contains("✓") && !text.contains("Par langue") && !text.contains("Classement"))
        #expect(text.contains("Entrée ou v : montrer la réponse"))
    }

    @Test func theRosterOnDemandAndWhileTypingANameToRemove() {
        var game = crowd(60)
        _ = game.reduce(.nextRequested(at: at(0)))
        let all = render(game, width: 120, height: 40, room: .init(address: room.address, code: room.code, roster: true))
        check(all, width: 120)
        #expect(all.count <= 40)
        let text = all.joined(separator: "\n")
        #expect(text.contains("Joueurs : 60") && !text.contains("Question 1 sur 2"))
        #expect(text.contains("60. ") || text.contains("autres"))
        #expect(all.last?.contains("r : revenir") == true)
        // "Amélie 1" and "Amélie 12" … start with "amelie 1": the typed start, folded, finds them.
        let typing = render(game, width: 120, height: 40, room: .init(address: room.address, code: room.code, typing: "amelie 1"))
        check(typing, width: 120)
        let typed = typing.joined(separator: "\n")
        #expect(typed.contains("Amélie 12") && typed.contains("Amélie 18") && !typed.contains("Amélie 6 "))
        #expect(typing.last?.contains("Retirer (numéro ou nom) : amelie 1") == true)
        #expect(typing.last?.contains("Tab : compléter") == true)
        // What is typed reaches the projector sanitised.
        check(render(game, width: 120, height: 40, room: .init(address: room.address, code: room.code, typing: "\u{1B}]52;c;eA==\u{07}\u{9B}2J")),
              width: 120)
    }

    @Test func aNameToRemoveIsCompletedAndResolved() {
        let game = crowd(13)  // Amélie 0, 6, 12; 小明 3, 9
        let search = RosterSearch(game)
        #expect(search.complete("ame") == "Amélie ")
        #expect(search.complete("amélie 1") == "Amélie 12")
        #expect(search.complete("小") == "小明 ")
        #expect(search.complete("zzz") == "zzz")
        #expect(search.resolve("amelie 6") == .found(game.players["p6"]!))
        #expect(search.resolve("amelie") == .several(3))
        #expect(search.resolve("amelie 12") == .found(game.players["p12"]!))
        #expect(search.resolve("4") == .found(game.players["p3"]!))
        #expect(search.resolve("99") == .nobody)
        #expect(search.resolve("") == .nobody)
        #expect(search.resolve("Bob") == .nobody)
    }


    func check(_ rows: [String], width: Int) {
        for row in rows {
            #expect(DisplayWidth.of(row) <= width, "too wide: \(row)")
            #expect(!row.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) }, "control in \(row.debugDescription)")
        }
    }

    @Test(arguments: [100, 80, 60])
    func theLobbyShowsTheAddressTheCodeAQRCodeAndThePlayers(width: Int) {
        let rows = render(game(), width: width)
        check(rows, width: width)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("http://192.168.1.20:8080"))
        #expect(text.contains("5 joueurs"))
        // Shaped and reordered for a terminal without bidi, each part on its own: "2. <nickname> · <language>".
        #expect(text.contains("2. ﺔﺸﺋﺎﻋ · ﺔﻴﺑﺮﻌﻟﺍ"), "\(text)")
        #expect(!text.contains("عائشة"))
        #expect(text.contains("ሰላማዊት") && text.contains("小明") && text.contains("Evil"))
        #expect(text.contains("███ ███ ███"))  // the big digits of the code
        if width >= 80 { #expect(text.contains("▀") || text.contains("▄")) }  // the QR code
    }

    @Test func aQuestionShowsItsFrenchTextTheCountdownAndTheAnswerCount() {
        var game = game()
        _ = game.reduce(.nextRequested(at: at(0)))
        _ = game.reduce(.answerSubmitted(player: "a", choice: "members", at: at(3)))
        let rows = render(game, now: 10)
        check(rows, width: 100)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("Question 1 sur 2"))
        #expect(text.contains("20 s"))
        #expect(text.contains("Réponses : 1 sur 5"))
        #expect(text.contains(Self.content.french(0).text.prefix(20)))
        #expect(text.contains("1 ▲") && text.contains("2 ●") && text.contains("3 ■"))
    }

    @Test func resultsShowTheDistributionPerLanguageAndTheLeaderboard() {
        var game = game(ranking: true)
        _ = game.reduce(.nextRequested(at: at(0)))
        for (player, choice) in [("a", "members"), ("b", "boss"), ("c", "members"), ("d", "state"), ("e", "members")] {
            _ = game.reduce(.answerSubmitted(player: player, choice: choice, at: at(2)))
        }
        _ = game.reduce(.closeRequested)
        _ = game.reduce(.revealRequested(at: at(5)))
        let rows = render(game, color: true)
        check(rows.map { $0.replacingOccurrences(of: "\u{1B}[", with: "") }, width: 140)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("✓"))
        #expect(text.contains("Par langue"))
        #expect(text.contains("Classement"))
        #expect(text.contains("1 / 1") && text.contains("0 / 1"))
    }

    @Test func theEndShowsAPodiumAndTheMostMissedQuestions() {
        var game = game(ranking: true)
        _ = game.reduce(.nextRequested(at: at(0)))
        _ = game.reduce(.answerSubmitted(player: "d", choice: "members", at: at(1)))
        _ = game.reduce(.answerSubmitted(player: "a", choice: "boss", at: at(1)))
        _ = game.reduce(.endRequested)
        let rows = render(game)
        check(rows, width: 100)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("1er") && text.contains("小明"))
        #expect(text.contains("Les questions les plus manquées"))
        #expect(text.contains("50 %"))
    }

    /// The nicknames as the projector would show them (each laid out on its own, as in a list).
    func shownNames(width: Int) -> [String] {
        let screen = ProjectorScreen(content: Self.content, style: TerminalStyle(width: width, height: 40, color: false))
        return game().order.compactMap { game().players[$0]?.nickname }.map { screen.visual($0, 24) }
    }

    /// Everyone answers the first question: a and c right, b and e the same wrong answer, d another; then the
    /// second, where a and d are right. a has two right answers, c and d one each (tied), b and e none (tied).
    func played(ranking: Bool) -> QuizGame {
        var game = game(ranking: ranking)
        _ = game.reduce(.nextRequested(at: at(0)))
        for (player, choice) in [("a", "members"), ("b", "boss"), ("c", "members"), ("d", "state"), ("e", "boss")] {
            _ = game.reduce(.answerSubmitted(player: player, choice: choice, at: at(2)))
        }
        _ = game.reduce(.closeRequested)
        _ = game.reduce(.revealRequested(at: at(5)))
        return game
    }

    func finish(_ game: inout QuizGame) {
        _ = game.reduce(.nextRequested(at: at(10)))
        let question = Self.content.questions[1]
        let right = question.correct.first!, wrong = question.choices.first { !question.correct.contains($0) }!
        for (player, choice) in [("a", right), ("b", wrong), ("c", wrong), ("d", right), ("e", wrong)] {
            _ = game.reduce(.answerSubmitted(player: player, choice: choice, at: at(11)))
        }
        _ = game.reduce(.closeRequested)
        _ = game.reduce(.revealRequested(at: at(12)))
        _ = game.reduce(.nextRequested(at: at(13)))
    }

    @Test func withoutRankingTheRoomSeesWhatItUnderstoodAndNoName() {
        var game = played(ranking: false)
        var rows = render(game, width: 120, height: 40)
        check(rows, width: 120)
        #expect(rows.count <= 40)
        var text = rows.joined(separator: "\n")
        #expect(text.contains("2 sur 5 ont trouvé la bonne réponse."), "\(text)")
        #expect(text.contains("Réponses fausses choisies :"))
        // The wrong answers, the most chosen first: "boss" (3rd choice) twice, "state" (2nd) once.
        let boss = try! #require(rows.firstIndex { $0.contains("2 × 3 ■") })
        let state = try! #require(rows.firstIndex { $0.contains("1 × 2 ●") })
        #expect(boss < state)
        #expect(!text.contains("Classement"))
        for name in shownNames(width: 120) { #expect(!text.contains(name), "\(name) on the results") }
        #expect(!text.contains("Evil"))

        finish(&game)
        #expect(game.phase == .finished)
        rows = render(game, width: 120, height: 40)
        check(rows, width: 120)
        #expect(rows.count <= 40)
        text = rows.joined(separator: "\n")
        #expect(text.contains("La salle a donné 4 bonnes réponses sur 10."), "\(text)")
        #expect(text.contains("Les questions les plus manquées"))
        #expect(!text.contains("1er") && !text.contains("points"))
        for name in shownNames(width: 120) { #expect(!text.contains(name), "\(name) at the end") }
    }

    @Test func withRankingTiedPlayersShareTheirPlaceAndAllStandOnThePodium() {
        var game = played(ranking: true)
        var rows = render(game, width: 120, height: 40)
        check(rows, width: 120)
        #expect(rows.count <= 40)
        var text = rows.joined(separator: "\n")
        #expect(text.contains("Classement :"))
        // a and c share the first place; b, d and e the third.
        #expect(text.contains("1er ex æquo (2) · 1000 points"), "\(text)")
        #expect(text.contains("3e ex æquo (3) · 0 points"))
        #expect(!rows.contains { $0.hasPrefix("  2e") })

        finish(&game)
        rows = render(game, width: 120, height: 40)
        check(rows, width: 120)
        #expect(rows.count <= 40)
        text = rows.joined(separator: "\n")
        // a first alone; c and d tied second, both on the podium; b and e tied fourth, off it.
        #expect(text.contains("1er · 2000 points"), "\(text)")
        #expect(text.contains("2e ex æquo (2) · 1000 points"))
        #expect(!rows.contains { $0.hasPrefix("  3e") || $0.hasPrefix("  4e") })
        let names = shownNames(width: 120)
        let podium = try! #require(rows.firstIndex { $0.contains("2e ex æquo") })
        #expect(rows[podium + 1].contains(names[2]) && rows[podium + 1].contains(names[3]), "\(rows[podium + 1])")
        #expect(!text.contains(names[1]) && !text.contains("Evil"))
    }

    /// `l`: the question and its choices in a second language under the French, at 120x40, laid out by the kiosk's
    /// own layout: Arabic right to left (rows right-aligned, shaped, each key at the right end), Tigrinya and
    /// Chinese left to right, Chinese in wide columns; never wider than the screen, never a raw escape.
    @Test(arguments: ["ar", "ti", "zh"])
    func aSecondLanguageIsShownUnderTheFrench(code: String) throws {
        var game = game()
        _ = game.reduce(.nextRequested(at: at(0)))
        let shown = ProjectorScreen.Room(address: room.address, code: room.code, second: code)
        let language = try #require(Self.content.language(code))
        let localized = Self.content.question(0, language: code)
        #expect(localized.text != Self.content.french(0).text, "\(code) is translated")
        let layout = TextLayout(width: 120, direction: .forced(language.direction), bidi: .app)
        for closed in [false, true] {
            if closed { _ = game.reduce(.closeRequested) }
            let rows = render(game, width: 120, height: 40, room: shown)
            check(rows, width: 120)
            #expect(rows.count <= 40)
            let text = rows.joined(separator: "\n")
            // The French first, then the language's name in its own script, then its question and choices.
            let french = try #require(rows.firstIndex { $0.contains(Self.content.french(0).text.prefix(20)) })
            let heading = try #require(rows.firstIndex { $0 == layout.lines("── \(language.endonym) ──").first })
            #expect(french < heading)
            let question = layout.lines(localized.text)
            #expect(rows[(heading + 1)...].starts(with: question), "\(text)")
            let keyed = rows[(heading + question.count + 1)...].filter { $0.contains("▲") || $0.contains("●") || $0.contains("■") }
            #expect(keyed.count == Self.content.questions[0].choices.count, "\(keyed)")
            if language.direction == .rightToLeft {
                // Right-aligned: padded on the left up to the last column; the logical (unshaped) text never shows.
                for row in [rows[heading]] + question {
                    #expect(DisplayWidth.of(row) == 120 && row.hasPrefix(" "), "\(row.debugDescription)")
                }
                for (position, row) in keyed.enumerated() {
                    #expect(row.hasSuffix("\(ScreenBuilder.symbol(position + 1)) \(position + 1)") && row.hasPrefix(" "), "\(row)")
                }
                #expect(!text.contains(localized.text.prefix(8)))
            } else {
                #expect(text.contains(localized.text.prefix(8)))
                for (position, row) in keyed.enumerated() {
                    #expect(row.hasPrefix("\(position + 1) \(ScreenBuilder.symbol(position + 1)) \(localized.choices[position].prefix(2))"), "\(row)")
                }
            }
            #expect(rows.suffix(3).joined().contains("l : langue"))
        }
        // On the results, the question only, under the French.
        _ = game.reduce(.revealRequested(at: at(5)))
        let results = render(game, width: 120, height: 40, room: shown)
        check(results, width: 120)
        #expect(results.contains(layout.lines("── \(language.endonym) ──")[0]))
        #expect(results.contains(layout.lines(localized.text)[0]))
        // French only: no second language at all.
        #expect(!render(game, width: 120, height: 40).contains(layout.lines("── \(language.endonym) ──")[0]))
    }

    /// The order `l` goes through: the room's languages other than French, the most used first, equal counts in the
    /// registry's order (fr en ar prs ps ti bn ta uk ru es pt tr zh), then French only again.
    @Test(arguments: [
        (["ar", "ar", "zh", "ti", "fr", "fr", "fr"], ["ar", "ti", "zh", nil, "ar"]),
        (["zh", "ar"], ["ar", "zh", nil]),
        (["ta", "prs", "ta", "en", "prs", "ta"], ["ta", "prs", "en", nil]),
        (["fr", "fr"], [nil, nil]),
        ([], [nil]),
    ] as [([String], [String?])])
    func theSecondLanguageCyclesThroughTheRoomsLanguages(languages: [String], presses: [String?]) {
        var game = QuizGame(questions: Self.content.questions)
        for (number, language) in languages.enumerated() {
            _ = game.reduce(.playerJoined(id: "p\(number)", nickname: "P\(number)", language: language, participant: nil, at: at(0)))
        }
        var shown: String?
        var seen: [String?] = []
        for _ in presses {
            shown = SecondLanguage.next(after: shown, game, content: Self.content)
            seen.append(shown)
        }
        #expect(seen == presses)
    }

    @Test func aLanguageNobodyUsesAnyMoreGoesBackToFrenchOnly() {
        var game = QuizGame(questions: Self.content.questions)
        _ = game.reduce(.playerJoined(id: "a", nickname: "A", language: "ar", participant: nil, at: at(0)))
        _ = game.reduce(.playerJoined(id: "b", nickname: "B", language: "zh", participant: nil, at: at(0)))
        _ = game.reduce(.kickRequested(player: "b"))
        #expect(SecondLanguage.next(after: "zh", game, content: Self.content) == nil)
        #expect(SecondLanguage.next(after: nil, game, content: Self.content) == "ar")
    }

    @Test func aQRCodeEncodesTheJoinAddress() throws {
        let code = try #require(QRCode("http://192.168.1.20:8080/?code=4821"))
        #expect(code.side >= 21 && (code.side - 17) % 4 == 0)
        // The three finder patterns: dark 7x7 corners.
        #expect(code.isDark(row: 0, column: 0) && code.isDark(row: 6, column: 6) && code.isDark(row: 0, column: code.side - 1))
        #expect(code.lines(.colors).count == (code.side + 8 + 1) / 2)
    }
}
