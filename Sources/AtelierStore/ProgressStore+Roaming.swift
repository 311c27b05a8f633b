import AtelierEngine
import Crypto
import Foundation
import GRDB

/// A profile made at another site of the organisation, as the shared server keeps it: what the sync pushed of
/// it, its PIN's salted hash among it (never the PIN).
public struct RoamingProfile: Sendable, Equatable {
    public var id: String
    public var pseudonym: String
    public var language: String
    public var createdAt: Int64
    public var lastSeenAt: Int64
    public var pinHash: Data
    public var pinSalt: Data

    public init(id: String, pseudonym: String, language: String, createdAt: Int64, lastSeenAt: Int64, pinHash: Data, pinSalt: Data) {
        self.id = id
        self.pseudonym = pseudonym
        self.language = language
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.pinHash = pinHash
        self.pinSalt = pinSalt
    }
}

/// One module's progress of a roaming profile, column for column as the sync pushed it.
public struct RoamingProgress: Sendable, Equatable {
    public var moduleID: String
    public var moduleVersion: Int64
    public var status: String
    public var currentStep: String?
    public var startedAt: Int64?
    public var completedAt: Int64?
    public var score: Double?
    public var reviewQueue: String
    public var state: Data
    public var updatedAt: Int64

    public init(moduleID: String, moduleVersion: Int64, status: String, currentStep: String?, startedAt: Int64?, completedAt: Int64?,
                score: Double?, reviewQueue: String, state: Data, updatedAt: Int64) {
        self.moduleID = moduleID
        self.moduleVersion = moduleVersion
        self.status = status
        self.currentStep = currentStep
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.score = score
        self.reviewQueue = reviewQueue
        self.state = state
        self.updatedAt = updatedAt
    }
}

/// The kiosk's half of roaming (issue #23): the key a profile is looked up by, the PIN checked here against
/// the hash the server gave, wrong tries counted as for a local profile, the profile and its progress taken in
/// under its own id, and erasures made at other sites applied.
extension ProgressStore {
    /// What the server is asked for: the pseudonym's key (the same for every way of typing it), never the PIN.
    public static func roamingKey(_ pseudonym: String) -> String { pseudonymKey(clean(pseudonym)) }

    /// Wrong tries are counted under this, so that the data file keeps nothing typed in clear.
    static func keyHash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Until when a roaming sign-in for this pseudonym waits after wrong PINs, or nil.
    public func roamingLockedUntil(pseudonym: String, at now: Instant) throws(StoreError) -> Instant? {
        let hash = Self.keyHash(Self.roamingKey(pseudonym))
        let until = try read { db in
            try Int64.fetchOne(db, sql: "SELECT lockedUntil FROM roamRefusal WHERE keyHash = ?", arguments: [hash])
        }
        return until.flatMap { $0 > now.milliseconds ? Instant(milliseconds: $0) : nil }
    }

    /// The hash of a typed PIN with another site's salt: what the server compares with the profile's (the kiosk
    /// never receives that hash). Slow on purpose, like every PIN check (PBKDF2).
    public func roamingPINProof(_ pin: String, salt: Data) throws(StoreError) -> Data {
        do {
            return try pinHasher.hash(pin, salt: salt)
        } catch {
            throw .failed(path: path, reason: error.reason)
        }
    }

    /// A refused roaming sign-in (a wrong PIN, or a pseudonym no site knows: the two are counted and answered
    /// alike, so that the kiosk tells nothing of profiles elsewhere), with the same free tries and waits as a
    /// local profile's wrong PINs.
    public func recordRoamingRefusal(pseudonym: String, at now: Instant) throws(StoreError) -> KioskProfileProblem {
        let hash = Self.keyHash(Self.roamingKey(pseudonym))
        return try write { db -> KioskProfileProblem in
            let failed = (try Int.fetchOne(db, sql: "SELECT failedPINs FROM roamRefusal WHERE keyHash = ?", arguments: [hash]) ?? 0) + 1
            let wait = Self.wait(afterWrongPIN: failed)
            let until: Int64? = wait > 0 ? now.milliseconds + wait : nil
            try db.execute(sql: "INSERT OR REPLACE INTO roamRefusal (keyHash, failedPINs, lockedUntil) VALUES (?, ?, ?)",
                           arguments: [hash, failed, until])
            if let until { return .locked(until: Instant(milliseconds: until)) }
            return .wrongPIN(attemptsLeft: Self.freeWrongPINs - failed + 1)
        }
    }

