import AtelierText

/// The group quiz as a pure state machine, the second one of the engine: players join, leave and rejoin; the
/// facilitator opens, closes, reveals, pauses, skips, locks the door and removes players; one answer per player
/// per question, late ones refused; scores by accuracy, or accuracy and speed; distributions overall and per
/// language; teams. Ranking players is an option (`ranking`): a workshop's room sees what it understood, not who
/// is last.
public struct QuizGame: Hashable, Sendable {
    public enum Scoring: String, Hashable, Sendable, CaseIterable { case accuracy, speed }

    public enum Phase: Hashable, Sendable {
        case lobby
        case question(index: Int, closesAt: Instant)
        case paused(index: Int, remaining: Int64)
        /// Time is up (or the facilitator closed it): answers are locked, the right one is not shown yet, so the
        /// room can talk about it before the facilitator reveals it.
        case closed(index: Int)
        /// The results of a closed question are on the projector.
        case results(index: Int)
        case finished
    }

    public let questions: [QuizQuestion]
    public let scoring: Scoring
    public let teams: Int
    /// Whether the room and the phones see places (a leaderboard, a podium, "your place"). Off by default: in a
    /// workshop the room sees how many got it right and which wrong answers were chosen, and each phone its
    /// own result only.
    public let ranking: Bool
    public private(set) var phase: Phase = .lobby
    public private(set) var players: [String: QuizPlayer] = [:]
    /// In joining order, for stable lists and round-robin teams.
    public private(set) var order: [String] = []
    public private(set) var answers: [Int: [String: QuizAnswer]] = [:]
    public private(set) var openedAt: [Int: Instant] = [:]
    public private(set) var skipped: Set<Int> = []
    /// The players' nicknames by matching key and by look-alike skeleton, kept as they join: a join compares its
    /// nickname with the room's in one look-up, not by recomputing every other player's key.
    private var nicknameKeys: [MatchKey: String] = [:]
    private var skeletons: [ConfusableSkeleton: String] = [:]
    /// No new player may join (the facilitator's `x`); players already in still come back.
    public private(set) var locked = false
    /// Players the facilitator removed: the shell keeps their device's id for them, so that the same device is
    /// refused for the rest of the game, whatever nickname it brings.
    public private(set) var barred: Set<String> = []
    /// Room mode (`atelier quiz host --room N`): the teams that answer aloud, as players, in letter order (A, B,
    /// C…). Empty in a game with phones.
    public let roomTeams: [String]

    /// `room`: the teams' names in letter order, for a room without phones: each is a player from the start,
    /// whose answers the facilitator keys (`teamAnswerKeyed`).
    public init(questions: [QuizQuestion], scoring: Scoring = .accuracy, teams: Int = 0, ranking: Bool = false,
                room: [String] = []) {
        self.questions = questions
        self.scoring = scoring
        self.teams = max(0, teams)
        self.ranking = ranking
        let names = room.prefix(Self.maxRoomTeams)
        roomTeams = names.map(Self.roomTeamID)
        for (id, name) in zip(roomTeams, names) {
            // Never disconnected: "answers: 2 of 4" counts the teams in the room.
            players[id] = QuizPlayer(id: id, nickname: name, language: "fr", team: nil, connected: true, points: 0, participant: nil)
            order.append(id)
            nicknameKeys[MatchKey(name, locale: "root")] = id
        }
    }

    /// A to L: one key each on the facilitator's keyboard.
    public static let maxRoomTeams = 12
    /// A team's player id: its name after a prefix no phone's id has (`p-…`), so that the data file, which keeps
    /// ids and not nicknames, still says which team answered (`atelier progress export --session`).
    public static let roomTeamPrefix = "team:"
    public static func roomTeamID(_ name: String) -> String { roomTeamPrefix + name }

    /// The team of a letter the facilitator typed, in either case.
    public func roomTeam(_ letter: Character) -> String? {
        guard let scalar = letter.uppercased().unicodeScalars.first, letter.unicodeScalars.count == 1,
              (65..<(65 + UInt32(roomTeams.count))).contains(scalar.value) else { return nil }
        return roomTeams[Int(scalar.value) - 65]
    }

    /// The letter of the team at `position` in `roomTeams`.
    public static func roomLetter(_ position: Int) -> Character { Character(UnicodeScalar(UInt8(65 + position))) }

