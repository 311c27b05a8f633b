import AtelierContent
import AtelierStore
import PostgresNIO

/// The coordinators' view: the same report and export as one kiosk gives, computed on the shared server over
/// every site or over one. The queries follow `ProgressStore.report` and `exportRows` clause by clause, so that
/// a report over all sites is the sum of the kiosks' own reports.
public enum ServerReports {
    /// The sites that have synced, in name order.
    public static func sites(_ server: ServerConnection) async throws(SyncError) -> [String] {
        try await server.query("SELECT site FROM atelier.kiosk GROUP BY site ORDER BY site COLLATE \"C\"").map { row throws(SyncError) in
            try decode(row, String.self, server)
        }
    }

    public static func report(for module: Module, site: String?, _ server: ServerConnection) async throws(SyncError) -> ProgressReport {
        let counts = try await server.query("""
            SELECT COUNT(*), COUNT(mp.completed_at) FROM atelier.module_progress mp JOIN atelier.kiosk k ON k.id = mp.kiosk_id
            WHERE mp.module_id = \(module.id) AND (\(site)::text IS NULL OR k.site = \(site))
            """)
        let (started, completed) = try decode(counts.first, (Int64, Int64).self, server)
        var questions: [ProgressReport.Question] = []
        for step in module.questions {
            // A participant's result on a question: right if any of their lesson attempts was right.
            let rows = try await server.query("""
                SELECT language, correct FROM (
                    SELECT DISTINCT ON (a.participant_id) a.language, a.correct FROM atelier.attempt a
                    JOIN atelier.kiosk k ON k.id = a.kiosk_id
                    WHERE a.module_id = \(module.id) AND a.step_id = \(step.id) AND NOT a.review AND a.correct IS NOT NULL
                      AND (\(site)::text IS NULL OR k.site = \(site))
                    ORDER BY a.participant_id, a.correct DESC, a.at) lesson
                UNION ALL
                SELECT q.language, q.correct FROM atelier.quiz_answer q JOIN atelier.quiz_session s ON s.id = q.session_id
                JOIN atelier.kiosk k ON k.id = q.kiosk_id
                WHERE s.module_id = \(module.id) AND q.step_id = \(step.id) AND (\(site)::text IS NULL OR k.site = \(site))
                  AND NOT EXISTS (SELECT 1 FROM atelier.quiz_skip x WHERE x.session_id = q.session_id AND x.question_index = q.question_index)
                """)
            var byLanguage: [String: ProgressReport.Tally] = [:]
            for row in rows {
                let (language, right) = try decode(row, (String, Bool).self, server)
                byLanguage[language, default: .init()].answered += 1
                if right { byLanguage[language, default: .init()].right += 1 }
            }
            let missed = try await server.query("""
                SELECT response, COUNT(*) AS n FROM (
                    SELECT a.response FROM atelier.attempt a JOIN atelier.kiosk k ON k.id = a.kiosk_id
                    WHERE a.module_id = \(module.id) AND a.step_id = \(step.id) AND a.correct = false AND a.response IS NOT NULL
                      AND (\(site)::text IS NULL OR k.site = \(site))
                    UNION ALL
                    SELECT q.choice FROM atelier.quiz_answer q JOIN atelier.quiz_session s ON s.id = q.session_id
                    JOIN atelier.kiosk k ON k.id = q.kiosk_id
                    WHERE s.module_id = \(module.id) AND q.step_id = \(step.id) AND q.correct = false
                      AND (\(site)::text IS NULL OR k.site = \(site))
                      AND NOT EXISTS (SELECT 1 FROM atelier.quiz_skip x WHERE x.session_id = q.session_id AND x.question_index = q.question_index)) missed
                GROUP BY response ORDER BY n DESC, response COLLATE "C" LIMIT 3
                """).map { row throws(SyncError) in
                    let (response, count) = try decode(row, (String, Int64).self, server)
                    return ProgressReport.Missed(response: response, count: Int(count))
                }
            questions.append(ProgressReport.Question(
                step: step.id, kind: step.content.kind, prompt: module.facts.resolve(step.prompt, locale: "fr"), answered: rows.count,
                right: byLanguage.values.map(\.right).reduce(0, +), byLanguage: byLanguage, missedChoices: missed))
        }
        let erasures = try await erasureDays(site: site, server)
        return ProgressReport(module: module.id, started: Int(started), completed: Int(completed), questions: questions, erasures: erasures)
    }

