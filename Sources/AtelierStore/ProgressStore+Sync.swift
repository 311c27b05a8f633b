import AtelierEngine
import Foundation
import GRDB

/// The kiosk's half of a sync: this file's kiosk id, the changes after a point of its change sequence, and
/// the bookkeeping once the server has them. No network here (AtelierSync has it).
extension ProgressStore {
    /// The random id this data file got when it was first opened by a version that syncs.
    public func kioskID() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM setting WHERE key = 'kioskID'") ?? "" }
    }

    /// The newest number of the change sequence.
    public func latestChange() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM syncClock WHERE id = 1") ?? 0 }
    }

    /// At most about `limit` changed rows after `after`, oldest first, read in one snapshot. The batch ends at a
    /// change number, so that the next batch starts exactly where this one stops whatever is written meanwhile.
    public func changes(after: Int64, limit: Int) throws(StoreError) -> SyncBatch {
        try read { db in
            let tables = SyncSchema.tables.map(\.local) + ["erasure"]
            // The limit-th smallest change number: each table offers its first `limit` (through its index).
            let heads = tables.map { "SELECT * FROM (SELECT changeSeq FROM \($0) WHERE changeSeq > ?1 ORDER BY changeSeq LIMIT ?2)" }
            let through = try Int64.fetchOne(db, sql: """
                SELECT MAX(changeSeq) FROM (SELECT changeSeq FROM (\(heads.joined(separator: " UNION ALL "))) ORDER BY changeSeq LIMIT ?2)
                """, arguments: [after, limit]) ?? after
            var batch = SyncBatch(after: after, through: through, tables: [], erasures: [])
            guard through > after else { return batch }
            for table in SyncSchema.tables {
                let columns = table.columns.map(\.local).joined(separator: ", ")
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT \(columns) FROM \(table.local) WHERE changeSeq > ? AND changeSeq <= ? ORDER BY changeSeq
                    """, arguments: [after, through])
                var rows: [[SyncValue]] = []
                while let row = try cursor.next() {
                    rows.append(table.columns.indices.map { Self.syncValue(row[$0] as DatabaseValue) })
                }
                batch.tables.append(SyncBatch.Rows(table: table, rows: rows))
            }
            batch.erasures = try String.fetchAll(db, sql: "SELECT participantID FROM erasure WHERE changeSeq > ? AND changeSeq <= ?",
                                                 arguments: [after, through])
            return batch
        }
    }

    static func syncValue(_ value: DatabaseValue) -> SyncValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .bytes([UInt8](data))
        }
    }

    /// The server has every change up to `through`: tombstones up to there are forgotten (the server has
    /// erased those participants), and the kiosk remembers how far it got.
    public func acknowledgeSync(through: Int64, at now: Instant) throws(StoreError) {
        let forgotten = try write { db -> Int in
            try db.execute(sql: "DELETE FROM erasure WHERE changeSeq <= ?", arguments: [through])
            let forgotten = db.changesCount
            try db.execute(sql: """
                INSERT OR REPLACE INTO setting (key, value) VALUES ('syncedThrough', ?), ('syncLastSuccessAt', ?);
                DELETE FROM setting WHERE key = 'syncLastFailure';
                """, arguments: [through, now.milliseconds])
            return forgotten
        }
        // As for the erase itself: not even the random id of an erased participant stays in the file.
        if forgotten > 0 { try compact() }
    }

    /// Why the last sync failed, kept for `atelier sync status` (never shown on the participants' screen).
    public func noteSyncFailure(_ reason: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('syncLastFailure', ?)", arguments: [reason])
        }
    }

    public func syncStatus() throws(StoreError) -> SyncStatus {
        try read { db in
            func setting<T: DatabaseValueConvertible>(_ key: String) throws -> T? {
                try T.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
            }
            let through: Int64 = try setting("syncedThrough") ?? 0
            var pending = 0
            for table in SyncSchema.tables.map(\.local) + ["erasure"] {
                pending += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE changeSeq > ?", arguments: [through]) ?? 0
            }
            return SyncStatus(kioskID: try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM setting WHERE key = 'kioskID'") ?? "",
                              syncedThrough: through,
                              latestChange: try Int64.fetchOne(db, sql: "SELECT seq FROM syncClock WHERE id = 1") ?? 0,
                              pending: pending, lastSuccessAt: try setting("syncLastSuccessAt"),
                              lastFailure: (try Data?.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'syncLastFailure'"))
                                .flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) })
        }
    }
}