    public mutating func reduce(_ event: QuizEvent) -> [QuizEffect] {
        switch event {
        case .playerJoined(let id, _, _, _, _) where barred.contains(id), .playerRejoined(let id) where barred.contains(id):
            return [.refused(player: id, .barred)]
        default: break
        }
        if phase == .finished {
            switch event {
            case .answerSubmitted(let player, _, _): return [.refused(player: player, .gameOver)]
            case .teamAnswerKeyed(let letter, _, _): return [.refused(player: roomTeam(letter) ?? String(letter), .gameOver)]
            case .playerRejoined(let id) where players[id] != nil:
                // A phone that slept through the end wakes up: it gets its result, not a page waiting for ever.
                players[id]?.connected = true
                return [.joined(player: id)]
            default: return []
            }
        }
        switch event {
        case .playerJoined(let id, let nickname, let language, let participant, _):
            return join(id: id, nickname: nickname, language: language, participant: participant)
        case .playerLeft(let id):
            guard players[id]?.connected == true else { return [] }
            players[id]?.connected = false
            return [.playersChanged]
        case .playerRejoined(let id):
            guard players[id] != nil else { return [.refused(player: id, .unknownPlayer)] }
            players[id]?.connected = true
            return [.joined(player: id), .playersChanged]
        case .answerSubmitted(let player, let choice, let at):
            return answer(player: player, choice: choice, at: at)
        case .teamAnswerKeyed(let letter, let option, let at):
            return keyed(letter: letter, option: option, at: at)
        case .nextRequested(let at):
            switch phase {
            case .lobby, .results:
                let next = (currentIndex ?? -1) + 1
                guard next < questions.count else {
                    phase = .finished
                    return [.finished]
                }
                let closesAt = at.adding(milliseconds: Int64(questions[next].seconds) * 1000)
                phase = .question(index: next, closesAt: closesAt)
                openedAt[next] = at
                return [.questionOpened(index: next, closesAt: closesAt)]
            default:
                return []
            }
        case .clockTicked(let at):
            guard case .question(let index, let closesAt) = phase, at >= closesAt else { return [] }
            phase = .closed(index: index)
            return [.answersLocked(index: index)] + recordTeamAnswers(index)
        case .closeRequested:
            switch phase {
            case .question(let index, _), .paused(let index, _):
                phase = .closed(index: index)
                return [.answersLocked(index: index)] + recordTeamAnswers(index)
            default:
                return []
            }
        case .revealRequested:
            // Only once the answers are locked: the right answer never shows while someone may still answer.
            guard case .closed(let index) = phase else { return [] }
            phase = .results(index: index)
            return [.questionClosed(index: index)]
        case .pauseRequested(let at):
            guard case .question(let index, let closesAt) = phase else { return [] }
            let remaining = max(0, closesAt.milliseconds - at.milliseconds)
            phase = .paused(index: index, remaining: remaining)
            return [.paused(remaining: remaining)]
        case .resumeRequested(let at):
            guard case .paused(let index, let remaining) = phase else { return [] }
            let closesAt = at.adding(milliseconds: remaining)
            // Time spent paused does not count against anyone's speed.
            let used = Int64(questions[index].seconds) * 1000 - remaining
            openedAt[index] = at.adding(milliseconds: -used)
            phase = .question(index: index, closesAt: closesAt)
            return [.resumed(closesAt: closesAt)]
        case .skipRequested:
            guard let index = currentIndex, !isResults else { return [] }
            // Points already given for this question are taken back; the answers stay, marked skipped, so that
            // the record of who answered what is not silently lost (each player's result still shows their choice).
            for (player, answer) in answers[index] ?? [:] {
                players[player]?.points -= answer.points
                answers[index]?[player]?.points = 0
                answers[index]?[player]?.skipped = true
            }
            skipped.insert(index)
            // A team's answers go to the data file when the answers lock; a question skipped while open never
            // locked, so they go now, as phones' answers went when they were given.
            let unlocked = isOpen ? recordTeamAnswers(index) : []
            phase = .results(index: index)
            return [.questionSkipped(index: index)] + unlocked
        case .kickRequested(let player):
            guard players[player] != nil else { return [] }
            forget(nicknameOf: player)
            players[player] = nil
            order.removeAll { $0 == player }
            barred.insert(player)
            return [.kicked(player: player), .playersChanged]
        case .lockRequested(let lock):
            guard locked != lock else { return [] }
            locked = lock
            return [.lockChanged(locked: lock)]
        case .endRequested:
            // Ended while a question was open: the teams' answers to it are written, as phones' were.
            let unlocked = isOpen ? currentIndex.map { recordTeamAnswers($0) } ?? [] : []
            phase = .finished
            return unlocked + [.finished]
        }
    }

    // MARK: - Players