    /// The roaming profile and its progress, taken in under the id it has everywhere. What came from the server
    /// is not pushed back as new: its rows leave the change sequence (change number 0, below any sync's point);
    /// what the participant does here from now on is numbered and pushed as usual.
    public func adoptRoaming(_ profile: RoamingProfile, progress: [RoamingProgress],
                             at now: Instant) throws(StoreError) -> Result<Participant, ProfileError> {
        let key = Self.roamingKey(profile.pseudonym)
        let hash = Self.keyHash(key)
        return try write { db -> Result<Participant, ProfileError> in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM participant WHERE pseudonymKey = ? OR id = ?", arguments: [key, profile.id]) == true {
                return .failure(.pseudonymTaken)
            }
            try db.execute(sql: """
                INSERT INTO participant (id, pseudonym, pseudonymKey, pinHash, pinSalt, language, createdAt, lastSeenAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [profile.id, Self.clean(profile.pseudonym), key, profile.pinHash, profile.pinSalt, profile.language,
                                 profile.createdAt, profile.lastSeenAt])
            try db.execute(sql: "UPDATE participant SET changeSeq = 0 WHERE id = ?", arguments: [profile.id])
            for row in progress {
                try db.execute(sql: """
                    INSERT INTO moduleProgress (participantID, moduleID, moduleVersion, status, currentStep, startedAt, completedAt,
                                                score, reviewQueue, state, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [profile.id, row.moduleID, row.moduleVersion, row.status, row.currentStep, row.startedAt,
                                     row.completedAt, row.score, row.reviewQueue, row.state, row.updatedAt])
            }
            try db.execute(sql: "UPDATE moduleProgress SET changeSeq = 0 WHERE participantID = ?", arguments: [profile.id])
            // Signed in: this kiosk's count of wrong tries starts again, as a local profile's does.
            try db.execute(sql: "DELETE FROM roamRefusal WHERE keyHash = ?", arguments: [hash])
            // The sign-in itself is a change like a local one (last seen now), pushed at the next sync.
            try db.execute(sql: "UPDATE participant SET lastSeenAt = ? WHERE id = ?", arguments: [now.milliseconds, profile.id])
            return .success(Participant(id: profile.id, pseudonym: Self.clean(profile.pseudonym), hasPIN: true, language: profile.language,
                                        createdAt: profile.createdAt, lastSeenAt: now.milliseconds))
        }
    }

    /// Participants erased at another site (the server's tombstones): erased here too, with everything about
    /// them. The server has these erasures already, so they leave no tombstone to push back. Returns how many
    /// were on this kiosk.
    public func applyErasures(_ ids: [String]) throws(StoreError) -> Int {
        guard !ids.isEmpty else { return 0 }
        let count = try write { db -> Int in
            var count = 0
            for id in ids {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM participant WHERE id = ?", arguments: [id]) == true else { continue }
                try db.execute(sql: "DELETE FROM attempt WHERE participantID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM moduleProgress WHERE participantID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM quizAnswer WHERE participantID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM erasure WHERE participantID = ?", arguments: [id])
                count += 1
            }
            return count
        }
        if count > 0 { try compact() }
        return count
    }

    /// The server's erasures this kiosk has applied, by the server's number of its last one.
    public func erasuresApplied() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'erasuresAppliedThrough'") ?? 0 }
    }

    public func noteErasuresApplied(through: Int64) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('erasuresAppliedThrough', ?)", arguments: [through])
        }
    }

    /// Erasures on this kiosk, day by day (UTC), oldest first: for the report, which says when, never whom.
    public func erasureDays() throws(StoreError) -> [ErasureDay] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT day, COUNT(*) AS count FROM erasureLog GROUP BY day ORDER BY day")
                .map { ErasureDay(day: $0["day"], count: $0["count"]) }
        }
    }
}
