import AtelierEngine
import Foundation
import GRDB

/// One attempt, or one quiz answer, as a facilitator exports it.
public struct ExportRow: Hashable, Sendable, Codable {
    public var source: String        // "lesson" or "quiz"
    public var pseudonym: String?    // nil for quiz players who did not join with a profile; a room-mode team's name
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
    /// The kiosk's site, in exports from the shared server (absent from one kiosk's export).
    public var site: String? = nil
    /// A quiz answer to a question the facilitator skipped: kept as given, counted for nobody (issue #22).
    public var skipped: Bool = false
    /// The quiz session of a quiz answer (the id the projector shows); absent for lessons. The HTML report groups
    /// answers by it; the CSV leaves it out (its columns are a published contract).
    public var session: String? = nil

    public init(source: String, pseudonym: String?, module: String, step: String, response: String?, correct: Bool?,
                attempt: Int?, hintUsed: Bool?, milliseconds: Int64, language: String, review: Bool, at: String,
                site: String? = nil, skipped: Bool = false, session: String? = nil) {
        self.source = source
        self.pseudonym = pseudonym
        self.module = module
        self.step = step
        self.response = response
        self.correct = correct
        self.attempt = attempt
        self.hintUsed = hintUsed
        self.milliseconds = milliseconds
        self.language = language
        self.review = review
        self.at = at
        self.site = site
        self.skipped = skipped
        self.session = session
    }
}

extension ProgressStore {
    /// Every attempt and quiz answer; with `session`, only that quiz session's answers (the id the projector
    /// shows): one workshop's game, not mixed with the other games and lessons of the same data file.
    /// Who gave a quiz answer: the profile's pseudonym, or a room-mode team's name (`atelier quiz host --room`),
    /// which the data file keeps as the player's id after `team:` (`QuizGame.roomTeamID`): the store has no
    /// nickname column, and a team is no person. Phones without a profile stay anonymous.
    static let quizPseudonym = """
        COALESCE(p.pseudonym, CASE WHEN substr(q.player, 1, \(QuizGame.roomTeamPrefix.count)) = '\(QuizGame.roomTeamPrefix)'
                                   THEN substr(q.player, \(QuizGame.roomTeamPrefix.count + 1)) END)
        """

    public func exportRows(session: String? = nil) throws(StoreError) -> [ExportRow] {
        try read { db in
            var rows: [ExportRow] = []
            if let session {
                let quizzes = try Row.fetchCursor(db, sql: """
                    SELECT \(Self.quizPseudonym), s.moduleID, q.stepID, q.choice, q.correct, q.milliseconds, q.language, q.at,
                           EXISTS (SELECT 1 FROM quizSkip k WHERE k.sessionID = q.sessionID AND k.questionIndex = q.questionIndex), q.sessionID
                    FROM quizAnswer q JOIN quizSession s ON s.id = q.sessionID
                    LEFT JOIN participant p ON p.id = q.participantID WHERE q.sessionID = ? ORDER BY q.at, q.id
                    """, arguments: [session])
                while let row = try quizzes.next() {
                    rows.append(ExportRow(source: "quiz", pseudonym: row[0], module: row[1], step: row[2], response: row[3],
                                          correct: row[4], attempt: nil, hintUsed: nil, milliseconds: row[5], language: row[6],
                                          review: false, at: Self.iso8601(row[7]), skipped: row[8], session: row[9]))
                }
                return rows
            }
            // Columns by position: reading 100,000 rows by name costs more than the query.
            let lessons = try Row.fetchCursor(db, sql: """
                SELECT p.pseudonym, a.moduleID, a.stepID, a.response, a.correct, a.attemptNumber, a.hintUsed, a.milliseconds,
                       a.language, a.review, a.at
                FROM attempt a JOIN participant p ON p.id = a.participantID ORDER BY a.at, a.id
                """)
            while let row = try lessons.next() {
                rows.append(ExportRow(source: "lesson", pseudonym: row[0], module: row[1], step: row[2], response: row[3],
                                      correct: row[4], attempt: row[5], hintUsed: row[6], milliseconds: row[7], language: row[8],
                                      review: row[9], at: Self.iso8601(row[10])))
            }
            let quizzes = try Row.fetchCursor(db, sql: """
                SELECT \(Self.quizPseudonym), s.moduleID, q.stepID, q.choice, q.correct, q.milliseconds, q.language, q.at,
                       EXISTS (SELECT 1 FROM quizSkip k WHERE k.sessionID = q.sessionID AND k.questionIndex = q.questionIndex), q.sessionID
                FROM quizAnswer q JOIN quizSession s ON s.id = q.sessionID
                LEFT JOIN participant p ON p.id = q.participantID ORDER BY q.at, q.id
                """)
            while let row = try quizzes.next() {
                rows.append(ExportRow(source: "quiz", pseudonym: row[0], module: row[1], step: row[2], response: row[3],
                                      correct: row[4], attempt: nil, hintUsed: nil, milliseconds: row[5], language: row[6],
                                      review: false, at: Self.iso8601(row[7]), skipped: row[8], session: row[9]))
            }
            return rows
        }
    }

    /// `2026-11-29T19:45:00Z` from milliseconds since 1970 (days-from-civil, no formatter per row).
    public static func iso8601(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil-from-days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }
}

/// CSV that LibreOffice and Excel open with non-Latin names intact: UTF-8 with a byte-order mark, CR LF line
/// ends, every field quoted when it must be, and formulas neutralised (a cell starting with = + - @ is text).
public enum CSVWriter {
    public static let header = ["source", "pseudonym", "module", "step", "response", "correct", "attempt", "hint_used",
                                "milliseconds", "language", "review", "at", "skipped"]

    /// With `sites`, a last column says which site each row comes from (exports from the shared server).
    public static func write(_ rows: [ExportRow], sites: Bool = false) -> Data {
        var text = "\u{FEFF}" + (header + (sites ? ["site"] : [])).joined(separator: ",") + "\r\n"
        text.reserveCapacity(rows.count * 96)
        for row in rows {
            text += field(row.source); text += ","
            text += field(row.pseudonym ?? ""); text += ","
            text += field(row.module); text += ","
            text += field(row.step); text += ","
            text += field(row.response ?? ""); text += ","
            text += row.correct.map { $0 ? "1" : "0" } ?? ""; text += ","
            text += row.attempt.map(String.init) ?? ""; text += ","
            text += row.hintUsed.map { $0 ? "1" : "0" } ?? ""; text += ","
            text += String(row.milliseconds); text += ","
            text += field(row.language); text += ","
            text += row.review ? "1" : "0"; text += ","
            text += row.at; text += ","
            text += row.skipped ? "1" : "0"
            if sites { text += ","; text += field(row.site ?? "") }
            text += "\r\n"
        }
        return Data(text.utf8)
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
