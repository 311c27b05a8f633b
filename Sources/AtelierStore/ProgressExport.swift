import AtelierEngine
import Foundation
import GRDB

/// One attempt, or one quiz answer, as a facilitator exports it.
public struct ExportRow: Hashable, Sendable, Codable {
    public var source: String        // "lesson" or "quiz"
    public var pseudonym: String?    // nil for quiz players who did not join with a profile
    public var module: String
    public var step: String
    public var response: String?
    public var correct: Bool?
    public var attempt: Int?
    public var hintUsed: Bool?
    public var milliseconds: Int64
    public var language: String
    public var review: Bool
    public var at: String            // ISO 8601, UTC
}

extension ProgressStore {
    public func exportRows() throws(StoreError) -> [ExportRow] {
        let format = ISO8601DateFormatter()
        func iso(_ ms: Int64) -> String { format.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) }
        return try read { db in
            var rows: [ExportRow] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT p.pseudonym, a.* FROM attempt a JOIN participant p ON p.id = a.participantID ORDER BY a.at, a.id
                """) {
                rows.append(ExportRow(source: "lesson", pseudonym: row["pseudonym"], module: row["moduleID"], step: row["stepID"],
                                      response: row["response"], correct: row["correct"], attempt: row["attemptNumber"],
                                      hintUsed: row["hintUsed"], milliseconds: row["milliseconds"], language: row["language"],
                                      review: row["review"], at: iso(row["at"])))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT p.pseudonym, s.moduleID, q.* FROM quizAnswer q JOIN quizSession s ON s.id = q.sessionID
                LEFT JOIN participant p ON p.id = q.participantID ORDER BY q.at, q.id
                """) {
                rows.append(ExportRow(source: "quiz", pseudonym: row["pseudonym"], module: row["moduleID"], step: row["stepID"],
                                      response: row["choice"], correct: row["correct"], attempt: nil, hintUsed: nil,
                                      milliseconds: row["milliseconds"], language: row["language"], review: false,
                                      at: iso(row["at"])))
            }
            return rows
        }
    }
}

/// CSV that LibreOffice and Excel open with non-Latin names intact: UTF-8 with a byte-order mark, CR LF line
/// ends, every field quoted when it must be, and formulas neutralised (a cell starting with = + - @ is text).
public enum CSVWriter {
    public static let header = ["source", "pseudonym", "module", "step", "response", "correct", "attempt", "hint_used",
                                "milliseconds", "language", "review", "at"]

    public static func write(_ rows: [ExportRow]) -> Data {
        var text = "\u{FEFF}" + header.joined(separator: ",") + "\r\n"
        for row in rows {
            let fields: [String] = [
                row.source, row.pseudonym ?? "", row.module, row.step, row.response ?? "",
                row.correct.map { $0 ? "1" : "0" } ?? "", row.attempt.map(String.init) ?? "",
                row.hintUsed.map { $0 ? "1" : "0" } ?? "", String(row.milliseconds), row.language, row.review ? "1" : "0", row.at,
            ]
            text += fields.map(field).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
