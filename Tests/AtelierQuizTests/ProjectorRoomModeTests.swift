import AtelierEngine
@testable import AtelierQuiz
import AtelierText
import Foundation
import Testing

/// A room without phones (`atelier quiz host --room N`): the projector shows the teams and which of them have
/// answered, never what; the facilitator's keys `b3` record team B's third choice and say so on the status line.
@Suite struct ProjectorRoomModeTests {
    static let content = try! QuizTestHost.content(only: ["who-owns", "vote-rule"])
    static let teams = ["Équipe A", "Équipe B", "Équipe C", "Équipe D"]
    let room = ProjectorScreen.Room(address: "", code: "", session: "quiz-5eed")
    func at(_ seconds: Int) -> Instant { Instant(milliseconds: Int64(seconds) * 1000) }

    func render(_ game: QuizGame, width: Int, height: Int, now: Int = 0, notice: String? = nil) -> [String] {
        var room = self.room
        room.notice = notice
        return ProjectorScreen(content: Self.content, style: TerminalStyle(width: width, height: height, color: false))
            .render(game, room: room, now: at(now)).rows
    }

    func check(_ rows: [String], width: Int, height: Int) {
        #expect(rows.count <= height, "\(rows.count) rows for \(height)")
        for row in rows {
            #expect(DisplayWidth.of(row) <= width, "too wide: \(row)")
            #expect(!row.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) }, "control in \(row.debugDescription)")
        }
    }

    /// Question 1 open, B and D keyed (D twice: misheard), A and C not yet.
    func answered() -> QuizGame {
        var game = QuizGame(questions: Self.content.questions, room: Self.teams)
        _ = game.reduce(.nextRequested(at: at(0)))
        for (team, option) in [("b", 1), ("d", 3), ("d", 2)] {
            _ = game.reduce(.teamAnswerKeyed(team: Character(team), option: option, at: at(4)))
        }
        return game
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func aQuestionShowsWhichTeamsHaveAnsweredAndNotWhat(width: Int, height: Int) throws {
        let rows = render(answered(), width: width, height: height, now: 6, notice: "Équipe D : réponse corrigée, la précédente est remplacée.")
        check(rows, width: width, height: height)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("Question 1 sur 2"))
        #expect(text.contains("Réponses : 2 sur 4"), "\(text)")
        #expect(text.contains("Équipes : A ·   B ✓   C ·   D ✓"), "\(text)")
        #expect(text.contains("1 ▲") && text.contains("3 ■"))
        #expect(text.contains("réponse corrigée"))
        // What B and D chose is nowhere: no distribution, no tick beside a choice, no count per choice.
        #expect(!text.contains("répartition") && !text.contains("1 sur 2 ont"))
        #expect(rows.filter { $0.contains("✓") }.count == 1)
        // The footer: the answers' keys first; a (read aloud) is a team's letter here, so reading is A.
        #expect(text.contains("a…d + n° : réponse (b3)"))
        #expect(rows.joined(separator: " ").contains("A : lire"), "\(text)")  // at 80 columns the footer wraps
        if width == 120 { #expect(rows.last?.hasSuffix("e e : fin") == true, "the footer on one row: \(rows.last ?? "")") }
        if width == 120 { Self.capture(rows, as: "question-\(width)x\(height)") }
    }

    @Test func theLobbyNamesTheTeamsAndNeedsNoPhone() {
        let rows = render(QuizGame(questions: Self.content.questions, room: Self.teams), width: 120, height: 40)
        check(rows, width: 120, height: 40)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("Mode salle, sans téléphones : 4 équipes répondent"))
        #expect(text.contains("  D   Équipe D"))
        #expect(text.contains("b3 note la réponse 3"))
        #expect(!text.contains("Code du jeu") && !text.contains("Wi-Fi") && !text.contains("▀"))
        Self.capture(rows, as: "lobby-120x40")
    }

    @Test func theRevealCountsTheTeamsLikePlayersAndTheLockedQuestionStillHidesThem() {
        var game = answered()
        _ = game.reduce(.closeRequested)
        let closed = render(game, width: 120, height: 40).joined(separator: "\n")
        #expect(closed.contains("Réponses fermées") && closed.contains("Équipes : A ·   B ✓   C ·   D ✓"))
        _ = game.reduce(.revealRequested(at: at(8)))
        let rows = render(game, width: 120, height: 40)
        check(rows, width: 120, height: 40)
        let text = rows.joined(separator: "\n")
        let question = Self.content.questions[0]
        let right = question.correct.contains(question.choices[0]) ? 1 : 0
        #expect(text.contains("\(right + (question.correct.contains(question.choices[1]) ? 1 : 0)) sur 2 ont trouvé"), "\(text)")
        #expect(!text.contains("Par langue"), "every team is \"français\": no per-language rows")
        #expect(!text.contains("Équipes :"))
        Self.capture(rows, as: "results-120x40")
    }

    /// `--ranking`: the teams on the podium, equal points sharing their place (A and C first, B third).
    @Test func withRankingTheTeamsStandOnThePodiumAndShareTheirPlaces() {
        var game = QuizGame(questions: Self.content.questions, ranking: true, room: Self.teams)
        let question = Self.content.questions[0]
        let right = question.choices.firstIndex { question.correct.contains($0) }! + 1
        let wrong = question.choices.firstIndex { !question.correct.contains($0) }! + 1
        _ = game.reduce(.nextRequested(at: at(0)))
        for (team, option) in [("a", right), ("b", wrong), ("c", right)] {
            _ = game.reduce(.teamAnswerKeyed(team: Character(team), option: option, at: at(3)))
        }
        _ = game.reduce(.endRequested)
        let rows = render(game, width: 120, height: 40)
        check(rows, width: 120, height: 40)
        let text = rows.joined(separator: "\n")
        #expect(text.contains("1er ex æquo (2) · 1000 points"), "\(text)")
        #expect(rows.contains { $0.contains("Équipe A") && $0.contains("Équipe C") })
        // D, who never answered, shares the last place with B: nobody is above another for nothing.
        #expect(text.contains("3e ex æquo (2) · 0 points"), "\(text)")
    }

