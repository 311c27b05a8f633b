#include "CSQLiteFloor.h"

#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int atelier_sqlite_floor(const char *path, int count, double *latencies) {
    sqlite3 *db = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_exec(db,
                      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                      "CREATE TABLE attempt (id INTEGER PRIMARY KEY, participantID TEXT, moduleID TEXT, moduleVersion INTEGER,"
                      " stepID TEXT, stepKind TEXT, response TEXT, correct INTEGER, credit REAL, attemptNumber INTEGER,"
                      " hintUsed INTEGER, milliseconds INTEGER, language TEXT, review INTEGER, at INTEGER);",
                      NULL, NULL, NULL);
    sqlite3_stmt *insert = NULL;
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(db,
                                "INSERT INTO attempt (participantID, moduleID, moduleVersion, stepID, stepKind, response, correct,"
                                " credit, attemptNumber, hintUsed, milliseconds, language, review, at)"
                                " VALUES ('p', 'm', 1, ?, 'choice', ?, 1, 1.0, 1, 0, 1200, 'ar', 0, ?)",
                                -1, &insert, NULL);
    }
    for (int i = 0; rc == SQLITE_OK && i < count; i++) {
        char step[32], response[32];
        snprintf(step, sizeof step, "q%d", i % 50);
        snprintf(response, sizeof response, "answer-%d", i);
        double start = now();
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK) break;
        sqlite3_bind_text(insert, 1, step, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, response, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 3, i);
        rc = sqlite3_step(insert) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(insert);
        if (rc == SQLITE_OK) rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        latencies[i] = now() - start;
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return rc;
}
