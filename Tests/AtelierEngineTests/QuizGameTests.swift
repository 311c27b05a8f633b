import Testing
@testable import AtelierEngine

@Suite("Group quiz game")
struct QuizGameTests {
    static let questions = [
        QuizQuestion(stepID: "who", choices: ["caf", "bank", "city"], correct: ["caf"], seconds: 20),
        QuizQuestion(stepID: "tf", choices: ["true", "false"], correct: ["true"], seconds: 10),
    ]
    func at(_ ms: Int64) -> Instant { Instant(milliseconds: 1_000_000 + ms) }

    func lobby(_ scoring: QuizGame.Scoring = .accuracy, teams: Int = 0) -> QuizGame {
        var game = QuizGame(questions: Self.questions, scoring: scoring, teams: teams)
        for (id, nick, lang) in [("p1", "Amina", "ar"), ("p2", "Dawit", "ti"), ("p3", "Li", "zh"), ("p4", "Karim", "prs")] {
            _ = game.reduce(.playerJoined(id: id, nickname: nick, language: lang, participant: nil, at: at(0)))
        }
        return game
    }

    @Test func playersJoinAndNobodyImpersonatesAnother() {
        var game = lobby()
        #expect(game.order == ["p1", "p2", "p3", "p4"])
        for spoof in ["Amina\u{200B}", "AMINA", "Amína", "  amina "] {
            #expect(game.reduce(.playerJoined(id: "x", nickname: spoof, language: "fr", participant: nil, at: at(1)))
                    == [.refused(player: "x", .nicknameTaken)])
        }
        #expect(game.reduce(.playerJoined(id: "y", nickname: "\u{200B}", language: "fr", participant: nil, at: at(1)))
                == [.refused(player: "y", .nicknameEmpty)])
        #expect(game.players.count == 4)
    }

    /// Letters of another script drawn like those of a name in the room: the matching key sees another name,
    /// the room would see the same one.
    @Test(arguments: [
        ("\u{0410}mina", "Cyrillic capital A"),
        ("\u{0430}mina", "Cyrillic small a"),
        ("\u{0391}mina", "Greek capital alpha"),
        ("Arnina", "r n for m"),
        ("L\u{0456}", "Cyrillic i in Li"),
        ("K\u{0430}r\u{0456}m", "Cyrillic a and i in Karim"),
    ])
    func aLookAlikeOfANameInTheRoomIsRefused(_ spoof: String, _ why: String) {
        var game = lobby()
        #expect(game.reduce(.playerJoined(id: "x", nickname: spoof, language: "ru", participant: nil, at: at(1)))
                == [.refused(player: "x", .nicknameLookAlike)], "\(why)")
        #expect(game.players.count == 4)
    }

    @Test func namesThatOnlyShareLettersAreWelcomeAndAKickedNameIsFreeAgain() {
        var game = lobby()
        // A Cyrillic name that is not drawn like a Latin one, and Arabic names close to Amina's.
        for (id, nickname) in [("a", "\u{0410}\u{043C}\u{0438}\u{043D}\u{0430}"), ("b", "\u{0622}\u{0645}\u{0646}\u{0629}"),
                               ("c", "\u{0623}\u{0645}\u{064A}\u{0631}\u{0629}"), ("d", "Aminata")] {
            #expect(game.reduce(.playerJoined(id: id, nickname: nickname, language: "ru", participant: nil, at: at(1)))
                    == [.joined(player: id), .playersChanged], "\(nickname)")
        }
        _ = game.reduce(.kickRequested(player: "p3"))
        #expect(game.reduce(.playerJoined(id: "e", nickname: "L\u{0456}", language: "ru", participant: nil, at: at(2)))
                == [.joined(player: "e"), .playersChanged])
    }

    /// Players' answers to the two questions ("R" right, "W" wrong) and how long each took, the places they get
    /// and who is on the podium (by position in `ids`): equal points, equal places, whoever was faster.
    struct TieCase: Sendable, CustomTestStringConvertible {
        var scoring: QuizGame.Scoring = .accuracy
        let answers: [String]
        let milliseconds: [Int64]
        let ranks: [Int]
        let podium: [[Int]]
        let testDescription: String
    }

    static let ties: [TieCase] = [
        TieCase(answers: ["RR", "RR", "RW", "WW"], milliseconds: [9000, 1000, 500, 100], ranks: [1, 1, 3, 4], podium: [[0, 1], [2]],
                testDescription: "two first, nobody second, the slower first one too"),
        TieCase(answers: ["WW", "WW", "WW", "WW"], milliseconds: [100, 200, 300, 400], ranks: [1, 1, 1, 1], podium: [[0, 1, 2, 3]],
                testDescription: "nobody right: all first"),
        TieCase(answers: ["RR", "RW", "WR", "WW"], milliseconds: [100, 100, 900, 100], ranks: [1, 2, 2, 4], podium: [[0], [1, 2]],
                testDescription: "a tie for second"),
        TieCase(answers: ["RR", "RW", "WW", "WW"], milliseconds: [100, 100, 100, 900], ranks: [1, 2, 3, 3], podium: [[0], [1], [2, 3]],
                testDescription: "a tie for third, both on the podium"),
        TieCase(scoring: .speed, answers: ["RR", "RR", "RR", "WR"], milliseconds: [2000, 2000, 4000, 0], ranks: [1, 1, 3, 4],
                podium: [[0, 1], [2]], testDescription: "speed: equal points, equal places"),
        TieCase(scoring: .speed, answers: ["RR", "RR", "RW", "WW"], milliseconds: [0, 1000, 0, 0], ranks: [1, 2, 3, 4],
                podium: [[0], [1], [2]], testDescription: "speed: all different"),
    ]

    @Test(arguments: ties)
    func equalScoresShareTheirPlace(_ tie: TieCase) {
        var game = lobby(tie.scoring)
        let ids = ["p1", "p2", "p3", "p4"]
        for question in 0..<2 {
            let opened = Int64(question) * 100_000
            _ = game.reduce(.nextRequested(at: at(opened)))
            for (position, player) in ids.enumerated() {
                let right = Array(tie.answers[position])[question] == "R"
                let choice = right ? Self.questions[question].correct.first! : Self.questions[question].choices.last!
                _ = game.reduce(.answerSubmitted(player: player, choice: choice, at: at(opened + tie.milliseconds[position])))
            }
            _ = game.reduce(.closeRequested)
            _ = game.reduce(.revealRequested(at: at(opened + 9999)))
        }
        #expect(ids.map { game.ranks[$0] } == tie.ranks)
        let podium = game.standings(upTo: 3)
        #expect(podium.map { $0.players.map { ids.firstIndex(of: $0.id)! } } == tie.podium)
        #expect(podium.map(\.rank) == tie.podium.map { tie.ranks[$0[0]] })
    }

    @Test func theRoomSeesHowManyGotItRightAndWhichWrongAnswersWereChosen() {
        var game = lobby()
        #expect(!game.ranking && QuizGame(questions: Self.questions, ranking: true).ranking)
        _ = game.reduce(.nextRequested(at: at(0)))
        for (player, choice) in [("p1", "city"), ("p2", "caf"), ("p3", "city"), ("p4", "bank")] {
            _ = game.reduce(.answerSubmitted(player: player, choice: choice, at: at(500)))
        }
        #expect(game.rightCount(of: 0) == (right: 1, answered: 4))
        #expect(game.wrongChoices(of: 0).map(\.choice) == ["city", "bank"])
        #expect(game.wrongChoices(of: 0).map(\.count) == [2, 1])
        #expect(game.wrongChoices(of: 1).isEmpty && game.rightCount(of: 1) == (right: 0, answered: 0))
    }

    @Test func oneAnswerPerPlayerPerQuestionAndTheServerOwnsTheTime() {
        var game = lobby()
        #expect(game.reduce(.answerSubmitted(player: "p1", choice: "caf", at: at(1))) == [.refused(player: "p1", .noQuestionOpen)])
        #expect(game.reduce(.nextRequested(at: at(1000))) == [.questionOpened(index: 0, closesAt: at(21_000))])
        let first = game.reduce(.answerSubmitted(player: "p1", choice: "caf", at: at(3000)))
        let answer = QuizAnswer(player: "p1", choice: "caf", correct: true, points: 1000, milliseconds: 2000, language: "ar")
        #expect(first == [.acknowledged(player: "p1", question: 0), .recordAnswer(index: 0, answer), .answerCountChanged(index: 0, count: 1)])
        #expect(game.reduce(.answerSubmitted(player: "p1", choice: "bank", at: at(4000))) == [.refused(player: "p1", .alreadyAnswered)])
        #expect(game.reduce(.answerSubmitted(player: "p2", choice: "nope", at: at(4000))) == [.refused(player: "p2", .unknownChoice)])
        #expect(game.reduce(.answerSubmitted(player: "ghost", choice: "caf", at: at(4000))) == [.refused(player: "ghost", .unknownPlayer)])
        #expect(game.reduce(.answerSubmitted(player: "p2", choice: "bank", at: at(21_001))) == [.refused(player: "p2", .late)])
        #expect(game.reduce(.clockTicked(at: at(20_999))) == [])
        #expect(game.reduce(.clockTicked(at: at(21_000))) == [.answersLocked(index: 0)])
        #expect(game.reduce(.answerSubmitted(player: "p2", choice: "bank", at: at(21_000))) == [.refused(player: "p2", .late)])
        #expect(game.reduce(.revealRequested(at: at(30_000))) == [.questionClosed(index: 0)])
        #expect(game.reduce(.answerSubmitted(player: "p2", choice: "bank", at: at(30_001))) == [.refused(player: "p2", .late)])
    }

    @Test func speedScoringRewardsQuickRightAnswers() {
        var game = lobby(.speed)
        _ = game.reduce(.nextRequested(at: at(0)))
        _ = game.reduce(.answerSubmitted(player: "p1", choice: "caf", at: at(0)))
        _ = game.reduce(.answerSubmitted(player: "p2", choice: "caf", at: at(10_000)))
        _ = game.reduce(.answerSubmitted(player: "p3", choice: "caf", at: at(20_000)))
        _ = game.reduce(.answerSubmitted(player: "p4", choice: "bank", at: at(1000)))
        #expect(["p1", "p2", "p3", "p4"].map { game.players[$0]!.points } == [1000, 750, 500, 0])
        #expect(game.leaderboard.map(\.id) == ["p1", "p2", "p3", "p4"])
    }

    @Test func theRoomSeesWhatItGotWrongOverallAndPerLanguage() {
        var game = lobby()
        _ = game.reduce(.playerJoined(id: "p5", nickname: "Nour", language: "ar", participant: "kiosk-7", at: at(0)))
        _ = game.reduce(.nextRequested(at: at(0)))
        for (player, choice) in [("p1", "bank"), ("p2", "caf"), ("p3", "caf"), ("p4", "caf"), ("p5", "bank")] {
            _ = game.reduce(.answerSubmitted(player: player, choice: choice, at: at(500)))
        }
        _ = game.reduce(.closeRequested)
        _ = game.reduce(.revealRequested(at: at(600)))
        let (overall, byLanguage) = game.distribution(of: 0)
        #expect(overall == ["caf": 3, "bank": 2, "city": 0])
        #expect(byLanguage == ["ar": ["bank": 2], "ti": ["caf": 1], "zh": ["caf": 1], "prs": ["caf": 1]])
        _ = game.reduce(.nextRequested(at: at(1000)))
        for player in ["p1", "p2", "p3", "p4", "p5"] {
            _ = game.reduce(.answerSubmitted(player: player, choice: "true", at: at(1500)))
        }
        _ = game.reduce(.clockTicked(at: at(11_000)))
        _ = game.reduce(.revealRequested(at: at(11_500)))
        #expect(game.mostMissed.map(\.index) == [0, 1])
        #expect(game.mostMissed.first?.rightShare == 0.6)
        #expect(game.reduce(.nextRequested(at: at(12_000))) == [.finished])
        #expect(game.reduce(.answerSubmitted(player: "p1", choice: "true", at: at(12_001))) == [.refused(player: "p1", .gameOver)])
        // A phone that slept through the end is told its result when it comes back (it waited for ever before);
        // someone new is not let in.
        _ = game.reduce(.playerLeft(id: "p2"))
        #expect(game.reduce(.playerRejoined(id: "p2")) == [.joined(player: "p2")])
        #expect(game.reduce(.playerRejoined(id: "nobody")) == [])
        #expect(game.reduce(.playerJoined(id: "p9", nickname: "Late", language: "fr", participant: nil, at: at(12_002))) == [])
    }

    @Test func aDroppedPlayerRejoinsWithTheirScore() {
        var game = lobby()
        _ = game.reduce(.nextRequested(at: at(0)))
        _ = game.reduce(.answerSubmitted(player: "p2", choice: "caf", at: at(100)))
        #expect(game.reduce(.playerLeft(id: "p2")) == [.playersChanged])
        #expect(game.players["p2"]?.connected == false)
        #expect(game.reduce(.playerRejoined(id: "p2")) == [.joined(player: "p2"), .playersChanged])
        #expect(game.players["p2"]?.points == 1000)
        #expect(game.reduce(.playerRejoined(id: "nobody")) == [.refused(player: "nobody", .unknownPlayer)])
    }

    @Test func pauseSkipKickAndTeams() {
        var game = lobby(.speed, teams: 2)
        #expect(game.players.values.map(\.team).compactMap { $0 }.sorted() == [0, 0, 1, 1])
        _ = game.reduce(.nextRequested(at: at(0)))
        #expect(game.reduce(.pauseRequested(at: at(5000))) == [.paused(remaining: 15_000)])
        // Paused, not late: the question opens again.
        #expect(game.reduce(.answerSubmitted(player: "p1", choice: "caf", at: at(6000))) == [.refused(player: "p1", .paused)])
        #expect(game.reduce(.resumeRequested(at: at(60_000))) == [.resumed(closesAt: at(75_000))])
        // Time paused does not count: answered 5 s after the opening, as far as speed goes.
        _ = game.reduce(.answerSubmitted(player: "p1", choice: "caf", at: at(60_000)))
        #expect(game.answers[0]?["p1"]?.milliseconds == 5000)
        #expect(game.players["p1"]?.points == 875)
        #expect(game.reduce(.skipRequested) == [.questionSkipped(index: 0)])
        #expect(game.players["p1"]?.points == 0)
        // The answer is kept, marked skipped and worth nothing, not dropped.
        #expect(game.answers[0]?["p1"] == QuizAnswer(player: "p1", choice: "caf", correct: true, points: 0, milliseconds: 5000,
                                                      language: "ar", skipped: true))
        #expect(game.reduce(.answerSubmitted(player: "p2", choice: "caf", at: at(60_500))) == [.refused(player: "p2", .late)])
        #expect(game.mostMissed.isEmpty)
        _ = game.reduce(.nextRequested(at: at(61_000)))
        _ = game.reduce(.answerSubmitted(player: "p2", choice: "true", at: at(61_000)))
        _ = game.reduce(.answerSubmitted(player: "p3", choice: "false", at: at(61_000)))
        #expect(game.teamStandings.map(\.team) == [1, 0])
        #expect(game.reduce(.kickRequested(player: "p3")) == [.kicked(player: "p3"), .playersChanged])
        #expect(game.leaderboard.map(\.id) == ["p2", "p1", "p4"])
    }

    /// One step of the facilitator's flow: from a game brought to `setup`, `event` gives `effects` and leaves `phase`.
    struct Step: Sendable, CustomTestStringConvertible {
        let name: String
        let setup: [QuizEvent]
        let event: QuizEvent
        let effects: [QuizEffect]
        let phase: QuizGame.Phase
        var testDescription: String { name }
    }

    static let open: [QuizEvent] = [.nextRequested(at: Instant(milliseconds: 1_000_000))]
    static let closes = Instant(milliseconds: 1_020_000)

    @Test(arguments: [
        Step(name: "time up locks the answers, the right one not shown", setup: open, event: .clockTicked(at: closes),
             effects: [.answersLocked(index: 0)], phase: .closed(index: 0)),
        Step(name: "the facilitator closes early", setup: open, event: .closeRequested,
             effects: [.answersLocked(index: 0)], phase: .closed(index: 0)),
        Step(name: "a paused question closes too", setup: open + [.pauseRequested(at: Instant(milliseconds: 1_005_000))],
             event: .closeRequested, effects: [.answersLocked(index: 0)], phase: .closed(index: 0)),
        Step(name: "no reveal while answers are open", setup: open, event: .revealRequested(at: closes),
             effects: [], phase: .question(index: 0, closesAt: closes)),
        Step(name: "the reveal shows the results", setup: open + [.closeRequested], event: .revealRequested(at: closes),
             effects: [.questionClosed(index: 0)], phase: .results(index: 0)),
        Step(name: "no next question before the reveal", setup: open + [.closeRequested], event: .nextRequested(at: closes),
             effects: [], phase: .closed(index: 0)),
        Step(name: "the next question after the reveal", setup: open + [.closeRequested, .revealRequested(at: closes)],
             event: .nextRequested(at: closes), effects: [.questionOpened(index: 1, closesAt: closes.adding(milliseconds: 10_000))],
             phase: .question(index: 1, closesAt: closes.adding(milliseconds: 10_000))),
        Step(name: "a late answer while locked", setup: open + [.closeRequested],
             event: .answerSubmitted(player: "p1", choice: "caf", at: Instant(milliseconds: 1_001_000)),
             effects: [.refused(player: "p1", .late)], phase: .closed(index: 0)),
        Step(name: "a locked question can still be cancelled", setup: open + [.closeRequested], event: .skipRequested,
             effects: [.questionSkipped(index: 0)], phase: .results(index: 0)),
        Step(name: "closing twice does nothing", setup: open + [.closeRequested], event: .closeRequested,
             effects: [], phase: .closed(index: 0)),
    ])
    func theRightAnswerShowsOnlyWhenTheFacilitatorRevealsIt(_ step: Step) {
        var game = lobby()
        for event in step.setup { _ = game.reduce(event) }
        #expect(game.reduce(step.event) == step.effects)
        #expect(game.phase == step.phase)
    }

    /// A join after `setup`, as the shell sends it: `id` is the device's player when the device is known.
    struct Door: Sendable, CustomTestStringConvertible {
        let name: String
        let setup: [QuizEvent]
        let event: QuizEvent
        let effects: [QuizEffect]
        var testDescription: String { name }
    }

    static func joins(_ id: String, _ nickname: String) -> QuizEvent {
        .playerJoined(id: id, nickname: nickname, language: "fr", participant: nil, at: Instant(milliseconds: 1_000_000))
    }

    @Test(arguments: [
        Door(name: "open: a newcomer joins", setup: [], event: joins("p9", "Zoé"), effects: [.joined(player: "p9"), .playersChanged]),
        Door(name: "locked: a newcomer is refused", setup: [.lockRequested(true)], event: joins("p9", "Zoé"),
             effects: [.refused(player: "p9", .locked)]),
        Door(name: "locked: a player already in comes back", setup: [.lockRequested(true), .playerLeft(id: "p2")],
             event: .playerRejoined(id: "p2"), effects: [.joined(player: "p2"), .playersChanged]),
        Door(name: "locked: the same device joining again is the same player", setup: [.lockRequested(true)],
             event: joins("p2", "Dawit"), effects: [.joined(player: "p2"), .playersChanged]),
        Door(name: "unlocked again: a newcomer joins", setup: [.lockRequested(true), .lockRequested(false)], event: joins("p9", "Zoé"),
             effects: [.joined(player: "p9"), .playersChanged]),
        Door(name: "locking twice says nothing", setup: [.lockRequested(true)], event: .lockRequested(true), effects: []),
        Door(name: "locking says so", setup: [], event: .lockRequested(true), effects: [.lockChanged(locked: true)]),
        Door(name: "a removed player's device is barred", setup: [.kickRequested(player: "p3")], event: .playerRejoined(id: "p3"),
             effects: [.refused(player: "p3", .barred)]),
        Door(name: "with another nickname too", setup: [.kickRequested(player: "p3")], event: joins("p3", "Li2"),
             effects: [.refused(player: "p3", .barred)]),
        Door(name: "and after the end", setup: [.kickRequested(player: "p3"), .endRequested], event: .playerRejoined(id: "p3"),
             effects: [.refused(player: "p3", .barred)]),
        Door(name: "the removed player's nickname is free for someone else", setup: [.kickRequested(player: "p3")],
             event: joins("p9", "Li"), effects: [.joined(player: "p9"), .playersChanged]),
    ])
    func theFacilitatorLocksTheDoorAndRemovedPlayersStayOut(_ door: Door) {
        var game = lobby()
        for event in door.setup { _ = game.reduce(event) }
        #expect(game.reduce(door.event) == door.effects)
    }

    // MARK: - Room mode: teams keyed by the facilitator

    static let room = ["Équipe A", "Équipe B", "Équipe C"]
    static let teamA = "team:Équipe A"
    static let teamB = "team:Équipe B"

    /// What the facilitator keyed before (`setup`), the key pair now (`event`), what the game says, and team B's
    /// answer and points after it. Question 0's choices: 1 caf (right), 2 bank, 3 city; 20 s; opened at 0.
    struct Keyed: Sendable, CustomTestStringConvertible {
        let name: String
        let setup: [QuizEvent]
        let event: QuizEvent
        let effects: [QuizEffect]
        var choiceOfB: String? = nil
        var pointsOfB = 0
        var testDescription: String { name }
    }

    static func key(_ team: Character, _ option: Int, _ ms: Int64 = 3000) -> QuizEvent {
        .teamAnswerKeyed(team: team, option: option, at: Instant(milliseconds: 1_000_000 + ms))
    }
    static func answer(_ team: String, _ choice: String, _ ms: Int64 = 3000, points: Int = 0, skipped: Bool = false) -> QuizAnswer {
        QuizAnswer(player: team, choice: choice, correct: choice == "caf", points: points, milliseconds: ms, language: "fr", skipped: skipped)
    }

    @Test(arguments: [
        Keyed(name: "record: b1 is team B's first choice, right, in either case", setup: open, event: key("B", 1),
              effects: [.teamAnswered(team: teamB, index: 0, choice: "caf", replaced: nil), .answerCountChanged(index: 0, count: 1)],
              choiceOfB: "caf", pointsOfB: 1000),
        Keyed(name: "replace: b2 after b1 takes the point back and says what it replaced", setup: open + [key("b", 1)],
              event: key("b", 2, 5000),
              effects: [.teamAnswered(team: teamB, index: 0, choice: "bank", replaced: "caf"), .answerCountChanged(index: 0, count: 1)],
              choiceOfB: "bank", pointsOfB: 0),
        Keyed(name: "replace with the same choice: still one answer", setup: open + [key("b", 2)], event: key("b", 2),
              effects: [.teamAnswered(team: teamB, index: 0, choice: "bank", replaced: "bank"), .answerCountChanged(index: 0, count: 1)],
              choiceOfB: "bank"),
        Keyed(name: "unknown team: d in a room of three", setup: open, event: key("d", 1),
              effects: [.refused(player: "d", .unknownTeam)]),
        Keyed(name: "unknown team: a digit is no letter", setup: open, event: key("1", 1),
              effects: [.refused(player: "1", .unknownTeam)]),
        Keyed(name: "unknown option: b4 with three choices", setup: open, event: key("b", 4),
              effects: [.refused(player: teamB, .unknownChoice)]),
        Keyed(name: "unknown option: b0", setup: open + [key("b", 2)], event: key("b", 0),
              effects: [.refused(player: teamB, .unknownChoice)], choiceOfB: "bank"),
        Keyed(name: "in the lobby: no question", setup: [], event: key("b", 1), effects: [.refused(player: teamB, .noQuestionOpen)]),
        Keyed(name: "after the time is up", setup: open, event: key("b", 1, 20_001), effects: [.refused(player: teamB, .late)]),
        Keyed(name: "after close (v): the answer stays as keyed", setup: open + [key("b", 2), .closeRequested], event: key("b", 1),
              effects: [.refused(player: teamB, .late)], choiceOfB: "bank"),
        Keyed(name: "after the reveal", setup: open + [.closeRequested, .revealRequested(at: Instant(milliseconds: 1_009_000))],
              event: key("b", 1), effects: [.refused(player: teamB, .late)]),
        Keyed(name: "during a pause: recorded, the clock's time at the pause", setup: open + [.pauseRequested(at: Instant(milliseconds: 1_004_000))],
              event: key("b", 1, 9000),
              effects: [.teamAnswered(team: teamB, index: 0, choice: "caf", replaced: nil), .answerCountChanged(index: 0, count: 1)],
              choiceOfB: "caf", pointsOfB: 1000),
        Keyed(name: "skipped question: refused after, worth nothing before", setup: open + [key("b", 1), .skipRequested], event: key("b", 1),
              effects: [.refused(player: teamB, .late)], choiceOfB: "caf", pointsOfB: 0),
        Keyed(name: "after the end", setup: open + [.endRequested], event: key("b", 1), effects: [.refused(player: teamB, .gameOver)]),
    ])
    func theFacilitatorKeysTheTeamsAnswers(_ keyed: Keyed) {
        var game = QuizGame(questions: Self.questions, room: Self.room)
        for event in keyed.setup { _ = game.reduce(event) }
        #expect(game.reduce(keyed.event) == keyed.effects)
        #expect(game.answers[0]?[Self.teamB]?.choice == keyed.choiceOfB)
        #expect(game.players[Self.teamB]?.points == keyed.pointsOfB)
        #expect(game.answers[0]?.count ?? 0 <= 1, "one answer per team, however often it is keyed")
    }

    @Test func theTeamsArePlayersFromTheStartNamedByTheirLetters() {
        let game = QuizGame(questions: Self.questions, room: Self.room)
        #expect(game.order == ["team:Équipe A", "team:Équipe B", "team:Équipe C"])
        #expect(game.players.values.map(\.nickname).sorted() == Self.room)
        #expect(game.players.values.allSatisfy { $0.connected })
        #expect(game.roomTeam("c") == "team:Équipe C" && game.roomTeam("C") == "team:Équipe C")
        #expect(game.roomTeam("d") == nil && game.roomTeam("é") == nil)
        #expect(QuizGame(questions: Self.questions, room: (0..<20).map { "T\($0)" }).roomTeams.count == QuizGame.maxRoomTeams)
        #expect(QuizGame(questions: Self.questions).roomTeams.isEmpty)
    }

    /// A keyed answer may still change until the answers lock: it goes to the data file then, once, with its last
    /// choice; a question skipped while open, or a game ended, writes what was keyed (as phones' answers are written).
    struct Written: Sendable, CustomTestStringConvertible {
        let name: String
        let keys: [QuizEvent]
        let event: QuizEvent
        let effects: [QuizEffect]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Written(name: "v locks: each team's last choice, in letter order", keys: [key("b", 3), key("a", 1, 2000), key("b", 1, 4000)],
                event: .closeRequested,
                effects: [.answersLocked(index: 0), .recordAnswer(index: 0, answer(teamA, "caf", 2000, points: 1000)),
                          .recordAnswer(index: 0, answer(teamB, "caf", 4000, points: 1000))]),
        Written(name: "the time runs out", keys: [key("c", 2)], event: .clockTicked(at: Instant(milliseconds: 1_020_000)),
                effects: [.answersLocked(index: 0), .recordAnswer(index: 0, answer("team:Équipe C", "bank"))]),
        Written(name: "skipped while open: written as skipped, worth nothing", keys: [key("a", 1)], event: .skipRequested,
                effects: [.questionSkipped(index: 0), .recordAnswer(index: 0, answer(teamA, "caf", skipped: true))]),
        Written(name: "skipped once locked: already written", keys: [key("a", 1), .closeRequested], event: .skipRequested,
                effects: [.questionSkipped(index: 0)]),
        Written(name: "ended while open (e e)", keys: [key("a", 2)], event: .endRequested,
                effects: [.recordAnswer(index: 0, answer(teamA, "bank")), .finished]),
        Written(name: "nobody keyed: nothing to write", keys: [], event: .closeRequested, effects: [.answersLocked(index: 0)]),
    ])
    func aTeamsAnswerIsWrittenOnceWhenTheAnswersLock(_ written: Written) {
        var game = QuizGame(questions: Self.questions, room: Self.room)
        for event in Self.open + written.keys {
            let effects = game.reduce(event)
            guard case .teamAnswerKeyed = event else { continue }
            #expect(!effects.contains { if case .recordAnswer = $0 { true } else { false } }, "not written while it may change")
        }
        #expect(game.reduce(written.event) == written.effects)
    }

    @Test func theRoomsResultsAndPodiumCountTeamsLikePlayers() {
        var game = QuizGame(questions: Self.questions, ranking: true, room: Self.room)
        for event in Self.open + [Self.key("a", 1), Self.key("b", 2), Self.key("c", 1), .closeRequested,
                                  .revealRequested(at: Instant(milliseconds: 1_010_000))] {
            _ = game.reduce(event)
        }
        #expect(game.rightCount(of: 0) == (right: 2, answered: 3))
        #expect(game.wrongChoices(of: 0).map(\.choice) == ["bank"])
        // A and C tie: both first, B third.
        #expect(game.standings(upTo: 3).map { $0.players.map(\.nickname) } == [["Équipe A", "Équipe C"], ["Équipe B"]])
        #expect(game.ranks[Self.teamB] == 3)
    }

    @Test func questionsComeFromTheModulesQuizSteps() {
        let module = TestModule.module(TestModule.yaml.replacingOccurrences(
            of: "    explanation: \"C'est la CAF.\"\n", with: "    explanation: \"C'est la CAF.\"\n    quiz: {time: 25}\n"))
        #expect(QuizQuestion.questions(of: module) == [QuizQuestion(stepID: "who", choices: ["caf", "bank", "city"], correct: ["caf"], seconds: 25)])
        #expect(QuizQuestion.questions(of: module, only: ["tf", "word", "who"], seconds: 15) == [
            QuizQuestion(stepID: "tf", choices: ["true", "false"], correct: ["true"], seconds: 15),
            QuizQuestion(stepID: "who", choices: ["caf", "bank", "city"], correct: ["caf"], seconds: 15),
        ])
    }
}
