import CSound
import Foundation

/// Sound files through libsndfile: a translator's recording read for playback, and `atelier speak` writing
/// WAV or Ogg/Opus.
public enum AudioFile {
    public struct Sound: Sendable, Equatable {
        public var samples: [Int16]
        public var sampleRate: Int
        public var seconds: Double { Double(samples.count) / Double(sampleRate) }

        public init(samples: [Int16], sampleRate: Int) {
            self.samples = samples
            self.sampleRate = sampleRate
        }
    }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The file as 16-bit mono samples at its own rate.
    public static func decode(_ path: String) -> Result<Sound, Failure> {
        var samples: UnsafeMutablePointer<Int16>?
        var count = 0
        var rate: Int32 = 0
        var error = [CChar](repeating: 0, count: 256)
        let status = atelier_sound_decode(path, &samples, &count, &rate, &error, Int32(error.count))
        defer { free(samples) }
        guard status == 0 else { return .failure(Failure(path: path, reason: text(error))) }
        let buffer = samples.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
        return .success(Sound(samples: buffer, sampleRate: Int(rate)))
    }

    /// Writes mono samples as WAV (16-bit) or, for a path ending in `.opus` or `.ogg`, Ogg/Opus.
    /// Opus codes 8, 12, 16, 24 or 48 kHz only: anything else (eSpeak NG's 22,050 Hz) is brought to 48 kHz.
    public static func write(_ sound: Sound, to path: String) -> Result<Void, Failure> {
        let opus = path.hasSuffix(".opus") || path.hasSuffix(".ogg")
        var sound = sound
        if opus && ![8_000, 12_000, 16_000, 24_000, 48_000].contains(sound.sampleRate) {
            sound = Sound(samples: resample(sound.samples, from: sound.sampleRate, to: 48_000), sampleRate: 48_000)
        }
        var error = [CChar](repeating: 0, count: 256)
        let status = sound.samples.withUnsafeBufferPointer { buffer in
            atelier_sound_write(path, buffer.baseAddress, buffer.count, Int32(sound.sampleRate), opus ? 1 : 0, &error, Int32(error.count))
        }
        guard status == 0 else {
            // Never leave a half-written file where a recording is expected.
            unlink(path)
            return .failure(Failure(path: path, reason: text(error)))
        }
        return .success(())
    }

    /// Samples at another rate, by linear interpolation: good enough to put a recording beside synthesised
    /// speech in one file (`atelier speak`); playback uses the file's own rate.
    public static func resample(_ samples: [Int16], from source: Int, to target: Int) -> [Int16] {
        guard source != target, source > 0, target > 0, samples.count > 1 else { return samples }
        let count = Int((Double(samples.count) * Double(target) / Double(source)).rounded())
        let step = Double(source) / Double(target)
        return (0..<count).map { index in
            let position = Double(index) * step
            let left = min(Int(position), samples.count - 1), right = min(left + 1, samples.count - 1)
            let fraction = position - Double(left)
            return Int16(clamping: Int((Double(samples[left]) * (1 - fraction) + Double(samples[right]) * fraction).rounded()))
        }
    }

    /// A NUL-terminated C message in a buffer of ours.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
