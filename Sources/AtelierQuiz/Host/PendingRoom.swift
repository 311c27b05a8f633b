import AtelierSpeech
import NIOConcurrencyHelpers
import NIOCore

/// The room as the server sees it while `atelier quiz host` starts. The host listens, and serves the phones' page
/// (which needs no module), before it has read and checked the module in every language: that reading was most of
/// its start (issue #24). Whatever needs the room (the languages, the sound files, a join) waits here until it is
/// ready; when it could not be made (a module with errors, a data file that does not open), the host is quitting
/// and those requests get 503 or a closed socket.
public final class PendingRoom: Sendable {
    /// The room with what the server derives from it once: the languages a voice reads (eSpeak NG's lock is taken
    /// once, not per request) and the body of `GET /api/languages`.
    struct Ready: Sendable {
        let room: QuizRoom
        let speech: SpeechCache?
        let voiced: Set<String>
        let languages: ByteBuffer
    }

    private enum State {
        case waiting([CheckedContinuation<Ready?, Never>])
        case ready(Ready)
        case failed
    }

    private let state = NIOLockedValueBox(State.waiting([]))

    public init() {}

    /// A room that is ready from the start (the tests, room mode).
    public convenience init(room: QuizRoom, speech: SpeechCache?) {
        self.init()
        resolve(room: room, speech: speech)
    }

    /// The room is made: requests waiting for it go on. `speech`: the questions' sound files, nil when eSpeak NG
    /// could not start (the page then hides its listen buttons).
    /// A room already settled stays as it is.
    public func resolve(room: QuizRoom, speech: SpeechCache?) {
        guard state.withLockedValue({ if case .waiting = $0 { true } else { false } }) else { return }
        let voiced = Set(room.content.languages.map(\.code).filter { speech?.speech.hasVoice($0) ?? false })
        let languages = ByteBuffer(string: QuizServer.languagesJSON(room.content, speech: speech == nil ? nil : { voiced.contains($0) }))
        if let speech {
            // The next question's text, made ahead in the voice each player's phone will ask for.
            let content = room.content
            room.listening.onUpcoming { index, players in
                for language in Set(players.map { voiced.contains($0) ? $0 : "fr" }) {
                    guard let spoken = content.spokenQuestion(index, language: language) else { continue }
                    speech.prepare(.init(question: index, choice: nil, language: language), segments: spoken.text)
                }
            }
        }
        settle(.ready(Ready(room: room, speech: speech, voiced: voiced, languages: languages)))
    }

    /// The room will not be made: the host is quitting.
    public func fail() { settle(.failed) }

    private func settle(_ outcome: State) {
        let waiting: [CheckedContinuation<Ready?, Never>] = state.withLockedValue { state in
            guard case .waiting(let list) = state else { return [] }  // settled once; later calls change nothing
            state = outcome
            return list
        }
        let value: Ready? = if case .ready(let ready) = outcome { ready } else { nil }
        for continuation in waiting { continuation.resume(returning: value) }
    }

    /// The room once it is made; nil when it will not be.
    func value() async -> Ready? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Ready?, Never>) in
            let now: Ready?? = state.withLockedValue { state in
                switch state {
                case .waiting(var list):
                    list.append(continuation)
                    state = .waiting(list)
                    return .none
                case .ready(let ready): return .some(ready)
                case .failed: return .some(nil)
                }
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// How many requests wait for the room (the tests wait for them to be waiting rather than for a time).
    var waiting: Int {
        state.withLockedValue { state in
            if case .waiting(let list) = state { list.count } else { 0 }
        }
    }
}
