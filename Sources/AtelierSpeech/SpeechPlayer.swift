import CEspeak
import CSound
import Foundation
import NIOConcurrencyHelpers
import NIOPosix

/// Plays a screen that mixes recordings and synthesis, in order, on a thread of its own: eSpeak NG plays its
/// runs of text through its own output, and the recordings go to the same device through pcaudiolib. The
/// listen key again (or any key) stops it at once: `stop()` moves to a new generation, flushes the output and
/// stops eSpeak NG; the playing thread sees the change between two chunks of a tenth of a second.
final class SpeechPlayer: Sendable {
    enum Piece: Equatable {
        case synthesis([SpeechSegment])
        case recording(String)
    }

    /// The pieces of a screen, in reading order: consecutive texts are one synthesis (one SSML document).
    static func pieces(_ segments: [SpeechSegment]) -> [Piece] {
        var pieces: [Piece] = []
        for segment in segments {
            if let path = segment.recording {
                pieces.append(.recording(path))
            } else if case .synthesis(let run)? = pieces.last {
                pieces[pieces.count - 1] = .synthesis(run + [segment])
            } else {
                pieces.append(.synthesis([segment]))
            }
        }
        return pieces
    }

    /// The output open for a recording, kept so that `stop()` can flush it from the kiosk's thread.
    struct Output: @unchecked Sendable {  // an opaque C handle, used under the lock or by its one player
        let handle: OpaquePointer
    }

    struct State {
        var generation = 0
        var active = false
        var output: Output?
    }

    private let state = NIOLockedValueBox(State())
    /// One thread: pieces are played one after the other, and a new screen waits for the old one to stop.
    private let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    var isPlaying: Bool { state.withLockedValue { $0.active } }

    func play(_ segments: [SpeechSegment], language: String, voice: String, rate: SpeechRate) {
        let generation = state.withLockedValue { state -> Int in
            state.generation += 1
            state.active = true
            return state.generation
        }
        let pieces = Self.pieces(segments)
        pool.submit { [self] _ in
            defer { state.withLockedValue { if $0.generation == generation { $0.active = false } } }
            for piece in pieces {
                guard isCurrent(generation) else { return }
                switch piece {
                case .synthesis(let run):
                    guard atelier_espeak_play(SSML.document(run, language: language), voice, Int32(rate.wordsPerMinute)) == 0 else { continue }
                    // eSpeak NG plays on its own thread; wait for its end before the next recording. Polling at
                    // 20 ms on this player thread costs nothing a participant hears.
                    while isCurrent(generation) && atelier_espeak_is_playing() != 0 { usleep(20_000) }
                case .recording(let path):
                    // A file that does not decode is skipped (lint reports it with libsndfile's reason).
                    guard case .success(let sound) = AudioFile.decode(path) else { continue }
                    play(sound, generation: generation)
                }
            }
        }
    }

    private func isCurrent(_ generation: Int) -> Bool { state.withLockedValue { $0.generation == generation } }

    private func play(_ sound: AudioFile.Sound, generation: Int) {
        guard let handle = atelier_sound_open(Int32(sound.sampleRate)) else { return }
        let opened = state.withLockedValue { state -> Bool in
            guard state.generation == generation else { return false }
            state.output = Output(handle: handle)
            return true
        }
        guard opened else { atelier_sound_close(handle); return }
        let chunk = max(1, sound.sampleRate / 10)
        var start = 0
        sound.samples.withUnsafeBufferPointer { buffer in
            while start < buffer.count && isCurrent(generation) {
                let count = min(chunk, buffer.count - start)
                guard atelier_sound_play(handle, buffer.baseAddress! + start, count) == 0 else { break }
                start += count
            }
        }
        if isCurrent(generation) { atelier_sound_drain(handle) }
        state.withLockedValue { $0.output = nil }
        atelier_sound_close(handle)
    }

    func stop() {
        state.withLockedValue { state in
            state.generation += 1
            state.active = false
            if let output = state.output { atelier_sound_flush(output.handle) }
        }
        atelier_espeak_stop()
    }
}
