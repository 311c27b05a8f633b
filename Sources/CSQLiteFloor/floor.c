#include "CSQLiteFloor.h"

#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

// The store's statements, word for word (Sources/AtelierStore/ProgressStore.swift, record and upsert).
static const char *insert_attempt =
    "INSERT INTO attempt (participantID, moduleID, moduleVersion, stepID, stepKind, response, correct, credit,"
    " attemptNumber, hintUsed, milliseconds, language, review, at)"
    " VALUES (?, 'bench', 1, ?, 'choice', ?, 1, 1.0, 1, 0, 1200, 'ar', 0, ?)";
static const char *upsert_progress =
    "INSERT INTO moduleProgress (participantID, moduleID, moduleVersion, status, currentStep, startedAt,"
    " completedAt, score, reviewQueue, state, updatedAt)"
    " VALUES (?, 'bench', 1, 'inProgress', ?, ?, NULL, 0, '', ?, ?)"
    " ON CONFLICT (participantID, moduleID) DO UPDATE SET"
    " moduleVersion = excluded.moduleVersion, status = excluded.status, currentStep = excluded.currentStep,"
    " startedAt = COALESCE(moduleProgress.startedAt, excluded.startedAt), completedAt = excluded.completedAt,"
    " score = excluded.score, reviewQueue = excluded.reviewQueue, state = excluded.state,"
    " updatedAt = excluded.updatedAt";
static const char *touch_participant = "UPDATE participant SET lastSeenAt = ? WHERE id = ?";

int atelier_sqlite_floor(const char *path, int count, const char *participant, const void *state, int state_length,
                         double *latencies, int capacity) {
    if (count > capacity) count = capacity;
    sqlite3 *db = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
    sqlite3_stmt *statements[3] = {NULL, NULL, NULL};
    const char *texts[3] = {insert_attempt, upsert_progress, touch_participant};
    for (int s = 0; rc == SQLITE_OK && s < 3; s++) rc = sqlite3_prepare_v2(db, texts[s], -1, &statements[s], NULL);
    const sqlite3_int64 start_ms = 1764000000000LL;
    for (int i = 0; rc == SQLITE_OK && i < count; i++) {
        char step[32], response[32], next[32];
        snprintf(step, sizeof step, "q%d", i % 50);
        snprintf(response, sizeof response, "answer-%d", i);
        snprintf(next, sizeof next, "q%d", (i + 1) % 50);
        const sqlite3_int64 at = start_ms + i;
        double start = now();
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK) break;
        sqlite3_stmt *a = statements[0], *p = statements[1], *t = statements[2];
        sqlite3_bind_text(a, 1, participant, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(a, 2, step, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(a, 3, response, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(a, 4, at);
        sqlite3_bind_text(p, 1, participant, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(p, 2, next, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(p, 3, start_ms);
        sqlite3_bind_blob(p, 4, state, state_length, SQLITE_TRANSIENT);
        sqlite3_bind_int64(p, 5, at);
        sqlite3_bind_int64(t, 1, at);
        sqlite3_bind_text(t, 2, participant, -1, SQLITE_TRANSIENT);
        for (int s = 0; rc == SQLITE_OK && s < 3; s++) {
            rc = sqlite3_step(statements[s]) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
            sqlite3_reset(statements[s]);
        }
        rc = sqlite3_exec(db, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK ? rc : sqlite3_errcode(db);
        latencies[i] = now() - start;
    }
    for (int s = 0; s < 3; s++) sqlite3_finalize(statements[s]);
    sqlite3_close(db);
    return rc;
}
