CREATE SCHEMA atelier;

CREATE FUNCTION atelier.erase_participants(ids text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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

CREATE FUNCTION atelier.roam_claim(participant text, proof bytea) RETURNS TABLE(id text, pseudonym text, language text, created_at bigint, last_seen_at bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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

CREATE FUNCTION atelier.roam_lookup(key text) RETURNS TABLE(id text, pin_salt bytea)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
    SELECT p.id, p.pin_salt
    FROM atelier.participant p
    WHERE p.pseudonym_key = $1 AND p.pin_hash IS NOT NULL AND p.pin_salt IS NOT NULL
      AND EXISTS (SELECT 1 FROM atelier.kiosk k WHERE k.role_name = session_user AND k.id <> p.kiosk_id)
    ORDER BY p.last_seen_at DESC LIMIT 5
$_$;

CREATE TABLE atelier.attempt (
    kiosk_id text NOT NULL,
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
    at bigint NOT NULL
);

CREATE TABLE atelier.erasure (
    seq bigint NOT NULL,
    participant_id text NOT NULL,
    erased_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE atelier.erasure_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE atelier.erasure_seq_seq OWNED BY atelier.erasure.seq;

CREATE TABLE atelier.kiosk (
    id text NOT NULL,
    role_name name DEFAULT CURRENT_USER NOT NULL,
    site text NOT NULL,
    synced_through bigint DEFAULT 0 NOT NULL,
    first_sync_at timestamp with time zone DEFAULT now() NOT NULL,
    last_sync_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE atelier.module_progress (
    kiosk_id text NOT NULL,
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
    updated_at bigint NOT NULL
);

CREATE TABLE atelier.participant (
    kiosk_id text NOT NULL,
    id text NOT NULL,
    pseudonym text NOT NULL,
    language text NOT NULL,
    created_at bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    pseudonym_key text,
    pin_hash bytea,
    pin_salt bytea
);

CREATE TABLE atelier.quiz_answer (
    kiosk_id text NOT NULL,
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
    at bigint NOT NULL
);

CREATE TABLE atelier.quiz_question (
    kiosk_id text NOT NULL,
    session_id text NOT NULL,
    question_index bigint NOT NULL,
    step_id text NOT NULL
);

CREATE TABLE atelier.quiz_session (
    kiosk_id text NOT NULL,
    id text NOT NULL,
    module_id text NOT NULL,
    scoring text NOT NULL,
    started_at bigint NOT NULL,
    ended_at bigint
);

CREATE TABLE atelier.quiz_skip (
    kiosk_id text NOT NULL,
    session_id text NOT NULL,
    question_index bigint NOT NULL,
    at bigint NOT NULL
);

CREATE TABLE atelier.roam (
    participant_id text NOT NULL,
    kiosk_id text NOT NULL,
    claimed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE atelier.roam_failure (
    participant_id text NOT NULL,
    failures integer NOT NULL,
    last_at timestamp with time zone NOT NULL
);

CREATE TABLE atelier.schema_migration (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY atelier.erasure ALTER COLUMN seq SET DEFAULT nextval('atelier.erasure_seq_seq'::regclass);

ALTER TABLE ONLY atelier.attempt
    ADD CONSTRAINT attempt_pkey PRIMARY KEY (uid);

ALTER TABLE ONLY atelier.erasure
    ADD CONSTRAINT erasure_participant_id_key UNIQUE (participant_id);

ALTER TABLE ONLY atelier.erasure
    ADD CONSTRAINT erasure_pkey PRIMARY KEY (seq);

ALTER TABLE ONLY atelier.kiosk
    ADD CONSTRAINT kiosk_pkey PRIMARY KEY (id);

ALTER TABLE ONLY atelier.kiosk
    ADD CONSTRAINT kiosk_role_name_key UNIQUE (role_name);

ALTER TABLE ONLY atelier.module_progress
    ADD CONSTRAINT module_progress_pkey PRIMARY KEY (participant_id, module_id);

ALTER TABLE ONLY atelier.participant
    ADD CONSTRAINT participant_pkey PRIMARY KEY (id);

ALTER TABLE ONLY atelier.quiz_answer
    ADD CONSTRAINT quiz_answer_pkey PRIMARY KEY (uid);

ALTER TABLE ONLY atelier.quiz_question
    ADD CONSTRAINT quiz_question_pkey PRIMARY KEY (session_id, question_index);

ALTER TABLE ONLY atelier.quiz_session
    ADD CONSTRAINT quiz_session_pkey PRIMARY KEY (id);

ALTER TABLE ONLY atelier.quiz_skip
    ADD CONSTRAINT quiz_skip_pkey PRIMARY KEY (session_id, question_index);

ALTER TABLE ONLY atelier.roam_failure
    ADD CONSTRAINT roam_failure_pkey PRIMARY KEY (participant_id);

ALTER TABLE ONLY atelier.roam
    ADD CONSTRAINT roam_pkey PRIMARY KEY (participant_id, kiosk_id);

ALTER TABLE ONLY atelier.schema_migration
    ADD CONSTRAINT schema_migration_pkey PRIMARY KEY (version);

CREATE INDEX attempt_kiosk_id_idx ON atelier.attempt USING btree (kiosk_id);

CREATE INDEX attempt_module_id_step_id_idx ON atelier.attempt USING btree (module_id, step_id);

CREATE INDEX attempt_participant_id_idx ON atelier.attempt USING btree (participant_id);

CREATE INDEX module_progress_kiosk_id_idx ON atelier.module_progress USING btree (kiosk_id);

CREATE INDEX module_progress_module_id_idx ON atelier.module_progress USING btree (module_id);

CREATE INDEX participant_kiosk_id_idx ON atelier.participant USING btree (kiosk_id);

CREATE INDEX participant_pseudonym_key_idx ON atelier.participant USING btree (pseudonym_key);

CREATE INDEX quiz_answer_kiosk_id_idx ON atelier.quiz_answer USING btree (kiosk_id);

CREATE INDEX quiz_answer_participant_id_idx ON atelier.quiz_answer USING btree (participant_id);

CREATE INDEX quiz_answer_step_id_idx ON atelier.quiz_answer USING btree (step_id);

CREATE INDEX quiz_question_kiosk_id_idx ON atelier.quiz_question USING btree (kiosk_id);

CREATE INDEX quiz_session_kiosk_id_idx ON atelier.quiz_session USING btree (kiosk_id);

CREATE INDEX quiz_skip_kiosk_id_idx ON atelier.quiz_skip USING btree (kiosk_id);

ALTER TABLE ONLY atelier.attempt
    ADD CONSTRAINT attempt_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE ONLY atelier.module_progress
    ADD CONSTRAINT module_progress_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE ONLY atelier.participant
    ADD CONSTRAINT participant_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE ONLY atelier.quiz_answer
    ADD CONSTRAINT quiz_answer_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE ONLY atelier.quiz_question
    ADD CONSTRAINT quiz_question_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE ONLY atelier.quiz_session
    ADD CONSTRAINT quiz_session_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE ONLY atelier.quiz_skip
    ADD CONSTRAINT quiz_skip_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE ONLY atelier.roam
    ADD CONSTRAINT roam_kiosk_id_fkey FOREIGN KEY (kiosk_id) REFERENCES atelier.kiosk(id);

ALTER TABLE atelier.attempt ENABLE ROW LEVEL SECURITY;

CREATE POLICY coordinator_reads ON atelier.attempt FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.kiosk FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.module_progress FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.participant FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_answer FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_question FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_session FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_skip FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.roam FOR SELECT TO atelier_coordinator USING (true);

ALTER TABLE atelier.kiosk ENABLE ROW LEVEL SECURITY;

CREATE POLICY kiosk_own_rows ON atelier.attempt TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER)))) WITH CHECK ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_own_rows ON atelier.module_progress TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER)))) WITH CHECK ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_own_rows ON atelier.participant TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER)))) WITH CHECK ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_own_rows ON atelier.quiz_answer TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER)))) WITH CHECK ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_own_rows ON atelier.quiz_question TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER)))) WITH CHECK ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_own_rows ON atelier.quiz_session TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER)))) WITH CHECK ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_own_rows ON atelier.quiz_skip TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER)))) WITH CHECK ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_own_rows ON atelier.roam FOR SELECT TO atelier_kiosk USING ((kiosk_id = ( SELECT kiosk.id
   FROM atelier.kiosk
  WHERE (kiosk.role_name = CURRENT_USER))));

