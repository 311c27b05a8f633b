import AtelierSpeech
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The quiz host's sound files: each part of a question (its text, or one choice) in one language, synthesised
/// once by eSpeak NG into a WAV and kept in memory, up to `maxBytes` (the least recently played go first).
///
/// Forty phones press "listen" within a second of a question appearing: the first request synthesises, the others
/// wait for that same synthesis (never a second one of the same entry), then all get the same bytes. Synthesis is a
/// blocking C call (the library's global lock, ~20 ms per screen), so it runs on NIO's thread pool, never on the
/// event loop, a cooperative thread or the room's actor, and one at a time: a queue drained by one job, so
/// that the speech never holds more than one of the pool's threads (the PIN checks share the pool).
///
/// The room also asks for the next question's text ahead (`prepare`), in the lobby and while results are shown,
/// when nobody is answering: the presses of a question then find its file made, and no synthesis competes with
/// the answers being written and acknowledged.
public final class SpeechCache: Sendable {
    public struct Key: Hashable, Sendable {
        public var question: Int
        /// nil: the question's text; else the id of one of its choices.
        public var choice: String?
        /// The voice's language (a registry code).
        public var language: String

        public init(question: Int, choice: String?, language: String) {
            self.question = question
            self.choice = choice
            self.language = language
        }
    }

    public typealias Reply = Result<ByteBuffer, ESpeakSpeech.Failure>

    private struct Entry {
        var wav: ByteBuffer
        var used: UInt64
    }

    private struct Job {
        var key: Key
        var segments: [SpeechSegment]
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var tick: UInt64 = 0
        /// Requests waiting for an entry under synthesis or queued for it.
        var waiting: [Key: [CheckedContinuation<Reply, Never>]] = [:]
        var queue: [Job] = []
        var running = false
        var syntheses = 0
    }

    public let speech: ESpeakSpeech
    public let maxBytes: Int
    let rate: SpeechRate
    private let state = NIOLockedValueBox(State())

    /// 32 MiB holds about two hours of speech: every part of a long quiz in several languages.
    public init(speech: ESpeakSpeech, maxBytes: Int = 32 << 20, rate: SpeechRate = .normal) {
        self.speech = speech
        self.maxBytes = maxBytes
        self.rate = rate
    }

    /// How many WAVs were synthesised so far: the tests see a second request hit the cache.
    public var synthesisCount: Int { state.withLockedValue { $0.syntheses } }

    /// The bytes the cache holds now (never above `maxBytes`).
    public var cachedBytes: Int { state.withLockedValue { $0.bytes } }

    /// Syntheses queued or under way: the tests wait for none.
    public var pending: Int { state.withLockedValue { $0.waiting.count } }

    /// Queues the synthesis of `key` unless it is cached, queued or under way; nobody waits for it.
    public func prepare(_ key: Key, segments: [SpeechSegment]) {
        let start = state.withLockedValue { state -> Bool in
            guard state.entries[key] == nil, state.waiting[key] == nil else { return false }
            state.waiting[key] = []
            state.queue.append(Job(key: key, segments: segments))
            if state.running { return false }
            state.running = true
            return true
        }
        if start { startDraining() }
    }

    /// The WAV of `key`, synthesised from `segments` (read with `key.language`'s voice) unless it is cached.
    public func wav(_ key: Key, segments: [SpeechSegment]) async -> Reply {
        if let hit = state.withLockedValue({ state -> ByteBuffer? in
            guard var entry = state.entries[key] else { return nil }
            state.tick += 1
            entry.used = state.tick
            state.entries[key] = entry
            return entry.wav
        }) {
            return .success(hit)
        }
        return await withCheckedContinuation { continuation in
            let start = state.withLockedValue { state -> Bool? in
                // Cached between the two locks: answered at once.
                if let entry = state.entries[key] {
                    continuation.resume(returning: .success(entry.wav))
                    return nil
                }
                if state.waiting[key] != nil {
                    state.waiting[key]?.append(continuation)
                    return false
                }
                state.waiting[key] = [continuation]
                state.queue.append(Job(key: key, segments: segments))
                if state.running { return false }
                state.running = true
                return true
            }
            if start == true { startDraining() }
        }
    }

    private func startDraining() {
        NIOThreadPool.singleton.submit { [self] work in
            switch work {
            case .active: drain()
            case .cancelled: failAll()
            }
        }
    }

    /// Synthesises the queued entries one after the other until none is left; the running flag goes down in
    /// the same lock that sees the queue empty, so an entry queued after that starts a new job.
    private func drain() {
        while true {
            let next = state.withLockedValue { state -> Job? in
                if state.queue.isEmpty {
                    state.running = false
                    return nil
                }
                return state.queue.removeFirst()
            }
            guard let job = next else { return }
            let reply: Reply = speech.synthesize(job.segments, language: job.key.language, rate: rate).map { synthesis in
                ByteBuffer(bytes: WAV.data(samples: synthesis.samples, sampleRate: synthesis.sampleRate))
            }
            let waiters = state.withLockedValue { state -> [CheckedContinuation<Reply, Never>] in
                state.syntheses += 1
                if case .success(let wav) = reply, wav.readableBytes <= maxBytes {
                    while state.bytes + wav.readableBytes > maxBytes, let oldest = state.entries.min(by: { $0.value.used < $1.value.used }) {
                        state.bytes -= oldest.value.wav.readableBytes
                        state.entries[oldest.key] = nil
                    }
                    state.tick += 1
                    state.entries[job.key] = Entry(wav: wav, used: state.tick)
                    state.bytes += wav.readableBytes
                }
                return state.waiting.removeValue(forKey: job.key) ?? []
            }
            for waiter in waiters { waiter.resume(returning: reply) }
        }
    }

    /// The pool is shutting down (the process is ending): nobody waits for ever.
    private func failAll() {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Reply, Never>] in
            state.queue.removeAll()
            state.running = false
            defer { state.waiting.removeAll() }
            return state.waiting.values.flatMap { $0 }
        }
        for waiter in waiters { waiter.resume(returning: .failure(.unavailable)) }
    }
}
