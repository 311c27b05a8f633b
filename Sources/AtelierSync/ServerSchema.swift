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
        Migration(version: 3, name: "roaming-profiles-erasures", statements: version3),
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

    /// Roaming profiles and erasures that reach every site (issue #23).
    ///
    /// - A participant's row carries the key it is found by and its PIN's salted hash (never a PIN). Another
    ///   site's kiosk cannot read it (row-level security), nor can a coordinator read the hash (column grants): a
    ///   4-digit PIN's hash gives the PIN away offline. `roam_lookup` (SECURITY DEFINER) gives a kiosk only the ids
    ///   and salts of the profiles with a PIN whose key is the one typed; `roam_claim` takes the hash the kiosk
    ///   derived from the typed PIN and that salt, compares it on the server (ten wrong ones in 15 minutes lock the
    ///   profile's roaming for 15 minutes, whichever kiosk sent them), and only when it matches records that this
    ///   kiosk now holds the profile (`roam`) and returns it; from then on the kiosk may read and update
    ///   that participant's row and progress as its own (the `roamed_rows` policies), so that its upserts of the
    ///   same ids go through, without duplicates.
    /// - An erasure is a tombstone (`erasure`: the random id, a number and the time; nothing else of the person).
    ///   `erase_participants` (SECURITY DEFINER) deletes every row of those participants whichever kiosk pushed
    ///   them, for ids the calling kiosk holds (its own or roamed) or that no kiosk holds; every kiosk reads the
    ///   tombstones after the number it last applied and erases its own copy; rows of an erased id are no longer
    ///   taken from any push.
    static var version3: [String] {
        statements("""
            ALTER TABLE atelier.participant ADD COLUMN pseudonym_key text;
            ALTER TABLE atelier.participant ADD COLUMN pin_hash bytea;
            ALTER TABLE atelier.participant ADD COLUMN pin_salt bytea;
            CREATE INDEX ON atelier.participant (pseudonym_key);

            CREATE TABLE atelier.roam (
                participant_id text NOT NULL,
                kiosk_id text NOT NULL REFERENCES atelier.kiosk(id),
                claimed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (participant_id, kiosk_id)
            );
            ALTER TABLE atelier.roam ENABLE ROW LEVEL SECURITY;
            CREATE POLICY kiosk_own_rows ON atelier.roam FOR SELECT TO atelier_kiosk
                USING (kiosk_id = (SELECT id FROM atelier.kiosk WHERE role_name = current_user));
            CREATE POLICY coordinator_reads ON atelier.roam FOR SELECT TO atelier_coordinator USING (true);
            GRANT SELECT ON atelier.roam TO atelier_kiosk, atelier_coordinator;

            CREATE POLICY roamed_rows ON atelier.participant TO atelier_kiosk
                USING (id IN (SELECT participant_id FROM atelier.roam)) WITH CHECK (id IN (SELECT participant_id FROM atelier.roam));
            CREATE POLICY roamed_rows ON atelier.module_progress TO atelier_kiosk
                USING (participant_id IN (SELECT participant_id FROM atelier.roam)) WITH CHECK (participant_id IN (SELECT participant_id FROM atelier.roam));

            CREATE TABLE atelier.erasure (
                seq bigserial PRIMARY KEY,
                participant_id text NOT NULL UNIQUE,
                erased_at timestamptz NOT NULL DEFAULT now()
            );
            GRANT SELECT ON atelier.erasure TO atelier_kiosk, atelier_coordinator;

            -- Coordinators read participants without their PIN's hash and salt (a 4-digit PIN's hash is found offline).
            REVOKE SELECT ON atelier.participant FROM atelier_coordinator;
            GRANT SELECT (kiosk_id, id, pseudonym, language, created_at, last_seen_at) ON atelier.participant TO atelier_coordinator;

            -- Wrong proofs per profile, whichever kiosk sent them: only the functions below read or write it.
            CREATE TABLE atelier.roam_failure (
                participant_id text PRIMARY KEY,
                failures integer NOT NULL,
                last_at timestamptz NOT NULL
            );
            REVOKE ALL ON atelier.roam_failure FROM PUBLIC;

            CREATE FUNCTION atelier.roam_lookup(key text)
            RETURNS TABLE (id text, pin_salt bytea)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
                SELECT p.id, p.pin_salt
                FROM atelier.participant p
                WHERE p.pseudonym_key = $1 AND p.pin_hash IS NOT NULL AND p.pin_salt IS NOT NULL
                  AND EXISTS (SELECT 1 FROM atelier.kiosk k WHERE k.role_name = session_user AND k.id <> p.kiosk_id)
                ORDER BY p.last_seen_at DESC LIMIT 5
            $$;
            REVOKE ALL ON FUNCTION atelier.roam_lookup(text) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION atelier.roam_lookup(text) TO atelier_kiosk;

            CREATE FUNCTION atelier.roam_claim(participant text, proof bytea)
            RETURNS TABLE (id text, pseudonym text, language text, created_at bigint, last_seen_at bigint)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            #variable_conflict use_column
            DECLARE
                me text := (SELECT k.id FROM atelier.kiosk k WHERE k.role_name = session_user);
                failed atelier.roam_failure;
            BEGIN
                IF me IS NULL THEN RETURN; END IF;
                SELECT * INTO failed FROM atelier.roam_failure f WHERE f.participant_id = participant;
                IF failed.failures >= 10 AND failed.last_at > now() - interval '15 minutes' THEN RETURN; END IF;
                IF NOT EXISTS (SELECT 1 FROM atelier.participant p WHERE p.id = participant AND p.pin_hash = proof) THEN
                    INSERT INTO atelier.roam_failure AS f (participant_id, failures, last_at) VALUES (participant, 1, now())
                    ON CONFLICT (participant_id) DO UPDATE
                    SET failures = CASE WHEN f.last_at < now() - interval '15 minutes' THEN 1 ELSE f.failures + 1 END, last_at = now();
                    RETURN;
                END IF;
                DELETE FROM atelier.roam_failure f WHERE f.participant_id = participant;
                INSERT INTO atelier.roam (participant_id, kiosk_id) VALUES (participant, me) ON CONFLICT DO NOTHING;
                RETURN QUERY SELECT p.id, p.pseudonym, p.language, p.created_at, p.last_seen_at
                             FROM atelier.participant p WHERE p.id = participant;
            END
            $$;
            REVOKE ALL ON FUNCTION atelier.roam_claim(text, bytea) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION atelier.roam_claim(text, bytea) TO atelier_kiosk;

            CREATE FUNCTION atelier.erase_participants(ids text[]) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            DECLARE
                me text := (SELECT k.id FROM atelier.kiosk k WHERE k.role_name = session_user);
                allowed text[];
            BEGIN
                IF me IS NULL THEN RETURN; END IF;
                SELECT COALESCE(array_agg(i), '{}') INTO allowed FROM unnest(ids) AS i
                WHERE NOT EXISTS (SELECT 1 FROM atelier.participant p WHERE p.id = i AND p.kiosk_id <> me)
                   OR EXISTS (SELECT 1 FROM atelier.roam r WHERE r.participant_id = i AND r.kiosk_id = me);
                INSERT INTO atelier.erasure (participant_id) SELECT unnest(allowed) ON CONFLICT DO NOTHING;
                DELETE FROM atelier.attempt WHERE participant_id = ANY(allowed);
                DELETE FROM atelier.quiz_answer WHERE participant_id = ANY(allowed);
                DELETE FROM atelier.module_progress WHERE participant_id = ANY(allowed);
                DELETE FROM atelier.roam WHERE participant_id = ANY(allowed);
                DELETE FROM atelier.participant WHERE id = ANY(allowed);
            END
            $$;
            REVOKE ALL ON FUNCTION atelier.erase_participants(text[]) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION atelier.erase_participants(text[]) TO atelier_kiosk;
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