    private mutating func join(id: String, nickname: String, language: String, participant: String?) -> [QuizEffect] {
        if players[id] != nil {
            // The same device again (a locked phone, lost Wi-Fi): the same player, score kept.
            players[id]?.connected = true
            return [.joined(player: id), .playersChanged]
        }
        guard !locked else { return [.refused(player: id, .locked)] }
        let key = MatchKey(nickname, locale: "root")
        guard !key.isEmpty else { return [.refused(player: id, .nicknameEmpty)] }
        if nicknameKeys[key] != nil { return [.refused(player: id, .nicknameTaken)] }
        // Another script's letters drawn like those of a name already in the room ("Аnna" with a Cyrillic А):
        // the matching key sees two names, the room sees one.
        let forms = ConfusableSkeleton.forms(of: nickname)
        if forms.contains(where: { skeletons[$0] != nil }) { return [.refused(player: id, .nicknameLookAlike)] }
        nicknameKeys[key] = id
        for form in forms { skeletons[form] = id }
        let team = teams > 0 ? order.count % teams : nil
        players[id] = QuizPlayer(id: id, nickname: nickname, language: language, team: team, connected: true, points: 0,
                                 participant: participant)
        order.append(id)
        return [.joined(player: id), .playersChanged]
    }

    private mutating func forget(nicknameOf player: String) {
        nicknameKeys = nicknameKeys.filter { $0.value != player }
        skeletons = skeletons.filter { $0.value != player }
    }

    // MARK: - Answers

    private mutating func answer(player: String, choice: String, at: Instant) -> [QuizEffect] {
        guard let joined = players[player] else { return [.refused(player: player, .unknownPlayer)] }
        guard case .question(let index, let closesAt) = phase else {
            // The question is still open, only stopped: "paused" tells the phone to try again after the pause,
            // where "late" would say the chance is gone.
            if case .paused = phase { return [.refused(player: player, .paused)] }
            if case .results = phase { return [.refused(player: player, .late)] }
            if case .closed = phase { return [.refused(player: player, .late)] }
            return [.refused(player: player, .noQuestionOpen)]
        }
        guard at <= closesAt else { return [.refused(player: player, .late)] }
        guard answers[index]?[player] == nil else { return [.refused(player: player, .alreadyAnswered)] }
        let question = questions[index]
        guard question.choices.contains(choice) else { return [.refused(player: player, .unknownChoice)] }
        let elapsed = at.since(openedAt[index])
        let correct = question.correct.contains(choice)
        let points = correct ? score(elapsed: elapsed, of: question) : 0
        let recorded = QuizAnswer(player: player, choice: choice, correct: correct, points: points, milliseconds: elapsed,
                                  language: joined.language)
        answers[index, default: [:]][player] = recorded
        players[player]?.points += points
        return [.acknowledged(player: player, question: index), .recordAnswer(index: index, recorded),
                .answerCountChanged(index: index, count: answers[index]?.count ?? 0)]
    }

    /// The facilitator keys what a team said aloud. Unlike a phone's, a team's answer may be keyed again while
    /// the question is open (the facilitator misheard, or the team changed its mind before the time was up), and
    /// during a pause (the clock stopped to catch up with what was said before it). Its time is the clock's when
    /// keyed, so the points do not depend on when the answer is written down.
    private mutating func keyed(letter: Character, option: Int, at: Instant) -> [QuizEffect] {
        guard let team = roomTeam(letter) else { return [.refused(player: String(letter), .unknownTeam)] }
        let index: Int, elapsed: Int64
        switch phase {
        case .question(let open, let closesAt):
            guard at <= closesAt else { return [.refused(player: team, .late)] }
            index = open
            elapsed = at.since(openedAt[open])
        case .paused(let open, let remaining):
            index = open
            elapsed = Int64(questions[open].seconds) * 1000 - remaining
        case .closed, .results: return [.refused(player: team, .late)]
        case .lobby, .finished: return [.refused(player: team, .noQuestionOpen)]
        }
        let question = questions[index]
        guard option >= 1, option <= question.choices.count else { return [.refused(player: team, .unknownChoice)] }
        let choice = question.choices[option - 1]
        let previous = answers[index]?[team]
        players[team]?.points -= previous?.points ?? 0
        let correct = question.correct.contains(choice)
        let points = correct ? score(elapsed: elapsed, of: question) : 0
        answers[index, default: [:]][team] = QuizAnswer(player: team, choice: choice, correct: correct, points: points,
                                                        milliseconds: max(0, elapsed), language: players[team]?.language ?? "fr")
        players[team]?.points += points
        return [.teamAnswered(team: team, index: index, choice: choice, replaced: previous?.choice),
                .answerCountChanged(index: index, count: answers[index]?.count ?? 0)]
    }

    /// The teams' answers to a question whose answers are now final, for the data file (keyed in letter order).
    private func recordTeamAnswers(_ index: Int) -> [QuizEffect] {
        roomTeams.compactMap { team in answers[index]?[team].map { .recordAnswer(index: index, $0) } }
    }

    var isOpen: Bool {
        switch phase {
        case .question, .paused: return true
        default: return false
        }
    }

