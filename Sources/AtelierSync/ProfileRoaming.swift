import AtelierEngine
import AtelierStore
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// A participant registered at another site of the organisation signs in here (issue #23): the shared server
/// is asked for the profiles with the pseudonym's key, the PIN typed here is checked here against their hash
/// (it is never sent), and the profile found is taken in with its progress under its own id. Wrong PINs and
/// pseudonyms no site knows are refused alike, with the local profile's free tries and waits. The whole look-up
/// has a time limit: a server away or slow means "unreachable", never a kiosk that hangs.
public enum ProfileRoaming {
    /// Seconds the participant may wait before the kiosk says the other sites cannot be reached.
    public static let patience: Double = 10

    /// The result for the kiosk's flow, and the failure behind `.unreachable` for the kiosk's log.
    public static func signIn(pseudonym: String, pin: String, store: ProgressStore, address: PostgresAddress, site: String,
                              at now: Instant, seconds: Double = patience) async -> (RemoteProfile, SyncError?) {
        do {
            if let until = try store.roamingLockedUntil(pseudonym: pseudonym, at: now) { return (.refused(.locked(until: until)), nil) }
        } catch {
            return (.unreachable, .local(reason: error.description))
        }
        let key = ProgressStore.roamingKey(pseudonym)
        let found: (RoamingProfile, [RoamingProgress])?
        do {
            found = try await Deadline.run(seconds: seconds) { () async throws -> (RoamingProfile, [RoamingProgress])? in
                try await ServerConnection.with(address) { server throws(SyncError) in
                    try await lookUp(key: key, pin: pin, store: store, site: site, server: server)
                }
            }
        } catch let error as SyncError {
            return (.unreachable, error)
        } catch {
            return (.unreachable, .unreachable(server: address.description, reason: error is Deadline.Expired
                                                ? "no answer for \(Int(seconds)) s" : "\(error)"))
        }
        do {
            guard let (profile, progress) = found else {
                return (.refused(try store.recordRoamingRefusal(pseudonym: pseudonym, at: now)), nil)
            }
            switch try store.adoptRoaming(profile, progress: progress, at: now) {
            case .success(let participant): return (.found(participant.profile), nil)
            case .failure(let problem): return (.refused(problem), nil)
            }
        } catch {
            return (.unreachable, .local(reason: error.description))
        }
    }

    static func lookUp(key: String, pin: String, store: ProgressStore, site: String,
                       server: ServerConnection) async throws(SyncError) -> (RoamingProfile, [RoamingProgress])? {
        try await ServerMigrator.requireCurrent(server)
        let kiosk = try KioskSync.local { () throws(StoreError) in try store.kioskID() }
        // The claim below names this kiosk: its row must exist even before its first push.
        try await KioskSync.register(kiosk: kiosk, site: site, server: server)
        // The server gives ids and salts only; the hash derived here from the typed PIN is the proof it checks
        // (and counts when wrong), so that no kiosk ever holds another site's hashes to try PINs against offline.
        var lookup = PostgresQuery(unsafeSQL: "SELECT id, pin_salt FROM atelier.roam_lookup($1)")
        lookup.binds.append(key)
        var candidates: [(id: String, salt: Data)] = []
        for row in try await server.query(lookup) {
            let (id, salt) = try ServerReports.decode(row, (String, Data).self, server)
            candidates.append((id, salt))
        }
        // Two sites may have given the same pseudonym to two people: the PIN tells which one this is.
        for candidate in candidates {
            let proof = try KioskSync.local { () throws(StoreError) in try store.roamingPINProof(pin, salt: candidate.salt) }
            var claim = PostgresQuery(unsafeSQL: "SELECT id, pseudonym, language, created_at, last_seen_at FROM atelier.roam_claim($1, $2)")
            claim.binds.append(candidate.id)
            claim.binds.append(ByteBuffer(bytes: proof))  // bytea; the non-throwing encoding
            guard let row = try await server.query(claim).first else { continue }
            let (id, pseudonym, language, created, seen) = try ServerReports.decode(row, (String, String, String, Int64, Int64).self, server)
            let profile = RoamingProfile(id: id, pseudonym: pseudonym, language: language, createdAt: created, lastSeenAt: seen,
                                         pinHash: proof, pinSalt: candidate.salt)
            var read = PostgresQuery(unsafeSQL: """
                SELECT module_id, module_version, status, current_step, started_at, completed_at, score, review_queue, state, updated_at
                FROM atelier.module_progress WHERE participant_id = $1 ORDER BY module_id
                """)
            read.binds.append(profile.id)
            var progress: [RoamingProgress] = []
            for row in try await server.query(read) {
                let (module, version, status, step, started, completed, score, queue, state, updated) =
                    try ServerReports.decode(row, (String, Int64, String, String?, Int64?, Int64?, Double?, String, Data, Int64).self, server)
                progress.append(RoamingProgress(moduleID: module, moduleVersion: version, status: status, currentStep: step,
                                                startedAt: started, completedAt: completed, score: score, reviewQueue: queue,
                                                state: state, updatedAt: updated))
            }
            return (profile, progress)
        }
        return nil
    }
}

extension ProfileRoaming {
    /// `signIn` for the kiosk's shell, which is not async: waits for the answer, which the time limit bounds.
    public static func signInWaiting(pseudonym: String, pin: String, store: ProgressStore, address: PostgresAddress, site: String,
                                     at now: Instant, seconds: Double = patience) -> (RemoteProfile, SyncError?) {
        let answer = NIOLockedValueBox<(RemoteProfile, SyncError?)>((.unreachable, nil))
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let result = await signIn(pseudonym: pseudonym, pin: pin, store: store, address: address, site: site, at: now, seconds: seconds)
            answer.withLockedValue { $0 = result }
            done.signal()
        }
        done.wait()
        return answer.withLockedValue { $0 }
    }
}
