CREATE SCHEMA atelier;

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
    last_seen_at bigint NOT NULL
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

CREATE TABLE atelier.schema_migration (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY atelier.attempt
    ADD CONSTRAINT attempt_pkey PRIMARY KEY (uid);

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

ALTER TABLE ONLY atelier.schema_migration
    ADD CONSTRAINT schema_migration_pkey PRIMARY KEY (version);

CREATE INDEX attempt_kiosk_id_idx ON atelier.attempt USING btree (kiosk_id);

CREATE INDEX attempt_module_id_step_id_idx ON atelier.attempt USING btree (module_id, step_id);

CREATE INDEX attempt_participant_id_idx ON atelier.attempt USING btree (participant_id);

CREATE INDEX module_progress_kiosk_id_idx ON atelier.module_progress USING btree (kiosk_id);

CREATE INDEX module_progress_module_id_idx ON atelier.module_progress USING btree (module_id);

CREATE INDEX participant_kiosk_id_idx ON atelier.participant USING btree (kiosk_id);

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

ALTER TABLE atelier.attempt ENABLE ROW LEVEL SECURITY;

CREATE POLICY coordinator_reads ON atelier.attempt FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.kiosk FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.module_progress FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.participant FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_answer FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_question FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_session FOR SELECT TO atelier_coordinator USING (true);

CREATE POLICY coordinator_reads ON atelier.quiz_skip FOR SELECT TO atelier_coordinator USING (true);

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

CREATE POLICY kiosk_self ON atelier.kiosk TO atelier_kiosk USING ((role_name = CURRENT_USER)) WITH CHECK ((role_name = CURRENT_USER));

ALTER TABLE atelier.module_progress ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.participant ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_answer ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_question ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_session ENABLE ROW LEVEL SECURITY;

ALTER TABLE atelier.quiz_skip ENABLE ROW LEVEL SECURITY;

GRANT USAGE ON SCHEMA atelier TO atelier_kiosk;
GRANT USAGE ON SCHEMA atelier TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.attempt TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.attempt TO atelier_coordinator;

GRANT SELECT,INSERT ON TABLE atelier.kiosk TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.kiosk TO atelier_coordinator;

GRANT UPDATE(site) ON TABLE atelier.kiosk TO atelier_kiosk;

GRANT UPDATE(synced_through) ON TABLE atelier.kiosk TO atelier_kiosk;

GRANT UPDATE(last_sync_at) ON TABLE atelier.kiosk TO atelier_kiosk;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.module_progress TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.module_progress TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.participant TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.participant TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_answer TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_answer TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_question TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_question TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_session TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_session TO atelier_coordinator;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE atelier.quiz_skip TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.quiz_skip TO atelier_coordinator;

GRANT SELECT ON TABLE atelier.schema_migration TO atelier_kiosk;
GRANT SELECT ON TABLE atelier.schema_migration TO atelier_coordinator;