    /// The screens the facilitator guide shows, written where a person can look at them
    /// (`ATELIER_CAPTURE=dir`); nothing otherwise.
    static func capture(_ rows: [String], as name: String) {
        guard let directory = ProcessInfo.processInfo.environment["ATELIER_CAPTURE"] else { return }
        try? rows.joined(separator: "\n").write(toFile: "\(directory)/room-\(name).txt", atomically: true, encoding: .utf8)
    }

    // MARK: - The keys

    static func host() throws -> (QuizHost, QuizRoom) {
        let content = try QuizTestHost.content(only: ["who-owns", "vote-rule"], seconds: 60)
        let room = QuizRoom(content: content, settings: .init(code: "", session: "s"), scoring: .accuracy, teams: 0,
                            room: teams, recorder: nil, clock: QuizTestHost.frozen)
        return (QuizHost(room: room, address: "", recorder: nil, clock: QuizTestHost.frozen), room)
    }

    /// Keys one after the other, and what the status line says after each (nil: the key is a command, handled as
    /// without teams).
    func press(_ keys: String, _ host: QuizHost, _ room: QuizRoom, pending: inout String?) async -> [String?] {
        var said: [String?] = []
        for key in keys {
            said.append(await host.roomKey(key, game: await room.game, pending: &pending))
        }
        return said
    }

    struct Keys: Sendable, CustomTestStringConvertible {
        let typed: String
        /// What the last key says (a part of it), nil when it is a command's key.
        let says: String?
        /// Each team's choice (position, 1-based) afterwards, A to D; 0: none.
        let options: [Int]
        var open = true
        var testDescription: String { "\(typed.debugDescription) \(open ? "" : "in the lobby")" }
    }

    @Test(arguments: [
        Keys(typed: "b3", says: "Équipe B : réponse notée", options: [0, 3, 0, 0]),
        Keys(typed: "B3", says: "Équipe B : réponse notée", options: [0, 3, 0, 0]),
        Keys(typed: "b3b1", says: "Équipe B : réponse corrigée, la précédente est remplacée.", options: [0, 1, 0, 0]),
        Keys(typed: "b3b3", says: "réponse notée de nouveau, la même", options: [0, 3, 0, 0]),
        Keys(typed: "a2c1", says: "Équipe C : réponse notée", options: [2, 0, 1, 0]),
        Keys(typed: "b", says: "Équipe B : le numéro de sa réponse (1 à 3) ? Échap : annuler.", options: [0, 0, 0, 0]),
        Keys(typed: "b\u{1B}", says: "« b » annulé.", options: [0, 0, 0, 0]),
        Keys(typed: "bc", says: "« b » sans numéro : rien d'enregistré. Équipe C : le numéro", options: [0, 0, 0, 0]),
        Keys(typed: "bc2", says: "Équipe C : réponse notée", options: [0, 0, 2, 0]),
        Keys(typed: "bv", says: "Après la lettre de l'équipe, le numéro de sa réponse (ex. b2)", options: [0, 0, 0, 0]),
        Keys(typed: "b7", says: "Équipe B : pas de réponse de ce numéro (1 à 3) : rien d'enregistré.", options: [0, 0, 0, 0]),
        Keys(typed: "f3", says: "Pas d'équipe « F » : les équipes vont de A à D. Rien d'enregistré.", options: [0, 0, 0, 0]),
        Keys(typed: "fb3", says: "Équipe B : réponse notée", options: [0, 3, 0, 0]),
        Keys(typed: "f", says: "Pas d'équipe « F » : les équipes vont de A à D.", options: [0, 0, 0, 0]),
        Keys(typed: "3", says: "« 3 » : d'abord la lettre de l'équipe, puis le numéro de sa réponse (ex. b3).", options: [0, 0, 0, 0]),
        Keys(typed: "b2", says: "Pas de question ouverte : rien d'enregistré pour l'équipe B.", options: [0, 0, 0, 0], open: false),
        // Commands stay commands: the capitals of the team letters, and the letters no team has.
        Keys(typed: "A", says: nil, options: [0, 0, 0, 0]),
        Keys(typed: "L", says: nil, options: [0, 0, 0, 0]),
        Keys(typed: "v", says: nil, options: [0, 0, 0, 0]),
        Keys(typed: "e", says: nil, options: [0, 0, 0, 0]),
        Keys(typed: "\r", says: nil, options: [0, 0, 0, 0]),
    ])
    func theFacilitatorKeysATeamLetterThenANumber(_ keys: Keys) async throws {
        let (host, room) = try Self.host()
        if keys.open { await room.command(.next) }
        var pending: String?
        let said = await press(keys.typed, host, room, pending: &pending)
        if let expected = keys.says {
            #expect(said.last??.contains(expected) == true, "\(said)")
        } else {
            #expect(said.last == .some(nil), "\(said)")
        }
        let game = await room.game
        let choices = game.questions[0].choices
        let options = game.roomTeams.map { team in game.answers[0]?[team].map { choices.firstIndex(of: $0.choice)! + 1 } ?? 0 }
        #expect(options == keys.options)
        // Whatever was keyed, the status line never names a choice: the room reads it.
        for text in said.compactMap({ $0 }) {
            for choice in Self.content.french(0).choices { #expect(!text.contains(choice)) }
        }
    }
}
