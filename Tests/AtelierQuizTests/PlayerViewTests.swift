import AtelierContent
import AtelierEngine
import AtelierQuiz
import AtelierText
import Testing

@Suite struct PlayerViewTests {
    static let question = ServerMessage.QuestionView(
        index: 0, total: 2, seconds: 30, remainingMs: 30_000, text: "யார் உரிமையாளர்?", dir: .leftToRight, answered: nil,
        choices: [.init(id: "members", position: 0, text: "உறுப்பினர்கள்"), .init(id: "state", position: 1, text: "அரசு")])

    @Test func theViewFollowsTheHostAndTypedDigitsOfAnyScriptChooseAnAnswer() {
        var view = PlayerView()
        let at = Instant(milliseconds: 0)
        view.receive(.welcome(player: "p-1", nickname: "x", language: "ta", direction: .leftToRight, rejoined: false), at: at)
        #expect(view.hasJoined)
        view.receive(.question(Self.question), at: at)
        #expect(view.choice(typed: "2") == "state")
        #expect(view.choice(typed: "٢") == "state")  // Arabic-Indic
        #expect(view.choice(typed: "۱") == "members")  // Persian
        #expect(view.choice(typed: "3") == nil && view.choice(typed: "abc") == nil)
        view.receive(.ack(question: 0, choice: "state"), at: at)
        #expect(view.choice(typed: "1") == nil)  // answered: nothing more to choose
        view.disconnected()
        #expect(view.phase == .reconnecting)
        view.receive(.end(score: 0, rank: 1, players: 1), at: at)
        view.disconnected()
        #expect(view.isOver && view.phase == .end(score: 0, rank: 1, players: 1))
    }

    @Test(arguments: ["ar", "ta", "zh", "ti", "prs"])
    func theTerminalPlayersScreensAreLaidOutInTheirLanguage(code: String) throws {
        let root = QuizTestHost.root
        let content = KioskContent.load(ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales"), modules: false)
        let language = try #require(content.languages.first { $0.code == code })
        let screen = PlayerScreen(strings: content.strings(language), style: TerminalStyle(width: 40, height: 15, color: false))
        var view = PlayerView()
        view.receive(.question(Self.question), at: Instant(milliseconds: 0))
        view.error = .error(.slowDown, retryAfterMs: 4_000)
        let rows = screen.render(view, now: Instant(milliseconds: 10_000)).rows
        for row in rows { #expect(DisplayWidth.of(row) <= 40, "\(row)") }
        let text = rows.joined()
        #expect(text.contains("4"))  // the wait, in Latin digits
        #expect(!text.contains("quiz."), "an untranslated key in \(rows)")
    }

    @Test(arguments: ["ar", "ta", "zh", "ti", "prs"])
    func lockedAnswersAreSaidInThePlayersLanguage(code: String) throws {
        let root = QuizTestHost.root
        let content = KioskContent.load(ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales"), modules: false)
        let language = try #require(content.languages.first { $0.code == code })
        let strings = content.strings(language)
        var view = PlayerView()
        view.receive(.question(Self.question), at: Instant(milliseconds: 0))
        view.receive(.closed(index: 0), at: Instant(milliseconds: 1_000))
        #expect(view.phase == .closed)
        #expect(view.choice(typed: "1") == nil)  // nothing to choose any more
        let rows = PlayerScreen(strings: strings, style: TerminalStyle(width: 40, height: 15, color: false))
            .render(view, now: Instant(milliseconds: 1_000)).rows
        // Translated, not the French it falls back to.
        #expect(!strings.text("quiz.closed").hasPrefix("Les réponses"), "\(strings.text("quiz.closed"))")
        #expect(!rows.joined().contains("quiz."), "an untranslated key in \(rows)")
    }

    @Test func everyErrorWithItsOwnTextHasAnInterfaceKey() throws {
        let root = QuizTestHost.root
        let (units, _) = InterfaceCatalog.load(path: root + "/Locales/" + InterfaceCatalog.fileName)
        let keys = Set(units.map(\.context))
        for code in [QuizErrorCode.wrongCode, .slowDown, .nicknameEmpty, .nicknameTaken, .nicknameLookAlike, .wrongPIN, .locked, .late,
                     .alreadyAnswered, .full, .gameOver, .roomLocked] {
            #expect(keys.contains("quiz.error." + code.interfaceKey), "\(code)")
        }
        #expect(QuizErrorCode.wrongPIN.interfaceKey == "wrong-pin")
    }
}

extension PlayerViewTests {
    /// The terminal player's end screen says the place only when the host sent one (`--ranking`).
    @Test(arguments: [(Int?.none, false), (Int?.some(2), true)])
    func theEndScreenShowsAPlaceOnlyWhenTheHostRanks(rank: Int?, shown: Bool) throws {
        let root = QuizTestHost.root
        let content = KioskContent.load(ContentRepository(lessons: root + "/Lessons", locales: root + "/Locales"), modules: false)
        let french = try #require(content.languages.first { $0.code == "fr" })
        let strings = content.strings(french)
        let screen = PlayerScreen(strings: strings, style: TerminalStyle(width: 60, height: 15, color: false))
        var view = PlayerView()
        view.receive(.end(score: 3000, rank: rank, players: 5), at: Instant(milliseconds: 0))
        let text = screen.render(view, now: Instant(milliseconds: 0)).rows.joined(separator: "\n")
        #expect(text.contains(strings.text("quiz.points", ["points": 3000])))
        #expect(text.contains("Votre place") == shown, "\(text)")
    }
}
