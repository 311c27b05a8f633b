import AtelierEngine
import AtelierText
import Foundation
import GRDB

/// Participants' progress in one SQLite file (GRDB): WAL journal, `synchronous=FULL`, one transaction per
/// recorded answer, a busy timeout so that two kiosks on one file never see "database is locked", and
/// `secure_delete` so that an erased participant leaves nothing in the file.
public final class ProgressStore: Sendable {
    public let path: String
    let writer: DatabasePool
    /// How PINs are hashed; tests pass `.fastForTests`.
    let pinHasher: PINHasher

    /// Opens (or creates) the data file and brings its schema up to date.
    public init(path: String, pinHasher: PINHasher = .standard) throws(StoreError) {
        self.path = path
        self.pinHasher = pinHasher
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate(path: path, reason: error.localizedDescription)
            }
        }
        if FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path) {
            throw .readOnly(path: path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            // GRDB turns on WAL with synchronous=NORMAL after `prepareDatabase` runs; answers must survive a
            // power cut, so the writer connection goes back to FULL (readers never write).
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw Self.storeError(error, path: path)
        }
        let migrator = Schema.migrator
        do {
            if try writer.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreError.newerVersion(path: path) }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    static func storeError(_ error: Error, path: String) -> StoreError {
        guard let database = error as? DatabaseError else { return .failed(path: path, reason: "\(error)") }
        switch database.resultCode {
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_CANTOPEN: return .cannotCreate(path: path, reason: database.message ?? "cannot open")
        default: return .failed(path: path, reason: database.message ?? "\(database.resultCode)")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch let error as ProfileError {
            throw .failed(path: path, reason: "\(error)")
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// `PRAGMA integrity_check` says "ok".
    public func isIntact() throws(StoreError) -> Bool {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" }
    }

    // MARK: - Participants

    /// The key two pseudonyms share when a person would take one for the other. A sequence of pictures (issue
    /// #19) is its own key, `pictures:sun-moon-key`: a typed pseudonym's key is hexadecimal numbers and dots
    /// only, so the two can never be equal, whatever was typed.
    static func pseudonymKey(_ pseudonym: String) -> String {
        if let pictures = PictureChoice.pictures(inPseudonym: pseudonym) { return PictureChoice.pseudonym(pictures) }
        return MatchKey(pseudonym, locale: "root").elements.map { String($0, radix: 16) }.joined(separator: ".")
    }

    /// A pseudonym as stored: sanitised, on one line, trimmed, NFC; a sequence of pictures in its one canonical
    /// form.
    static func clean(_ pseudonym: String) -> String {
        if let pictures = PictureChoice.pictures(inPseudonym: pseudonym) { return PictureChoice.pseudonym(pictures) }
        return TerminalSanitizer.sanitizeLine(pseudonym).trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
    }

    public func createParticipant(pseudonym raw: String, pin: String?, language: String,
                                  at now: Instant) throws(StoreError) -> Result<Participant, ProfileError> {
        let pseudonym = Self.clean(raw)
        let key = Self.pseudonymKey(pseudonym)
        if key.isEmpty { return .failure(.pseudonymEmpty) }
        // The width is a typed pseudonym's limit; pictures are drawn as three symbols wherever they are shown.
        if PictureChoice.pictures(inPseudonym: pseudonym) == nil && DisplayWidth.of(pseudonym) > 24 { return .failure(.pseudonymTooLong) }
        if let pin, !PINHasher.isValid(pin) { return .failure(.pinInvalid) }
        // Hashed before the write transaction: a slow hash inside it would hold every other writer (the
        // quiz's group commits among them) behind it.
        let salt = pin.map { _ in PINHasher.salt() }
        var hash: Data?
        if let pin, let salt { hash = try hashPIN(pin, salt: salt) }
        let id = UUID().uuidString.lowercased()
        return try write { db -> Result<Participant, ProfileError> in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM participant WHERE pseudonymKey = ?", arguments: [key]) == true {
                return .failure(.pseudonymTaken)
            }
            try db.execute(sql: """
                INSERT INTO participant (id, pseudonym, pseudonymKey, pinHash, pinSalt, language, createdAt, lastSeenAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, pseudonym, key, hash, salt, language, now.milliseconds, now.milliseconds])
            return .success(Participant(id: id, pseudonym: pseudonym, hasPIN: pin != nil, language: language,
                                        createdAt: now.milliseconds, lastSeenAt: now.milliseconds))
        }
    }

    /// Wrong PINs before the profile makes the next try wait.
    public static let freeWrongPINs = 3
    /// The first wait; each further wrong PIN doubles it, up to `longestWaitMilliseconds`.
    public static let firstWaitMilliseconds: Int64 = 30 * 1000
    public static let longestWaitMilliseconds: Int64 = 15 * 60 * 1000

    /// The wait after the `failed`-th wrong PIN in a row (0 for the free ones). Pseudonyms are listed at the
    /// kiosk, so anyone can type wrong PINs for someone else's profile: the waits grow to slow guessing, but
    /// never lock a profile for good, and the facilitator sees them in the report.
    public static func wait(afterWrongPIN failed: Int) -> Int64 {
        guard failed > freeWrongPINs else { return 0 }
        let doublings = min(failed - freeWrongPINs - 1, 10)
        return min(longestWaitMilliseconds, firstWaitMilliseconds << Int64(doublings))
    }

    /// Finds a participant by pseudonym (as typed, in any case or accent) and checks their PIN if they set one.
    /// Five wrong PINs lock the profile for five minutes.
    public func signIn(pseudonym raw: String, pin: String?, at now: Instant) throws(StoreError) -> Result<Participant, ProfileError> {
        let key = Self.pseudonymKey(Self.clean(raw))
        // The slow PIN check runs between a read and a short write, never inside the write transaction.
        let found = try read { db in
            try Row.fetchOne(db, sql: "SELECT id, pinHash, pinSalt, lockedUntil FROM participant WHERE pseudonymKey = ?",
                             arguments: [key])
        }
        guard let found else { return .failure(.unknownPseudonym) }
        let id: String = found["id"]
        if let lockedUntil: Int64 = found["lockedUntil"], lockedUntil > now.milliseconds {
            return .failure(.locked(until: Instant(milliseconds: lockedUntil)))
        }
        if let hash: Data = found["pinHash"], let salt: Data = found["pinSalt"] {
            guard let pin, try pinMatches(pin, salt: salt, hash: hash) else { return try recordWrongPIN(id: id, at: now) }
        }
        return try write { db -> Result<Participant, ProfileError> in
            // The profile may have been erased, or its PIN changed, while the hash was computed.
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM participant WHERE id = ?", arguments: [id]),
                  row["pinHash"] as Data? == found["pinHash"] as Data? else {
                return .failure(.unknownPseudonym)
            }
            try db.execute(sql: "UPDATE participant SET failedPINs = 0, lockedUntil = NULL, lastSeenAt = ? WHERE id = ?",
                           arguments: [now.milliseconds, id])
            return .success(Participant(id: id, pseudonym: row["pseudonym"], hasPIN: row["pinHash"] as Data? != nil,
                                        language: row["language"], createdAt: row["createdAt"], lastSeenAt: now.milliseconds,
                                        readsAloud: row["readAloud"], speed: Self.speed(row)))
        }
    }

    func hashPIN(_ pin: String, salt: Data) throws(StoreError) -> Data {
        do { return try pinHasher.hash(pin, salt: salt) } catch { throw .failed(path: path, reason: error.reason) }
    }

    func pinMatches(_ pin: String, salt: Data, hash: Data) throws(StoreError) -> Bool {
        do { return try pinHasher.matches(pin, salt: salt, hash: hash) } catch { throw .failed(path: path, reason: error.reason) }
    }

    /// Counts a wrong PIN in one short transaction (the count is read inside it, so that two wrong PINs at
    /// once both count). The count goes back to zero only when the right PIN is given.
    func recordWrongPIN(id: String, at now: Instant) throws(StoreError) -> Result<Participant, ProfileError> {
        try write { db -> Result<Participant, ProfileError> in
            let failed = (try Int.fetchOne(db, sql: "SELECT failedPINs FROM participant WHERE id = ?", arguments: [id]) ?? 0) + 1
            let wait = Self.wait(afterWrongPIN: failed)
            if wait > 0 {
                let until = now.milliseconds + wait
                try db.execute(sql: "UPDATE participant SET failedPINs = ?, lockedUntil = ? WHERE id = ?", arguments: [failed, until, id])
                return .failure(.locked(until: Instant(milliseconds: until)))
            }
            try db.execute(sql: "UPDATE participant SET failedPINs = ? WHERE id = ?", arguments: [failed, id])
            return .failure(.wrongPIN(attemptsLeft: Self.freeWrongPINs - failed + 1))
        }
    }

    /// Profiles whose last sign-ins failed on wrong PINs, and the longest run: for the facilitator's report
    /// (someone may be guessing, or a participant has forgotten their PIN). No pseudonym is given.
    public func wrongPINs() throws(StoreError) -> (profiles: Int, longestRun: Int) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS profiles, COALESCE(MAX(failedPINs), 0) AS longest FROM participant WHERE failedPINs > 0")
            return (row?["profiles"] ?? 0, row?["longest"] ?? 0)
        }
    }

    /// Pseudonyms for the "continue" list, most recently seen first.
    public func participants() throws(StoreError) -> [Participant] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM participant ORDER BY lastSeenAt DESC, pseudonym").map { row in
                Participant(id: row["id"], pseudonym: row["pseudonym"], hasPIN: row["pinHash"] as Data? != nil,
                            language: row["language"], createdAt: row["createdAt"], lastSeenAt: row["lastSeenAt"],
                            readsAloud: row["readAloud"], speed: Self.speed(row))
            }
        }
    }

    public func setLanguage(_ language: String, participant: String) throws(StoreError) {
        try write { db in try db.execute(sql: "UPDATE participant SET language = ? WHERE id = ?", arguments: [language, participant]) }
    }

    /// The read-aloud setting of a profile (`speed` nil: the kiosk's own). It stays in this file: the sync does
    /// not send it, and changing it makes no change to push.
    public func setReadAloud(automatic: Bool, speed: ReadingSpeed?, participant: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE participant SET readAloud = ?, speechRate = ? WHERE id = ?",
                           arguments: [automatic, speed?.rawValue, participant])
        }
    }

    /// The speed stored with a profile; a word this version does not know (written by a newer one) is the kiosk's.
    static func speed(_ row: Row) -> ReadingSpeed? {
        (row["speechRate"] as String?).flatMap(ReadingSpeed.init(rawValue:))
    }

    // MARK: - Progress

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    func upsert(_ db: Database, progress: SavedProgress, participant: String, at now: Instant) throws {
        try upsert(db, progress: progress, state: try Self.encoder.encode(progress), participant: participant, at: now)
    }

    /// The upsert with the progress already encoded as `state` (encoded before the write transaction by `record`).
    func upsert(_ db: Database, progress: SavedProgress, state: Data, participant: String, at now: Instant) throws {
        let score = progress.records.values.compactMap { $0.correct == nil ? nil : $0.credit }.reduce(0, +)
        // Cached statements: prepared once per connection, not once per answer.
        try db.cachedStatement(sql: """
            INSERT INTO moduleProgress (participantID, moduleID, moduleVersion, status, currentStep, startedAt,
                                        completedAt, score, reviewQueue, state, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (participantID, moduleID) DO UPDATE SET
                moduleVersion = excluded.moduleVersion, status = excluded.status, currentStep = excluded.currentStep,
                startedAt = COALESCE(moduleProgress.startedAt, excluded.startedAt), completedAt = excluded.completedAt,
                score = excluded.score, reviewQueue = excluded.reviewQueue, state = excluded.state,
                updatedAt = excluded.updatedAt
            """).execute(arguments: [participant, progress.moduleID, progress.moduleVersion, progress.completed ? "completed" : "inProgress",
                             progress.currentStep, progress.startedAt?.milliseconds, progress.completedAt?.milliseconds, score,
                             progress.reviewQueue.joined(separator: ","), state, now.milliseconds])
    }

    public func save(_ progress: SavedProgress, participant: String, at now: Instant) throws(StoreError) {
        try write { db in try upsert(db, progress: progress, participant: participant, at: now) }
    }

    /// Records an attempt and the progress that follows it in one durable transaction: when this returns,
    /// the answer survives a power cut. The progress is encoded (by hand, `ProgressJSON`: the same bytes as
    /// `JSONEncoder`, at a fraction of its cost) before the transaction, so that the writer (which
    /// the quiz's group commits share) is held only for the three statements; the transaction's BEGIN and COMMIT
    /// are cached statements like the others (issue #24: GRDB's `write` parses and prepares both again at
    /// every answer).
    public func record(_ attempt: Attempt, progress: SavedProgress, participant: String) throws(StoreError) {
        let state: Data
        do { state = try ProgressJSON.encode(progress) ?? Self.encoder.encode(progress) } catch { throw .failed(path: path, reason: "\(error)") }
        try writeInCachedTransaction { db in
            try db.cachedStatement(sql: """
                INSERT INTO attempt (participantID, moduleID, moduleVersion, stepID, stepKind, response, correct, credit,
                                     attemptNumber, hintUsed, milliseconds, language, review, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [participant, attempt.moduleID, attempt.moduleVersion, attempt.stepID, attempt.stepKind,
                                 attempt.response, attempt.correct, attempt.credit, attempt.attempt, attempt.hintUsed,
                                 attempt.milliseconds, attempt.language, attempt.review, attempt.at.milliseconds])
            try upsert(db, progress: progress, state: state, participant: participant, at: attempt.at)
            try db.cachedStatement(sql: "UPDATE participant SET lastSeenAt = ? WHERE id = ?")
                .execute(arguments: [attempt.at.milliseconds, participant])
        }
    }

    /// `write`, with BEGIN IMMEDIATE and COMMIT run as cached statements: the same transaction (immediate, as
    /// GRDB's own for a writer), rolled back when `body` throws.
    func writeInCachedTransaction(_ body: (Database) throws -> Void) throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
                do {
                    try body(db)
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                } catch {
                    // A failed COMMIT can leave the transaction open (SQLITE_BUSY): never leave it to the next writer.
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
                    throw error
                }
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    public func progress(participant: String, module: String) throws(StoreError) -> SavedProgress? {
        try read { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT state FROM moduleProgress WHERE participantID = ? AND moduleID = ?",
                                               arguments: [participant, module]) else { return nil }
            return try JSONDecoder().decode(SavedProgress.self, from: data)
        }
    }

    public func standings(participant: String) throws(StoreError) -> [String: ModuleStanding] {
        try read { db in
            var result: [String: ModuleStanding] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM moduleProgress WHERE participantID = ?", arguments: [participant]) {
                let state = try JSONDecoder().decode(SavedProgress.self, from: row["state"] as Data)
                let module: String = row["moduleID"]
                result[module] = ModuleStanding(moduleID: module, completed: state.completed, currentStep: state.currentStep,
                                                stepsDone: state.records.values.filter(\.finished).count,
                                                reviewCount: state.reviewQueue.count)
            }
            return result
        }
    }

    public func attemptCount(participant: String? = nil) throws(StoreError) -> Int {
        try read { db in
            if let participant {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt WHERE participantID = ?", arguments: [participant]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") ?? 0
        }
    }
}
