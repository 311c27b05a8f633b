-- index attemptByModule
CREATE INDEX attemptByModule ON attempt(moduleID, stepID);

-- index attemptByParticipant
CREATE INDEX attemptByParticipant ON attempt(participantID);

-- index attemptBySeq
CREATE INDEX attemptBySeq ON attempt(changeSeq);

-- index erasureBySeq
CREATE INDEX erasureBySeq ON erasure(changeSeq);

-- index moduleProgressBySeq
CREATE INDEX moduleProgressBySeq ON moduleProgress(changeSeq);

-- index participantBySeq
CREATE INDEX participantBySeq ON participant(changeSeq);

-- index quizAnswerBySeq
CREATE INDEX quizAnswerBySeq ON quizAnswer(changeSeq);

-- index quizAnswerByStep
CREATE INDEX quizAnswerByStep ON quizAnswer(stepID);

-- index quizQuestionBySeq
CREATE INDEX quizQuestionBySeq ON quizQuestion(changeSeq);

-- index quizSessionBySeq
CREATE INDEX quizSessionBySeq ON quizSession(changeSeq);

-- index quizSkipBySeq
CREATE INDEX quizSkipBySeq ON quizSkip(changeSeq);

-- table attempt
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
, uid TEXT, changeSeq INTEGER NOT NULL DEFAULT 0);

-- table erasure
CREATE TABLE erasure (participantID TEXT PRIMARY KEY, changeSeq INTEGER NOT NULL);

-- table grdb_migrations
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);

-- table moduleProgress
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
    updatedAt INTEGER NOT NULL, changeSeq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (participantID, moduleID)
);

-- table participant
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
, changeSeq INTEGER NOT NULL DEFAULT 0, readAloud INTEGER NOT NULL DEFAULT 0, speechRate TEXT);

-- table quizAnswer
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
, uid TEXT, changeSeq INTEGER NOT NULL DEFAULT 0);

-- table quizQuestion
CREATE TABLE quizQuestion (
    sessionID TEXT NOT NULL REFERENCES quizSession(id) ON DELETE CASCADE,
    questionIndex INTEGER NOT NULL,
    stepID TEXT NOT NULL, changeSeq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sessionID, questionIndex)
);

-- table quizSession
CREATE TABLE quizSession (
    id TEXT PRIMARY KEY,
    moduleID TEXT NOT NULL,
    scoring TEXT NOT NULL,
    startedAt INTEGER NOT NULL,
    endedAt INTEGER
, changeSeq INTEGER NOT NULL DEFAULT 0);

-- table quizSkip
CREATE TABLE quizSkip (
    sessionID TEXT NOT NULL REFERENCES quizSession(id) ON DELETE CASCADE,
    questionIndex INTEGER NOT NULL,
    at INTEGER NOT NULL,
    changeSeq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sessionID, questionIndex)
);

-- table setting
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

-- table syncClock
CREATE TABLE syncClock (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);

-- trigger attemptInserted
CREATE TRIGGER attemptInserted AFTER INSERT ON attempt BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE attempt SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
END;

-- trigger attemptUpdated
CREATE TRIGGER attemptUpdated AFTER UPDATE ON attempt WHEN NEW.changeSeq = OLD.changeSeq BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE attempt SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
END;

-- trigger moduleProgressInserted
CREATE TRIGGER moduleProgressInserted AFTER INSERT ON moduleProgress BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE moduleProgress SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger moduleProgressUpdated
CREATE TRIGGER moduleProgressUpdated AFTER UPDATE ON moduleProgress WHEN NEW.changeSeq = OLD.changeSeq BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE moduleProgress SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger participantErased
CREATE TRIGGER participantErased AFTER DELETE ON participant BEGIN
    UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
    INSERT OR REPLACE INTO erasure (participantID, changeSeq) VALUES (OLD.id, (SELECT seq FROM syncClock WHERE id = 1));
END;

-- trigger participantInserted
CREATE TRIGGER participantInserted AFTER INSERT ON participant BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE participant SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger participantUpdated
CREATE TRIGGER participantUpdated AFTER UPDATE OF pseudonym, language, lastSeenAt ON participant WHEN NEW.changeSeq = OLD.changeSeq BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE participant SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger quizAnswerInserted
CREATE TRIGGER quizAnswerInserted AFTER INSERT ON quizAnswer BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE quizAnswer SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
END;

-- trigger quizAnswerUpdated
CREATE TRIGGER quizAnswerUpdated AFTER UPDATE ON quizAnswer WHEN NEW.changeSeq = OLD.changeSeq BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE quizAnswer SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1), uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))) WHERE rowid = NEW.rowid;
END;

-- trigger quizQuestionInserted
CREATE TRIGGER quizQuestionInserted AFTER INSERT ON quizQuestion BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE quizQuestion SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger quizQuestionUpdated
CREATE TRIGGER quizQuestionUpdated AFTER UPDATE ON quizQuestion WHEN NEW.changeSeq = OLD.changeSeq BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE quizQuestion SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger quizSessionInserted
CREATE TRIGGER quizSessionInserted AFTER INSERT ON quizSession BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE quizSession SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger quizSessionUpdated
CREATE TRIGGER quizSessionUpdated AFTER UPDATE ON quizSession WHEN NEW.changeSeq = OLD.changeSeq BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE quizSession SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- trigger quizSkipInserted
CREATE TRIGGER quizSkipInserted AFTER INSERT ON quizSkip BEGIN
UPDATE syncClock SET seq = seq + 1 WHERE id = 1;
UPDATE quizSkip SET changeSeq = (SELECT seq FROM syncClock WHERE id = 1) WHERE rowid = NEW.rowid;
END;

-- migrations applied
-- v1-participants-progress-attempts
-- v2-quiz-settings
-- v3-sync
-- v4-read-aloud
-- v5-quiz-skip
