import AtelierEngine
import Foundation
import GRDB

extension ProgressStore {
    /// Erases a participant: every row about them, then the file rewritten (with `secure_delete` on, a
    /// checkpoint and a VACUUM) so that nothing of them remains in it. Returns false when nobody has that
    /// pseudonym.
    public func erase(pseudonym: String) throws(StoreError) -> Bool {
        let key = Self.pseudonymKey(Self.clean(pseudonym))
        let erased = try write { db -> Bool in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM participant WHERE pseudonymKey = ?", arguments: [key]) else {
                return false
            }
            try db.execute(sql: "DELETE FROM attempt WHERE participantID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM moduleProgress WHERE participantID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM quizAnswer WHERE participantID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [id])
            return true
        }
        if erased { try compact() }
        return erased
    }

    /// Erases participants not seen for `days` days, with everything about them.
    public func prune(olderThan days: Int, at now: Instant) throws(StoreError) -> Int {
        let limit = now.milliseconds - Int64(days) * 86_400_000
        let count = try write { db -> Int in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM participant WHERE lastSeenAt < ?", arguments: [limit])
            for id in ids {
                try db.execute(sql: "DELETE FROM attempt WHERE participantID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM moduleProgress WHERE participantID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM quizAnswer WHERE participantID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [id])
            }
            return ids.count
        }
        if count > 0 { try compact() }
        return count
    }

    /// Rewrites the file and empties the write-ahead log, so that deleted rows leave no trace in either.
    func compact() throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    // MARK: - The facilitator's PIN

    /// Leaving the kiosk needs this PIN; it is kept as a salted slow hash only.
    public func setFacilitatorPIN(_ pin: String) throws(StoreError) -> Bool {
        guard PINHasher.isValid(pin) else { return false }
        let salt = PINHasher.salt()
        let hash = try hashPIN(pin, salt: salt)
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('facilitatorPINSalt', ?), ('facilitatorPINHash', ?)",
                           arguments: [salt, hash])
        }
        return true
    }

    public var hasFacilitatorPIN: Bool {
        get throws(StoreError) {
            try read { db in try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'facilitatorPINHash'") != nil }
        }
    }

    public func checkFacilitatorPIN(_ pin: String) throws(StoreError) -> Bool {
        let stored = try read { db -> (Data, Data)? in
            guard let salt = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'facilitatorPINSalt'"),
                  let hash = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'facilitatorPINHash'") else {
                return nil
            }
            return (salt, hash)
        }
        guard let (salt, hash) = stored else { return false }
        return try pinMatches(pin, salt: salt, hash: hash)
    }
}
