import AtelierEngine
import Foundation

/// A module's saved progress as the JSON the store keeps in `moduleProgress.state`: the very bytes
/// `JSONEncoder` with `.sortedKeys` writes for `SavedProgress` (same key order, same escapes, same numbers), written
/// by hand. Every recorded answer encodes the progress once; with `JSONEncoder` that was nearly half of the
/// store's own time per answer (issue #24, profiled with `perf record` on `atelier-bench store`).
/// The property test in ProgressJSONTests compares the two on generated values.
enum ProgressJSON {
    /// nil when a number cannot be written (a credit that is not finite): the caller falls back to `JSONEncoder`,
    /// which says why.
    static func encode(_ progress: SavedProgress) -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(256 + progress.records.count * 96 + (progress.history.count + progress.reviewQueue.count) * 16)
        // Keys in JSONEncoder's sorted order; an optional that is nil is left out, as the synthesised Codable does.
        out.append(contentsOf: #"{"completed":"#.utf8)
        out.append(contentsOf: (progress.completed ? "true" : "false").utf8)
        if let completedAt = progress.completedAt { key("completedAt", &out); instant(completedAt, &out) }
        if let currentStep = progress.currentStep { key("currentStep", &out); string(currentStep, &out) }
        key("history", &out)
        strings(progress.history, &out)
        key("moduleID", &out)
        string(progress.moduleID, &out)
        key("moduleVersion", &out)
        out.append(contentsOf: String(progress.moduleVersion).utf8)
        key("records", &out)
        out.append(UInt8(ascii: "{"))
        var first = true
        for (id, record) in progress.records.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            string(id, &out)
            out.append(UInt8(ascii: ":"))
            guard stepRecord(record, &out) else { return nil }
        }
        out.append(UInt8(ascii: "}"))
        key("reviewQueue", &out)
        strings(progress.reviewQueue, &out)
        if let reviewing = progress.reviewing { key("reviewing", &out); out.append(contentsOf: (reviewing ? "true" : "false").utf8) }
        key("seed", &out)
        out.append(contentsOf: String(progress.seed).utf8)
        if let spent = progress.spentMilliseconds { key("spentMilliseconds", &out); out.append(contentsOf: String(spent).utf8) }
        if let startedAt = progress.startedAt { key("startedAt", &out); instant(startedAt, &out) }
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    /// `,"name":` (every key but the first).
    private static func key(_ name: StaticString, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    private static func instant(_ instant: Instant, _ out: inout [UInt8]) {
        out.append(contentsOf: #"{"milliseconds":"#.utf8)
        out.append(contentsOf: String(instant.milliseconds).utf8)
        out.append(UInt8(ascii: "}"))
    }

    private static func stepRecord(_ record: StepRecord, _ out: inout [UInt8]) -> Bool {
        guard record.credit.isFinite else { return false }
        out.append(contentsOf: #"{"attempts":"#.utf8)
        out.append(contentsOf: String(record.attempts).utf8)
        if let chosen = record.chosen { key("chosen", &out); string(chosen, &out) }
        if let correct = record.correct { key("correct", &out); out.append(contentsOf: (correct ? "true" : "false").utf8) }
        key("credit", &out)
        // JSONEncoder writes a Double as its description without a trailing ".0" (1.0 is 1, 1e+21 stays).
        var credit = record.credit.description
        if credit.hasSuffix(".0") { credit.removeLast(2) }
        out.append(contentsOf: credit.utf8)
        key("finished", &out)
        out.append(contentsOf: (record.finished ? "true" : "false").utf8)
        key("hintUsed", &out)
        out.append(contentsOf: (record.hintUsed ? "true" : "false").utf8)
        out.append(UInt8(ascii: "}"))
        return true
    }

    private static func strings(_ values: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(value, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func escape(_ byte: UInt8, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string with JSONEncoder's escapes: quote, backslash and slash, the short forms of control
    /// characters, `\u00xx` for the others below 0x20; everything else as UTF-8.
    private static func string(_ value: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): escape(UInt8(ascii: "\""), &out)
            case UInt8(ascii: "\\"): escape(UInt8(ascii: "\\"), &out)
            case UInt8(ascii: "/"): escape(UInt8(ascii: "/"), &out)
            case 0x0A: escape(UInt8(ascii: "n"), &out)
            case 0x0D: escape(UInt8(ascii: "r"), &out)
            case 0x09: escape(UInt8(ascii: "t"), &out)
            case 0x08: escape(UInt8(ascii: "b"), &out)
            case 0x0C: escape(UInt8(ascii: "f"), &out)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
