import AtelierEngine
import AtelierText
import Foundation

/// The imperative shell around `QuizGame`: connections, devices, the game code, the wrong-code guard, the
/// store. Every change goes through the game's reducer; its effects become messages to players. Messages
/// leave through one bounded queue per connection (`Outbox`), so that a player who never reads only loses their
/// own old messages, and nobody waits for them.
public actor QuizRoom {

    public struct Settings: Sendable {
        public var code: String
        public var session: String
        public var maxPlayers: Int
        /// The host reads questions aloud for the phones: each player gets a listen token (`ListenGate`).
        public var readAloud: Bool
        public init(code: String, session: String, maxPlayers: Int = 5000, readAloud: Bool = false) {
            self.code = code
            self.session = session
            self.maxPlayers = maxPlayers
            self.readAloud = readAloud
        }
    }

    /// What the connection's task must do after a message.
    public enum Verdict: Sendable, Equatable {
        case keep
        case close
        /// A join with a kiosk profile: the PIN check is slow on purpose, so it runs outside the room.
        case signIn(ClientMessage.JoinRequest)
    }

    struct Connection {
        let outbound: Outbox
        let address: String
        var player: String?
        var badMessages = 0
        let openedAt: Instant
        /// The language of this connection's latest `join`, when the host knows it: the phone page's own, in which
        /// the host writes the page's texts (a rejoin keeps the player's language for the questions only).
        var language: String?
    }

    public nonisolated let content: QuizContent
    public nonisolated let settings: Settings
    public private(set) var game: QuizGame
    /// Bumps on every change the projector shows.
    public private(set) var revision = 0
    /// The listen tokens and the questions asked so far, for the sound files' route (read outside the actor).
    public nonisolated let listening = ListenGate()
    /// Each player's listen token (when the host reads aloud): the same one after a rejoin.
    var listenTokens: [String: String] = [:]
    let recorder: QuizRecorder?
    let clock: @Sendable () -> Instant
    /// Wrong codes and PINs, counted per socket and per device token: never per address, since a whole class
    /// may reach the host through one Wi-Fi's address.
    var joinGuard = JoinGuard()
    var connections: [Int: Connection] = [:]
    var nextConnection = 0
    /// Kept for removed players too: their device then comes back as the same player, whom the game refuses.
    var playerByDevice: [String: String] = [:]
    var connectionByPlayer: [String: Int] = [:]
    var lobbyChanged = false
    /// PIN checks under way: each costs a PBKDF2 derivation, so a flood of them is turned away.
    var signInsInProgress = 0
    static let maximumSignIns = 8

    /// `ranking`: whether players are ranked (`atelier quiz host --ranking`); off, the phones get no place and the
    /// projector shows no leaderboard nor podium.
    /// `room`: the teams' names for a room without phones (`--room`), whose answers the facilitator keys.
    public init(content: QuizContent, settings: Settings, scoring: QuizGame.Scoring, teams: Int, ranking: Bool = false,
                room: [String] = [], recorder: QuizRecorder?, clock: @escaping @Sendable () -> Instant) {
        self.content = content
        self.settings = settings
        self.game = QuizGame(questions: content.questions, scoring: scoring, teams: teams, ranking: ranking, room: room)
        self.recorder = recorder
        self.clock = clock
    }

    // MARK: - Connections

    /// A new socket. Nil when the room is full of sockets (players, plus as many not yet joined).
    public func open(address: String) -> (id: Int, messages: AsyncStream<String>)? {
        guard connections.count < settings.maxPlayers * 2 else { return nil }
        let outbox = Outbox(limit: QuizProtocol.outboundBuffer)
        let id = nextConnection
        nextConnection += 1
        connections[id] = Connection(outbound: outbox, address: address, openedAt: clock())
        return (id, outbox.stream)
    }

    public func closed(_ id: Int) {
        guard let connection = connections.removeValue(forKey: id) else { return }
        connection.outbound.finish()
        guard let player = connection.player, connectionByPlayer[player] == id else { return }
        connectionByPlayer[player] = nil
        apply(game.reduce(.playerLeft(id: player)), from: nil)
    }

    /// No more messages for this connection: its writer sends what is queued, then ends.
    public func finishOutbound(_ id: Int) {
        connections[id]?.outbound.finish()
    }

    public func receive(_ id: Int, text: String) -> Verdict {
        guard connections[id] != nil else { return .close }
        switch ClientMessage.decode(text.utf8) {
        case .failure(let error):
            send(.error(error.code), to: id)
            connections[id]?.badMessages += 1
            if case .tooLarge = error { return .close }
            return (connections[id]?.badMessages ?? 0) >= QuizProtocol.maxBadMessages ? .close : .keep
        case .success(.join(let request)):
            return join(id, request)
        case .success(.answer(let question, let choice)):
            answer(id, question: question, choice: choice)
            return .keep
        }
    }

    // MARK: - Joining

    func join(_ id: Int, _ request: ClientMessage.JoinRequest) -> Verdict {
        guard let connection = connections[id] else { return .close }
        let now = clock()
        if connection.player != nil { send(.error(.badMessage), to: id); return .keep }
        if content.language(request.language) != nil { connections[id]?.language = request.language }
        let keys = Self.guardKeys(id, request)
        if let wait = keys.compactMap({ joinGuard.wait(for: $0, at: now) }).max() {
            send(.error(.slowDown, retryAfterMs: wait), to: id)
            return .keep
        }
        guard request.code == settings.code else {
            let wait = keys.compactMap { joinGuard.mistake(from: $0, at: now) }.max()
            send(wait.map { .error(.slowDown, retryAfterMs: $0) } ?? .error(.wrongCode), to: id)
            return .keep
        }
        if let player = playerByDevice[request.device] {
            let effects = game.reduce(.playerRejoined(id: player))
            if effects.contains(.refused(player: player, .barred)) {
                send(.kicked, to: id)
                return .close
            }
            if let previous = connectionByPlayer[player], previous != id, let old = connections[previous] {
                // The same phone on a new socket (it slept, or changed network): the old one is left to die.
                connections[previous]?.player = nil
                old.outbound.finish()
            }
            connections[id]?.player = player
            connectionByPlayer[player] = id
            for key in keys { joinGuard.success(from: key) }
            apply(effects, from: id, rejoined: true)
            return .keep
        }
        if game.players.count >= settings.maxPlayers {
            send(.error(.full), to: id)
            return .keep
        }
        if case .finished = game.phase {
            send(.error(.gameOver), to: id)
            return .keep
        }
        if request.pseudonym != nil, recorder != nil {
            if game.locked {
                // Said before the PIN check, which would cost a PBKDF2 derivation for nothing; other joins are refused
                // by the game itself.
                send(.error(.roomLocked), to: id)
                return .keep
            }
            guard signInsInProgress < Self.maximumSignIns else {
                send(.error(.slowDown, retryAfterMs: 2000), to: id)
                return .keep
            }
            signInsInProgress += 1
            return .signIn(request)
        }
        admit(id, request, participant: nil)
        return .keep
    }

    /// After the PIN check (or with no profile): the player enters the game.
    public func signedIn(_ id: Int, _ request: ClientMessage.JoinRequest, result: Result<String, QuizErrorCode>) {
        signInsInProgress = max(0, signInsInProgress - 1)
        guard connections[id] != nil else { return }
        switch result {
        case .success(let participant):
            admit(id, request, participant: participant)
        case .failure(let code):
            let now = clock()
            let wait = Self.guardKeys(id, request).compactMap { joinGuard.mistake(from: $0, at: now) }.max()
            send(wait.map { .error(.slowDown, retryAfterMs: $0) } ?? .error(code), to: id)
        }
    }

    func admit(_ id: Int, _ request: ClientMessage.JoinRequest, participant: String?) {
        guard let connection = connections[id], connection.player == nil else { return }
        if let player = playerByDevice[request.device] {  // two sockets of one device raced through the PIN check
            let effects = game.reduce(.playerRejoined(id: player))
            guard !effects.contains(.refused(player: player, .barred)) else {
                send(.kicked, to: id)
                finishOutbound(id)
                return
            }
            connections[id]?.player = player
            connectionByPlayer[player] = id
            apply(effects, from: id, rejoined: true)
            return
        }
        let player = newPlayerID()
        let language = content.language(request.language) != nil ? request.language : "fr"
        let effects = game.reduce(.playerJoined(id: player, nickname: Nickname.clean(request.nickname), language: language,
                                                participant: participant, at: clock()))
        if game.players[player] != nil {
            if settings.readAloud {
                let token = ListenGate.newToken()
                listenTokens[player] = token
                listening.admit(token, language: language)
                prepareSpeech(languages: [language])
            }
            playerByDevice[request.device] = player
            connections[id]?.player = player
            connectionByPlayer[player] = id
            for key in Self.guardKeys(id, request) { joinGuard.success(from: key) }
        }
        apply(effects, from: id)
    }

    /// What the wrong-code guard counts a join's mistakes against: its socket and its device token. A new
    /// socket with a new token starts afresh; how fast one address may open sockets is the address limiter's
    /// business (`AddressLimiter`), so a classroom behind one address is never slowed down by one of its phones.
    static func guardKeys(_ id: Int, _ request: ClientMessage.JoinRequest) -> [String] {
        ["socket " + String(id), "device " + request.device]
    }

    func newPlayerID() -> String {
        while true {
            let id = "p-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
            if game.players[id] == nil { return id }
        }
    }

    // MARK: - Answers

    /// Every refusal names the question the answer named: a phone that sent answers to two questions knows
    /// which one was refused.
    func answer(_ id: Int, question: Int, choice: String) {
        guard let player = connections[id]?.player else { send(.error(.notJoined, question: question), to: id); return }
        if let current = game.currentIndex, question != current {
            send(.error(question < current ? .late : .noQuestionOpen, question: question), to: id)
            return
        }
        apply(game.reduce(.answerSubmitted(player: player, choice: choice, at: clock())), from: id, question: question)
    }

    // MARK: - The facilitator and the clock

    public enum Command: Sendable, Equatable {
        /// `close`: answers locked before the time is up; `reveal`: the right answer, once they are.
        case next, close, reveal, pauseOrResume, skip, end
        /// By position in the roster the projector shows (1-based).
        case kick(Int)
        /// By player id (the projector resolves a typed name).
        case remove(player: String)
        /// Closes the game to new players, or opens it again.
        case lock(Bool)
    }

    public func command(_ command: Command) {
        let now = clock()
        switch command {
        case .next: apply(game.reduce(.nextRequested(at: now)), from: nil)
        case .close: apply(game.reduce(.closeRequested), from: nil)
        case .reveal: apply(game.reduce(.revealRequested(at: now)), from: nil)
        case .lock(let locked): apply(game.reduce(.lockRequested(locked)), from: nil)
        case .pauseOrResume:
            if case .paused = game.phase {
                apply(game.reduce(.resumeRequested(at: now)), from: nil)
            } else {
                apply(game.reduce(.pauseRequested(at: now)), from: nil)
            }
        case .skip: apply(game.reduce(.skipRequested), from: nil)
        case .end: apply(game.reduce(.endRequested), from: nil)
        case .kick(let position):
            guard position >= 1, position <= game.order.count else { return }
            apply(game.reduce(.kickRequested(player: game.order[position - 1])), from: nil)
        case .remove(let player):
            apply(game.reduce(.kickRequested(player: player)), from: nil)
        }
    }

    /// Room mode: the facilitator keyed `b3`. Returns what the game said, for the projector's status line.
    public func keyTeamAnswer(team: Character, option: Int) -> [QuizEffect] {
        let effects = game.reduce(.teamAnswerKeyed(team: team, option: option, at: clock()))
        apply(effects, from: nil)
        return effects
    }

    /// The shell's clock, several times a second: closes questions on time, tells the lobby how many are in,
    /// and closes sockets that never joined.
    public func tick() {
        let now = clock()
        apply(game.reduce(.clockTicked(at: now)), from: nil)
        if lobbyChanged {
            lobbyChanged = false
            if game.phase == .lobby { broadcast { _ in .lobby(players: self.game.players.count) } }
        }
        for (id, connection) in connections where connection.player == nil && now.milliseconds - connection.openedAt.milliseconds > 60_000 {
            connections[id] = nil
            connection.outbound.finish()
        }
    }

    /// The host is quitting: every connection sends what is queued, then closes.
    public func closeAll() {
        for connection in connections.values { connection.outbound.finish() }
    }

    public var recordFailures: Int { recorder?.failureCount ?? 0 }
    public var connectionCount: Int { connections.count }

    // MARK: - Effects

    /// `question`: the index the message that caused these effects named, for its refusal.
    func apply(_ effects: [QuizEffect], from id: Int?, rejoined: Bool = false, question: Int? = nil) {
        for effect in effects {
            switch effect {
            case .joined(let player):
                guard let player = game.players[player], let target = connectionByPlayer[player.id] else { continue }
                let direction = content.language(player.language)?.direction ?? .leftToRight
                send(.welcome(player: player.id, nickname: player.nickname, language: player.language, direction: direction,
                              rejoined: rejoined, listen: listenTokens[player.id]), to: target)
                send(state(for: player.id), to: target)
            case .refused(_, let reason):
                if let id { send(.error(Self.code(for: reason), question: question), to: id) }
            case .acknowledged:
                break  // sent by `recordAnswer`, once the answer is on disk
            case .recordAnswer(let index, let answer):
                acknowledge(index: index, answer: answer, participant: game.players[answer.player]?.participant)
            case .playersChanged:
                lobbyChanged = true
            case .questionOpened(let index, _):
                // Before the broadcast: a phone that asks for the sound at once finds the question open.
                listening.opened(index)
                let now = clock()
                broadcast { self.questionMessage(for: $0, now: now) }
            case .resumed:
                let now = clock()
                broadcast { self.questionMessage(for: $0, now: now) }
            case .answerCountChanged, .lockChanged, .teamAnswered:
                break  // the projector's: `revision` below
            case .answersLocked(let index):
                broadcast { _ in .closed(index: index) }
            case .questionClosed(let index), .questionSkipped(let index):
                // On disk too, so that the export and the reports count its answers for nobody.
                if case .questionSkipped = effect { recorder?.skip(questionIndex: index, at: clock()) }
                if settings.readAloud { prepareSpeech(languages: Set(game.players.values.map(\.language))) }
                let ranks = rankByPlayer()
                broadcast { self.resultMessage(index: index, player: $0, ranks: ranks) }
            case .paused(let remaining):
                if let index = game.currentIndex { broadcast { _ in .paused(index: index, remainingMs: remaining) } }
            case .kicked(let player):
                if let token = listenTokens.removeValue(forKey: player) { listening.remove(token) }
                if let target = connectionByPlayer.removeValue(forKey: player), let connection = connections[target] {
                    connection.outbound.push(ServerMessage.kicked.encoded, .reply)
                    connection.outbound.finish()
                    connections[target]?.player = nil
                }
            case .finished:
                let ranks = rankByPlayer()
                broadcast { player in
                    .end(score: self.game.players[player]?.points ?? 0, rank: ranks?[player], players: self.game.players.count)
                }
            }
        }
        revision += 1
    }

    /// The next question's text in these languages, synthesised ahead while nobody answers: in the lobby and
    /// while results are shown. During a question the phones ask for what they need.
    func prepareSpeech(languages: Set<String>) {
        let next: Int
        switch game.phase {
        case .lobby: next = 0
        case .results(let index): next = index + 1
        default: return
        }
        if next < game.questions.count { listening.upcoming(next, languages: languages) }
    }

    func acknowledge(index: Int, answer: QuizAnswer, participant: String?) {
        let record = QuizAnswerRecord(questionIndex: index, stepID: game.questions[index].stepID, answer: answer,
                                      participant: participant, at: clock())
        // The game counted the answer: it goes to disk even with no socket to acknowledge it (a room-mode team,
        // or a phone that dropped right after sending), so that the export says what the projector said.
        guard let target = connectionByPlayer[answer.player], let outbound = connections[target]?.outbound,
              let ticket = recorder == nil ? 0 : outbound.reserve() else {
            recorder?.record(record) { _ in }
            return
        }
        let ack = ServerMessage.ack(question: index, choice: answer.choice).encoded
        guard let recorder else { outbound.push(ack, .reply); return }
        // The ack's place is kept (the ticket): what this connection is sent while the answer goes to disk comes after
        // it. Acknowledged even when the disk refused it: the game counted it, and the projector shows the failure.
        recorder.record(record) { _ in outbound.fill(ticket, with: ack) }
    }

    /// What a player who (re)joins must see now.
    func state(for player: String) -> ServerMessage {
        switch game.phase {
        case .lobby: return .lobby(players: game.players.count)
        case .question: return questionMessage(for: player)
        case .paused(let index, let remaining): return .paused(index: index, remainingMs: remaining)
        case .closed(let index): return .closed(index: index)
        case .results(let index): return resultMessage(index: index, player: player, ranks: rankByPlayer())
        case .finished:
            return .end(score: game.players[player]?.points ?? 0, rank: rankByPlayer()?[player], players: game.players.count)
        }
    }

    /// `now`: the time the remaining milliseconds count from; a broadcast reads the clock once, so that the players
    /// of a language get one message (encoded once).
    func questionMessage(for player: String, now: Instant? = nil) -> ServerMessage {
        guard case .question(let index, let closesAt) = game.phase else { return state(for: player) }
        let language = game.players[player]?.language ?? "fr"
        let localized = content.question(index, language: language)
        let question = game.questions[index]
        let choices = question.choices.enumerated().map { position, id in
            ServerMessage.ChoiceView(id: id, position: position,
                                     text: position < localized.choices.count ? localized.choices[position] : id)
        }
        return .question(.init(index: index, total: game.questions.count, seconds: question.seconds,
                               remainingMs: max(0, closesAt.milliseconds - (now ?? clock()).milliseconds), text: localized.text,
                               dir: localized.direction, answered: game.answers[index]?[player]?.choice, choices: choices))
    }

    func resultMessage(index: Int, player: String, ranks: [String: Int]?) -> ServerMessage {
        let given = game.answers[index]?[player]
        let language = game.players[player]?.language ?? "fr"
        return .result(.init(index: index, skipped: game.skipped.contains(index), correct: game.questions[index].correct.sorted(),
                             // A skipped question's answer is shown as given, but it is right for nobody.
                             choice: given?.choice, right: (given?.correct ?? false) && !(given?.skipped ?? false),
                             points: given?.points ?? 0,
                             score: game.players[player]?.points ?? 0, rank: ranks?[player], players: game.players.count,
                             explanation: content.question(index, language: language).explanation))
    }

    /// Every player's place (shared by equal scores), computed once per broadcast; nil when the room ranks nobody.
    func rankByPlayer() -> [String: Int]? {
        game.ranking ? game.ranks : nil
    }

    func broadcast(_ message: (String) -> ServerMessage) {
        var texts: [TextsKey: [String: String]] = [:]  // players of one language mostly get the same texts
        // ...and mostly the same message: a question is the same for every player of a language. It is encoded once
        // for them (issue #22: encoding it again for each of 5,000 players held the room for most of a second while
        // the first phones were already answering, and their acks waited behind it). The last message encoded for a
        // language is compared with the next: built from the same strings, they compare by identity, where hashing
        // them (a dictionary keyed by the message) normalised every accented or Arabic text of the question again.
        var last: [String: (message: ServerMessage, text: String)] = [:]
        var outboxes: [Outbox] = []
        outboxes.reserveCapacity(connectionByPlayer.count)
        for (player, target) in connectionByPlayer {
            guard let connection = connections[target] else { continue }
            let sent = message(player)
            let language = textLanguage(connection)
            let text: String
            if let cached = last[language], cached.message == sent {
                text = cached.text
            } else {
                text = encode(sent, player: player, language: language, texts: &texts)
                // A result's texts name the right answers in the player's language: never shared.
                if !Self.isResult(sent) { last[language] = (sent, text) }
            }
            connection.outbound.enqueue(text, Self.kind(of: sent))
            outboxes.append(connection.outbound)
        }
        FanOut.wake(outboxes)
    }

    static func isResult(_ message: ServerMessage) -> Bool {
        if case .result = message { true } else { false }
    }

    func send(_ message: ServerMessage, to id: Int) {
        guard let connection = connections[id] else { return }
        var texts: [TextsKey: [String: String]] = [:]
        connection.outbound.push(encode(message, player: connection.player, language: textLanguage(connection), texts: &texts),
                                 Self.kind(of: message))
    }

    /// What a full outbox drops first: errors, then old states; never a reply the client waits for.
    static func kind(of message: ServerMessage) -> Outbox.Kind {
        switch message {
        case .error: .error
        case .welcome, .ack, .kicked: .reply
        case .lobby, .question, .paused, .closed, .result, .end: .state
        }
    }

    /// The language of the texts a connection gets: its page's, else its player's, else French.
    func textLanguage(_ connection: Connection) -> String {
        connection.language ?? connection.player.flatMap { game.players[$0]?.language } ?? "fr"
    }

    struct TextsKey: Hashable {
        let language: String
        /// `PhoneTexts.inputs(of:)`: only what the texts depend on.
        let inputs: String
        let correctAnswers: [String]
    }

    /// The frame of `message` with the texts the phone page shows for it, formatted here in `language`
    /// (docs/quiz-protocol.md, "Texts"). A result names the correct answers as the player's question did.
    func encode(_ message: ServerMessage, player: String?, language: String, texts: inout [TextsKey: [String: String]]) -> String {
        var correctAnswers: [String] = []
        if case .result(let view) = message, !view.skipped, view.index >= 0, view.index < game.questions.count {
            let localized = content.question(view.index, language: player.flatMap { game.players[$0]?.language } ?? "fr")
            for (position, id) in game.questions[view.index].choices.enumerated() where view.correct.contains(id) {
                correctAnswers.append(position < localized.choices.count ? localized.choices[position] : id)
            }
        }
        let key = TextsKey(language: language, inputs: PhoneTexts.inputs(of: message), correctAnswers: correctAnswers)
        let found = texts[key] ?? PhoneTexts(strings: content.strings(language)).texts(for: message, correctAnswers: correctAnswers)
        texts[key] = found
        return message.encoded(texts: found)
    }

    static func code(for refusal: QuizRefusal) -> QuizErrorCode {
        switch refusal {
        case .nicknameTaken: .nicknameTaken
        case .nicknameLookAlike: .nicknameLookAlike
        case .nicknameEmpty: .nicknameEmpty
        case .late: .late
        case .paused: .paused
        case .alreadyAnswered: .alreadyAnswered
        case .noQuestionOpen: .noQuestionOpen
        case .unknownChoice: .unknownChoice
        case .unknownPlayer: .notJoined
        case .gameOver: .gameOver
        case .locked: .roomLocked
        case .barred: .notJoined  // the room answers a barred device with `kicked` before the game is asked
        case .unknownTeam: .notJoined  // the facilitator's keys only: never sent to a phone
        }
    }
}
