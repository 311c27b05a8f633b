/// What a sync pushes: each local table with the server table it goes to, column by column, in the order of
/// the server's `COPY`. The server's schema (AtelierSync's `ServerSchema`) is written from the same list.
public enum SyncSchema {
    public enum ColumnType: Sendable {
        case text, integer, real, boolean, bytes

        /// The PostgreSQL type of the column.
        public var postgres: String {
            switch self {
            case .text: return "text"
            case .integer: return "bigint"
            case .real: return "double precision"
            case .boolean: return "boolean"
            case .bytes: return "bytea"
            }
        }
    }

    public struct Column: Sendable {
        public let server: String
        public let local: String
        public let type: ColumnType
        public let nullable: Bool
    }

    public struct Table: Sendable {
        public let server: String
        public let local: String
        public let columns: [Column]
        /// The server's primary key (global: random ids, or keys made of them).
        public let key: [String]
        /// Rows are only ever inserted (never updated on the kiosk): the server skips rows it already has.
        public let appendOnly: Bool
    }

    static func column(_ server: String, _ local: String, _ type: ColumnType, nullable: Bool = false) -> Column {
        Column(server: server, local: local, type: type, nullable: nullable)
    }

    /// In the order the server applies them within a batch.
    public static let tables: [Table] = [
        // The read-aloud setting (readAloud, speechRate: migration v4) stays on the kiosk: the server's schema is
        // frozen, and how a participant likes screens read is of no use to a report. Not listed here, not pushed.
        Table(server: "participant", local: "participant", columns: [
            column("id", "id", .text), column("pseudonym", "pseudonym", .text), column("language", "language", .text),
            column("created_at", "createdAt", .integer), column("last_seen_at", "lastSeenAt", .integer),
        ], key: ["id"], appendOnly: false),
        Table(server: "quiz_session", local: "quizSession", columns: [
            column("id", "id", .text), column("module_id", "moduleID", .text), column("scoring", "scoring", .text),
            column("started_at", "startedAt", .integer), column("ended_at", "endedAt", .integer, nullable: true),
        ], key: ["id"], appendOnly: false),
        Table(server: "quiz_question", local: "quizQuestion", columns: [
            column("session_id", "sessionID", .text), column("question_index", "questionIndex", .integer),
            column("step_id", "stepID", .text),
        ], key: ["session_id", "question_index"], appendOnly: true),
        // Server migration 2 (kiosk v5): a skipped question.
        Table(server: "quiz_skip", local: "quizSkip", columns: [
            column("session_id", "sessionID", .text), column("question_index", "questionIndex", .integer),
            column("at", "at", .integer),
        ], key: ["session_id", "question_index"], appendOnly: true),
        Table(server: "module_progress", local: "moduleProgress", columns: [
            column("participant_id", "participantID", .text), column("module_id", "moduleID", .text),
            column("module_version", "moduleVersion", .integer), column("status", "status", .text),
            column("current_step", "currentStep", .text, nullable: true), column("started_at", "startedAt", .integer, nullable: true),
            column("completed_at", "completedAt", .integer, nullable: true), column("score", "score", .real, nullable: true),
            column("review_queue", "reviewQueue", .text), column("state", "state", .bytes),
            column("updated_at", "updatedAt", .integer),
        ], key: ["participant_id", "module_id"], appendOnly: false),
        Table(server: "attempt", local: "attempt", columns: [
            column("uid", "uid", .text), column("participant_id", "participantID", .text), column("module_id", "moduleID", .text),
            column("module_version", "moduleVersion", .integer), column("step_id", "stepID", .text),
            column("step_kind", "stepKind", .text), column("response", "response", .text, nullable: true),
            column("correct", "correct", .boolean, nullable: true), column("credit", "credit", .real, nullable: true),
            column("attempt_number", "attemptNumber", .integer), column("hint_used", "hintUsed", .boolean),
            column("milliseconds", "milliseconds", .integer), column("language", "language", .text),
            column("review", "review", .boolean), column("at", "at", .integer),
        ], key: ["uid"], appendOnly: true),
        Table(server: "quiz_answer", local: "quizAnswer", columns: [
            column("uid", "uid", .text), column("session_id", "sessionID", .text), column("question_index", "questionIndex", .integer),
            column("step_id", "stepID", .text), column("player", "player", .text),
            column("participant_id", "participantID", .text, nullable: true), column("choice", "choice", .text),
            column("correct", "correct", .boolean), column("language", "language", .text),
            column("milliseconds", "milliseconds", .integer), column("at", "at", .integer),
        ], key: ["uid"], appendOnly: true),
    ]
}