    /// Erasures day by day (UTC), how many and never whom. They belong to no site (the tombstone keeps no kiosk):
    /// said once, with every site's figures; none for one site.
    public static func erasureDays(site: String?, _ server: ServerConnection) async throws(SyncError) -> [ErasureDay] {
        guard site == nil else { return [] }
        return try await server.query("""
            SELECT to_char(erased_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COUNT(*) FROM atelier.erasure GROUP BY day ORDER BY day
            """).map { row throws(SyncError) in
                let (day, count) = try decode(row, (String, Int64).self, server)
                return ErasureDay(day: day, count: Int(count))
            }
    }

    /// Every answer of every site (or of one), lessons then quizzes, each in time order, with its site.
    public static func exportRows(site: String?, _ server: ServerConnection) async throws(SyncError) -> [ExportRow] {
        var rows: [ExportRow] = []
        for row in try await server.query("""
            SELECT p.pseudonym, a.module_id, a.step_id, a.response, a.correct, a.attempt_number, a.hint_used, a.milliseconds,
                   a.language, a.review, a.at, k.site
            FROM atelier.attempt a JOIN atelier.participant p ON p.id = a.participant_id JOIN atelier.kiosk k ON k.id = a.kiosk_id
            WHERE \(site)::text IS NULL OR k.site = \(site)
            ORDER BY a.at, a.uid
            """) {
            let (pseudonym, module, step, response, correct, attempt, hint, milliseconds, language, review, at, rowSite) =
                try decode(row, (String, String, String, String?, Bool?, Int64, Bool, Int64, String, Bool, Int64, String).self, server)
            rows.append(ExportRow(source: "lesson", pseudonym: pseudonym, module: module, step: step, response: response,
                                  correct: correct, attempt: Int(attempt), hintUsed: hint, milliseconds: milliseconds,
                                  language: language, review: review, at: ProgressStore.iso8601(at), site: rowSite))
        }
        for row in try await server.query("""
            SELECT p.pseudonym, s.module_id, q.step_id, q.choice, q.correct, q.milliseconds, q.language, q.at, k.site,
                   EXISTS (SELECT 1 FROM atelier.quiz_skip x WHERE x.session_id = q.session_id AND x.question_index = q.question_index),
                   q.session_id
            FROM atelier.quiz_answer q JOIN atelier.quiz_session s ON s.id = q.session_id
            LEFT JOIN atelier.participant p ON p.id = q.participant_id JOIN atelier.kiosk k ON k.id = q.kiosk_id
            WHERE \(site)::text IS NULL OR k.site = \(site)
            ORDER BY q.at, q.uid
            """) {
            let (pseudonym, module, step, choice, correct, milliseconds, language, at, rowSite, skipped, session) =
                try decode(row, (String?, String, String, String, Bool, Int64, String, Int64, String, Bool, String).self, server)
            rows.append(ExportRow(source: "quiz", pseudonym: pseudonym, module: module, step: step, response: choice,
                                  correct: correct, attempt: nil, hintUsed: nil, milliseconds: milliseconds, language: language,
                                  review: false, at: ProgressStore.iso8601(at), site: rowSite, skipped: skipped, session: session))
        }
        return rows
    }

    static func decode<each Column: PostgresDecodable>(_ row: PostgresRow?, _ type: (repeat each Column).Type,
                                                       _ server: ServerConnection) throws(SyncError) -> (repeat each Column) {
        guard let row else { throw .server(server: server.address.description, reason: "no row") }
        do {
            return try row.decode((repeat each Column).self)
        } catch {
            throw .server(server: server.address.description, reason: "unexpected column types: \(error)")
        }
    }
}
