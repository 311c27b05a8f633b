import Foundation

/// The server's tables, as numbered migrations applied in order by `atelier sync migrate` (run by the
/// database's owner). Never edit a migration that has shipped: add one.
///
/// Kiosks log in each with a role of their own, member of `atelier_kiosk`; row-level security lets a kiosk
/// role see, insert, update and delete only the rows of the kiosk it registered, so no kiosk reads another's
/// participants. Coordinators (`atelier_coordinator`) read everything and write nothing.
public enum ServerSchema {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        /// Statements, run one by one in one transaction (the extended protocol takes one statement at a time).
        public let statements: [String]
    }

    public static var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    public static let migrations: [Migration] = [
        Migration(version: 1, name: "kiosks-records-roles", statements: version1),
        Migration(version: 2, name: "quiz-skip", statements: version2),
    ]

    /// The questions a facilitator skipped (kiosk migration v5-quiz-skip): their answers count for nobody in a
    /// coordinator's report either. Same rights as quiz_question.
    static var version2: [String] {
        statements("""
            CREATE TABLE atelier.quiz_skip (
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                session_id text NOT NULL,
                question_index bigint NOT NULL,
                at bigint NOT NULL,
                PRIMARY KEY (session_id, question_index)
            );
            ALTER TABLE atelier.quiz_skip ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.quiz_skip TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user)) WITH CHECK (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.quiz_skip FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.quiz_skip TO atelier_kiosk;
            GRANT SELECT ON atelier.quiz_skip TO atelier_coordinator;
            CREATE INDEX ON atelier.quiz_skip (kiosk_id);
            """)
    }

    /// Frozen as it shipped: literal SQL (it was once generated from the sync's table list, so that a later
    /// change of a Swift type would have changed a migration already run on servers). The golden dump
    /// (Tests/AtelierSyncTests/Fixtures/server-schema.sql) is its result.
    static var version1: [String] {
        statements("""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atelier_kiosk') THEN CREATE ROLE atelier_kiosk NOLOGIN; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atelier_coordinator') THEN CREATE ROLE atelier_coordinator NOLOGIN; END IF;
            END $$;
            GRANT USAGE ON SCHEMA atelier TO atelier_kiosk, atelier_coordinator;
            GRANT SELECT ON atelier.schema_migration TO atelier_kiosk, atelier_coordinator;
            CREATE TABLE atelier.kiosk (
                id text PRIMARY KEY,
                role_name name NOT NULL UNIQUE DEFAULT current_user,
                site text NOT NULL,
                synced_through bigint NOT NULL DEFAULT 0,
                first_sync_at timestamptz NOT NULL DEFAULT now(),
                last_sync_at timestamptz NOT NULL DEFAULT now()
            );
            ALTER TABLE atelier.kiosk ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_self ON atelier.kiosk TO atelier_kiosk
                USING (role_name = current_user) WITH CHECK (role_name = current_user);
            CREATE POLICY coordinator_reads ON atelier.kiosk FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT ON atelier.kiosk TO atelier_kiosk;
            GRANT UPDATE (site, synced_through, last_sync_at) ON atelier.kiosk TO atelier_kiosk;
            GRANT SELECT ON atelier.kiosk TO atelier_coordinator;

            CREATE TABLE atelier.participant (
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                id text NOT NULL,
                pseudonym text NOT NULL,
                language text NOT NULL,
                created_at bigint NOT NULL,
                last_seen_at bigint NOT NULL,
                PRIMARY KEY (id)
            );
            ALTER TABLE atelier.participant ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.participant TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user)) WITH CHECK (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.participant FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.participant TO atelier_kiosk;
            GRANT SELECT ON atelier.participant TO atelier_coordinator;
            CREATE INDEX ON atelier.participant (kiosk_id);

            CREATE TABLE atelier.quiz_session (
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                id text NOT NULL,
                module_id text NOT NULL,
                scoring text NOT NULL,
                started_at bigint NOT NULL,
                ended_at bigint,
                PRIMARY KEY (id)
            );
            ALTER TABLE atelier.quiz_session ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.quiz_session TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user)) WITH CHECK (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.quiz_session FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.quiz_session TO atelier_kiosk;
            GRANT SELECT ON atelier.quiz_session TO atelier_coordinator;
            CREATE INDEX ON atelier.quiz_session (kiosk_id);

            CREATE TABLE atelier.quiz_question (
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                session_id text NOT NULL,
                question_index bigint NOT NULL,
                step_id text NOT NULL,
                PRIMARY KEY (session_id, question_index)
            );
            ALTER TABLE atelier.quiz_question ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.quiz_question TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user)) WITH CHECK (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.quiz_question FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.quiz_question TO atelier_kiosk;
            GRANT SELECT ON atelier.quiz_question TO atelier_coordinator;
            CREATE INDEX ON atelier.quiz_question (kiosk_id);

            CREATE TABLE atelier.module_progress (
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                participant_id text NOT NULL,
                module_id text NOT NULL,
                module_version bigint NOT NULL,
                status text NOT NULL,
                current_step text,
                started_at bigint,
                completed_at bigint,
                score double precision,
                review_queue text NOT NULL,
                state bytea NOT NULL,
                updated_at bigint NOT NULL,
                PRIMARY KEY (participant_id, module_id)
            );
            ALTER TABLE atelier.module_progress ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.module_progress TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user)) WITH CHECK (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.module_progress FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.module_progress TO atelier_kiosk;
            GRANT SELECT ON atelier.module_progress TO atelier_coordinator;
            CREATE INDEX ON atelier.module_progress (kiosk_id);

            CREATE TABLE atelier.attempt (
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                uid text NOT NULL,
                participant_id text NOT NULL,
                module_id text NOT NULL,
                module_version bigint NOT NULL,
                step_id text NOT NULL,
                step_kind text NOT NULL,
                response text,
                correct boolean,
                credit double precision,
                attempt_number bigint NOT NULL,
                hint_used boolean NOT NULL,
                milliseconds bigint NOT NULL,
                language text NOT NULL,
                review boolean NOT NULL,
                at bigint NOT NULL,
                PRIMARY KEY (uid)
            );
            ALTER TABLE atelier.attempt ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.attempt TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user)) WITH CHECK (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.attempt FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.attempt TO atelier_kiosk;
            GRANT SELECT ON atelier.attempt TO atelier_coordinator;
            CREATE INDEX ON atelier.attempt (kiosk_id);

            CREATE TABLE atelier.quiz_answer (
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                uid text NOT NULL,
                session_id text NOT NULL,
                question_index bigint NOT NULL,
                step_id text NOT NULL,
                player text NOT NULL,
                participant_id text,
                choice text NOT NULL,
                correct boolean NOT NULL,
                language text NOT NULL,
                milliseconds bigint NOT NULL,
                at bigint NOT NULL,
                PRIMARY KEY (uid)
            );
            ALTER TABLE atelier.quiz_answer ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.quiz_answer TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user)) WITH CHECK (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.quiz_answer FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT, INSERT, UPDATE, DELETE ON atelier.quiz_answer TO atelier_kiosk;
            GRANT SELECT ON atelier.quiz_answer TO atelier_coordinator;
            CREATE INDEX ON atelier.quiz_answer (kiosk_id);

            CREATE INDEX ON atelier.attempt (module_id, step_id);
            CREATE INDEX ON atelier.attempt (participant_id);
            CREATE INDEX ON atelier.quiz_answer (step_id);
            CREATE INDEX ON atelier.quiz_answer (participant_id);
            CREATE INDEX ON atelier.module_progress (module_id);
            """)
    }

    /// A script cut at the semicolons that end a line, outside `$$` blocks.
    static func statements(_ script: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inBlock = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBlock.toggle() }
            if !inBlock && line.hasSuffix(";") {
                result.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { result.append(rest) }
        return result
    }
}