CREATE POLICY kiosk_self ON atelier.kiosk TO atelier_kiosk USING ((role_name = CURRENT_USER)) WITH CHECK ((role_name = CURRENT_USER));

ALTER TABLE atelier.module_progress ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.participant ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_answer ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_question ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_session ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_skip ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.roam ENABLE ROW LEVEL SECURITY;

CREATE POLICY roamed_rows ON atelier.module_progress TO atelier_kiosk USING ((participant_id IN ( SELECT roam.participant_id
   FROM atelier.roam))) WITH CHECK ((participant_id IN ( SELECT roam.participant_id
   FROM atelier.roam)));

CREATE POLICY roamed_rows ON atelier.participant TO atelier_kiosk USING ((id IN ( SELECT roam.participant_id
   FROM atelier.roam))) WITH CHECK ((id IN ( SELECT roam.participant_id
   FROM atelier.roam)));

GRANT USAGE ON SCHEMA atelier TO atelier_kiosk;
GRANT USAGE ON SCHEMA atelier TO atelier_coordinator;

REVOKE ALL ON FUNCTION atelier.erase_participants(ids text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION atelier.erase_participants(ids text[]) TO atelier_kiosk;

REVOKE ALL ON FUNCTION atelier.roam_claim(participant text, proof bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION atelier.roam_claim(participant text, proof bytea) TO atelier_kiosk;

REVOKE ALL ON FUNCTION atelier.roam_lookup(key text) FROM PUBLIC;
GRANT ALL ON FUNCTION atelier.roam_lookup(key text) TO atelier_kiosk;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.attempt TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.attempt TO atelier_coordinator;

GRANT SELECT ON TABLE atelier.erasure TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.erasure TO atelier_coordinator;

GRANT SELECT,INSERT ON TABLE atelier.kiosk TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.kiosk TO atelier_coordinator;

GRANT UPDATE(site) ON TABLE atelier.kiosk TO atelier_kiosk;

GRANT UPDATE(synced_through) ON TABLE atelier.kiosk TO atelier_kiosk;

GRANT UPDATE(last_sync_at) ON TABLE atelier.kiosk TO atelier_kiosk;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.module_progress TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.module_progress TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.participant TO atelier_kiosk;

GRANT SELECT(kiosk_id) ON TABLE atelier.participant TO atelier_coordinator;

GRANT SELECT(id) ON TABLE atelier.participant TO atelier_coordinator;

GRANT SELECT(pseudonym) ON TABLE atelier.participant TO atelier_coordinator;

GRANT SELECT(language) ON TABLE atelier.participant TO atelier_coordinator;

GRANT SELECT(created_at) ON TABLE atelier.participant TO atelier_coordinator;

GRANT SELECT(last_seen_at) ON TABLE atelier.participant TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_answer TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_answer TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_question TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_question TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_session TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_session TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_skip TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_skip TO atelier_coordinator;

GRANT SELECT ON TABLE atelier.roam TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.roam TO atelier_coordinator;

GRANT SELECT ON TABLE atelier.schema_migration TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.schema_migration TO atelier_coordinator;