    /// 1000 for a right answer; with speed scoring, from 1000 (at once) down to 500 (at the last moment).
    func score(elapsed: Int64, of question: QuizQuestion) -> Int {
        switch scoring {
        case .accuracy: return 1000
        case .speed:
            let limit = Double(question.seconds) * 1000
            let left = max(0, min(1, 1 - Double(elapsed) / limit))
            return 500 + Int((500 * left).rounded())
        }
    }

    // MARK: - Reading the game

    public var currentIndex: Int? {
        switch phase {
        case .lobby, .finished: return nil
        case .question(let index, _), .paused(let index, _), .closed(let index), .results(let index): return index
        }
    }

    var isResults: Bool {
        if case .results = phase { return true }
        return false
    }

    /// How many chose each choice, overall and per language (a question that fails in one language only
    /// points to a translation problem, not a learning gap).
    public func distribution(of index: Int) -> (overall: [String: Int], byLanguage: [String: [String: Int]]) {
        var overall: [String: Int] = [:]
        var byLanguage: [String: [String: Int]] = [:]
        for choice in questions[index].choices { overall[choice] = 0 }
        for answer in (answers[index] ?? [:]).values {
            overall[answer.choice, default: 0] += 1
            byLanguage[answer.language, default: [:]][answer.choice, default: 0] += 1
        }
        return (overall, byLanguage)
    }

    /// Players by points, equal points in joining order. The order of a list only: players with equal points
    /// have the same place (`ranks`), whatever their answer times. In accuracy scoring the rule said "1000 per
    /// right answer", and a hidden tie-break by speed would rank people by a rule nobody was told; in speed
    /// scoring the time is in the points already.
    public var leaderboard: [QuizPlayer] {
        order.compactMap { players[$0] }.enumerated().sorted { a, b in
            a.element.points != b.element.points ? a.element.points > b.element.points : a.offset < b.offset
        }.map(\.element)
    }

    /// Each player's place, shared by equal points: 1, 1, 3 (two first, nobody second).
    public var ranks: [String: Int] {
        var ranks: [String: Int] = [:]
        var previous: (points: Int, rank: Int)?
        for (position, player) in leaderboard.enumerated() {
            let rank = previous.map { $0.points == player.points ? $0.rank : position + 1 } ?? 1
            ranks[player.id] = rank
            previous = (player.points, rank)
        }
        return ranks
    }

    /// The places up to `last` with everyone who holds them, in order: the podium is `standings(upTo: 3)`, and
    /// has as many people as share its places.
    public func standings(upTo last: Int) -> [(rank: Int, points: Int, players: [QuizPlayer])] {
        let ranks = self.ranks
        var standings: [(rank: Int, points: Int, players: [QuizPlayer])] = []
        for player in leaderboard {
            guard let rank = ranks[player.id], rank <= last else { break }
            if standings.last?.rank == rank {
                standings[standings.count - 1].players.append(player)
            } else {
                standings.append((rank, player.points, [player]))
            }
        }
        return standings
    }

    /// How many answered a question, and how many of them rightly.
    public func rightCount(of index: Int) -> (right: Int, answered: Int) {
        let given = (answers[index] ?? [:]).values
        return (given.filter(\.correct).count, given.count)
    }

    /// What was misunderstood: the wrong choices that were chosen, the most chosen first (then in the question's
    /// order).
    public func wrongChoices(of index: Int) -> [(choice: String, count: Int)] {
        let question = questions[index]
        let overall = distribution(of: index).overall
        return question.choices.enumerated()
            .filter { !question.correct.contains($0.element) && (overall[$0.element] ?? 0) > 0 }
            .sorted { a, b in
                let (x, y) = (overall[a.element]!, overall[b.element]!)
                return x != y ? x > y : a.offset < b.offset
            }
            .map { ($0.element, overall[$0.element]!) }
    }

    /// Teams by the average points of their members (fair when teams differ in size).
    public var teamStandings: [(team: Int, points: Double)] {
        guard teams > 0 else { return [] }
        return (0..<teams).map { team in
            let members = players.values.filter { $0.team == team }
            let average = members.isEmpty ? 0 : Double(members.map(\.points).reduce(0, +)) / Double(members.count)
            return (team, average)
        }.sorted { $0.points != $1.points ? $0.points > $1.points : $0.team < $1.team }
    }

    /// Questions by share of right answers, the most missed first (skipped ones left out).
    public var mostMissed: [(index: Int, rightShare: Double)] {
        questions.indices.filter { !skipped.contains($0) && answers[$0] != nil }.map { index in
            let given = answers[index]!.values
            return (index, Double(given.filter(\.correct).count) / Double(max(1, given.count)))
        }.sorted { $0.rightShare != $1.rightShare ? $0.rightShare < $1.rightShare : $0.index < $1.index }
    }
}
