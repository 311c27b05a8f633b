import GRDB

/// The store's tables, as migrations registered in order. Never edit a migration that has shipped: add one.
/// Each is literal SQL, so that no later change of a Swift type can change what a migration does; the golden
/// schema test (SchemaTests) fails on any change of the result.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-participants-progress-attempts") { db in
            try db.execute(sql: """
                CREATE TABLE participant (
                    id TEXT PRIMARY KEY,
                    pseudonym TEXT NOT NULL,
                    pseudonymKey TEXT NOT NULL UNIQUE,   -- unique ignoring case, accents, invisible characters
                    pinHash BLOB,
                    pinSalt BLOB,
                    failedPINs INTEGER NOT NULL DEFAULT 0,
                    lockedUntil INTEGER,
                    language TEXT NOT NULL,
                    createdAt INTEGER NOT NULL,
                    lastSeenAt INTEGER NOT NULL
                );
                CREATE TABLE moduleProgress (
                    participantID TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                    moduleID TEXT NOT NULL,
                    moduleVersion INTEGER NOT NULL,
                    status TEXT NOT NULL,                -- inProgress | completed
                    currentStep TEXT,
                    startedAt INTEGER,
                    completedAt INTEGER,
                    score REAL,
                    reviewQueue TEXT NOT NULL DEFAULT '',
                    state BLOB NOT NULL,                 -- the engine's SavedProgress, JSON
                    updatedAt INTEGER NOT NULL,
                    PRIMARY KEY (participantID, moduleID)
                );
                CREATE TABLE attempt (
                    id INTEGER PRIMARY KEY,
                    participantID TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                    moduleID TEXT NOT NULL,
                    moduleVersion INTEGER NOT NULL,
                    stepID TEXT NOT NULL,
                    stepKind TEXT NOT NULL,
                    response TEXT,                       -- ids, or typed text; NULL for a private open answer
                    correct INTEGER,
                    credit REAL,
                    attemptNumber INTEGER NOT NULL,
                    hintUsed INTEGER NOT NULL,
                    milliseconds INTEGER NOT NULL,
                    language TEXT NOT NULL,
                    review INTEGER NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX attemptByModule ON attempt(moduleID, stepID);
                CREATE INDEX attemptByParticipant ON attempt(participantID);
                """)
        }
        migrator.registerMigration("v2-quiz-settings") { db in
            try db.execute(sql: """
                CREATE TABLE quizSession (
                    id TEXT PRIMARY KEY,
                    moduleID TEXT NOT NULL,
                    scoring TEXT NOT NULL,
                    startedAt INTEGER NOT NULL,
                    endedAt INTEGER
                );
                CREATE TABLE quizQuestion (
                    sessionID TEXT NOT NULL REFERENCES quizSession(id) ON DELETE CASCADE,
                    questionIndex INTEGER NOT NULL,
                    stepID TEXT NOT NULL,
                    PRIMARY KEY (sessionID, questionIndex)
                );
                CREATE TABLE quizAnswer (
                    id INTEGER PRIMARY KEY,
                    sessionID TEXT NOT NULL REFERENCES quizSession(id) ON DELETE CASCADE,
                    questionIndex INTEGER NOT NULL,
                    stepID TEXT NOT NULL,
                    player TEXT NOT NULL,                -- a random id for the session, not the nickname
                    participantID TEXT REFERENCES participant(id) ON DELETE CASCADE,
                    choice TEXT NOT NULL,
                    correct INTEGER NOT NULL,
                    language TEXT NOT NULL,
                    milliseconds INTEGER NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX quizAnswerByStep ON quizAnswer(stepID);
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY,
                    value BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-sync") { db in
            // Every row gets a place in one change sequence (a trigger takes the next number on each insert or
            // update), so that a sync can push "what changed after N" in order and in batches; attempts and quiz
            // answers get a global id; a deleted participant leaves a tombstone (their random id only) until the
            // server has seen it. Existing rows are numbered in table order, so the first sync pushes them all.
            try db.execute(sql: """
                CREATE TABLE syncClock (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
                INSERT INTO syncClock VALUES (1, 0);
                CREATE TABLE erasure (participantID TEXT PRIMARY KEY, changeSeq INTEGER NOT NULL);
                CREATE INDEX erasureBySeq ON erasure(changeSeq);
                ALTER TABLE attempt ADD COLUMN uid TEXT;
                ALTER TABLE quizAnswer ADD COLUMN uid TEXT;
                UPDATE attempt SET uid = lower(hex(randomblob(16)));
                UPDATE quizAnswer SET uid = lower(hex(randomblob(16)));
                INSERT OR IGNORE INTO setting (key, value) VALUES ('kioskID', lower(hex(randomblob(16))));
                """)
            // Frozen as it shipped (it was once generated from the sync's table list: today's types must never
            // change a migration that has run on kiosks). Tests/AtelierStoreTests/Fixtures/schema.sql is its result.
            try db.execute(sql: """
                ALTER TABLE participant ADD COLUMN changeSeq INTEGER NOT NULL DEFAULT 0;
                UPDATE participant SET changeSeq = rowid + (SELECT seq FROM syncClock);
                UPDATE syncClock SET seq = (SELECT MAX(seq, COALESCE((SELECT MAX(changeSeq) FROM participant), 0)) FROM syncClock);
                CREATE INDEX participantBySeq ON participant(changeSeq);
                CREATE TRIGGER participantInserted AFTER INSERT ON participant BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE participant SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER participantUpdated AFTER UPDATE OF pseudonym, language, lastSeenAt ON participant WHEN NEW.changeSeq = OLD.changeSeq BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE participant SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                ALTER TABLE quizSession ADD COLUMN changeSeq INTEGER NOT NULL DEFAULT 0;
                UPDATE quizSession SET changeSeq = rowid + (SELECT seq FROM syncClock);
                UPDATE syncClock SET seq = (SELECT MAX(seq, COALESCE((SELECT MAX(changeSeq) FROM quizSession), 0)) FROM syncClock);
                CREATE INDEX quizSessionBySeq ON quizSession(changeSeq);
                CREATE TRIGGER quizSessionInserted AFTER INSERT ON quizSession BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE quizSession SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER quizSessionUpdated AFTER UPDATE ON quizSession WHEN NEW.changeSeq = OLD.changeSeq BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE quizSession SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                ALTER TABLE quizQuestion ADD COLUMN changeSeq INTEGER NOT NULL DEFAULT 0;
                UPDATE quizQuestion SET changeSeq = rowid + (SELECT seq FROM syncClock);
                UPDATE syncClock SET seq = (SELECT MAX(seq, COALESCE((SELECT MAX(changeSeq) FROM quizQuestion), 0)) FROM syncClock);
                CREATE INDEX quizQuestionBySeq ON quizQuestion(changeSeq);
                CREATE TRIGGER quizQuestionInserted AFTER INSERT ON quizQuestion BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE quizQuestion SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER quizQuestionUpdated AFTER UPDATE ON quizQuestion WHEN NEW.changeSeq = OLD.changeSeq BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE quizQuestion SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                ALTER TABLE moduleProgress ADD COLUMN changeSeq INTEGER NOT NULL DEFAULT 0;
                UPDATE moduleProgress SET changeSeq = rowid + (SELECT seq FROM syncClock);
                UPDATE syncClock SET seq = (SELECT MAX(seq, COALESCE((SELECT MAX(changeSeq) FROM moduleProgress), 0)) FROM syncClock);
                CREATE INDEX moduleProgressBySeq ON moduleProgress(changeSeq);
                CREATE TRIGGER moduleProgressInserted AFTER INSERT ON moduleProgress BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE moduleProgress SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER moduleProgressUpdated AFTER UPDATE ON moduleProgress WHEN NEW.changeSeq = OLD.changeSeq BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE moduleProgress SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                ALTER TABLE attempt ADD COLUMN changeSeq INTEGER NOT NULL DEFAULT 0;
                UPDATE attempt SET changeSeq = rowid + (SELECT seq FROM syncClock);
                UPDATE syncClock SET seq = (SELECT MAX(seq, COALESCE((SELECT MAX(changeSeq) FROM attempt), 0)) FROM syncClock);
                CREATE INDEX attemptBySeq ON attempt(changeSeq);
                CREATE TRIGGER attemptInserted AFTER INSERT ON attempt BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE attempt SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER attemptUpdated AFTER UPDATE ON attempt WHEN NEW.changeSeq = OLD.changeSeq BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE attempt SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
                END;
                ALTER TABLE quizAnswer ADD COLUMN changeSeq INTEGER NOT NULL DEFAULT 0;
                UPDATE quizAnswer SET changeSeq = rowid + (SELECT seq FROM syncClock);
                UPDATE syncClock SET seq = (SELECT MAX(seq, COALESCE((SELECT MAX(changeSeq) FROM quizAnswer), 0)) FROM syncClock);
                CREATE INDEX quizAnswerBySeq ON quizAnswer(changeSeq);
                CREATE TRIGGER quizAnswerInserted AFTER INSERT ON quizAnswer BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE quizAnswer SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER quizAnswerUpdated AFTER UPDATE ON quizAnswer WHEN NEW.changeSeq = OLD.changeSeq BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE quizAnswer SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
                END;
                """)
            try db.execute(sql: """
                CREATE TRIGGER participantErased AFTER DELETE ON participant BEGIN
                    UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                    INSERT OR REPLACE INTO erasure (participantID, changeSeq) VALUES (OLD.id, (SELECT seq FROM syncClock WHERE id = 1));
                END;
                """)
        }
        migrator.registerMigration("v4-read-aloud") { db in
            // A participant's read-aloud setting (issue #19), kept with their profile on this kiosk only: the sync
            // does not push these columns (its list of columns leaves them out: the server's schema is frozen), and
            // the participantUpdated trigger does not watch them, so changing the setting makes no change to push.
            try db.execute(sql: """
                ALTER TABLE participant ADD COLUMN readAloud INTEGER NOT NULL DEFAULT 0;   -- 1: each new screen is read aloud
                ALTER TABLE participant ADD COLUMN speechRate TEXT;                        -- slow | normal | fast; NULL: the kiosk's own
                """)
        }
        migrator.registerMigration("v5-quiz-skip") { db in
            // A question the facilitator skipped (issue #22): its answers stay as given, but they count for nobody.
            // The skip is a row of its own rather than a flag on each answer, because the answers are on disk (and
            // perhaps on the server: quiz answers are append-only there) before the facilitator presses `s`.
            // Append-only and synced like quizQuestion, so a coordinator's report leaves them out too.
            try db.execute(sql: """
                CREATE TABLE quizSkip (
                    sessionID TEXT NOT NULL REFERENCES quizSession(id) ON DELETE CASCADE,
                    questionIndex INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    changeSeq INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (sessionID, questionIndex)
                );
                CREATE INDEX quizSkipBySeq ON quizSkip(changeSeq);
                CREATE TRIGGER quizSkipInserted AFTER INSERT ON quizSkip BEGIN
                UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
                UPDATE quizSkip SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
                END;
                """)
        }
        return migrator
    }
}
