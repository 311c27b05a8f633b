// The floor for the store's benchmark: plain SQLite inserts with the same durability settings as
// ProgressStore (WAL, synchronous=FULL, one transaction per row), no Swift and no GRDB in between.
#ifndef CSQLITE_FLOOR_H
#define CSQLITE_FLOOR_H
#include <stdint.h>

/// Inserts `count` attempt-shaped rows into a new file at `path`, one transaction each, and writes each
/// commit's latency in seconds to `latencies`. Returns 0, or an SQLite error code.
int atelier_sqlite_floor(const char *path, int count, double *latencies);

#endif
