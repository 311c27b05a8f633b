// The floor for the store's benchmark: plain SQLite doing what ProgressStore.record does for one answer (the
// same three statements on the same schema, triggers included: insert the attempt, upsert the module's
// progress, touch the participant), with the same durability (WAL, synchronous=FULL, one transaction per
// answer), prepared once, with no Swift and no GRDB in between.
#ifndef CSQLITE_FLOOR_H
#define CSQLITE_FLOOR_H
#include <stdint.h>

/// Records `count` answers into the existing store file at `path` (made by ProgressStore, so that its schema
/// and triggers are the store's), for `participant`, with `state` (`state_length` bytes: the progress as the
/// store encodes it) as the saved progress; writes each commit's latency in seconds to `latencies`, which holds
/// `capacity` entries (count is cut to it). Returns 0, or an SQLite error code.
int atelier_sqlite_floor(const char *path, int count, const char *participant, const void *state, int state_length,
                         double *latencies, int capacity);

#endif
