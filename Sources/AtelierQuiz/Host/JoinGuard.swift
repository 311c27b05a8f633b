import AtelierEngine

/// Slows down whoever keeps sending wrong game codes (or wrong PINs): 3 free mistakes, then a wait of 2, 4,
/// 8 ... up to 60 seconds during which their joins are refused without being checked. The room counts mistakes
/// per socket and per device token (`QuizRoom.guardKeys`), never per address: a whole classroom may share one.
/// Others are not affected. Pure: the host passes the time in.
public struct JoinGuard: Sendable, Hashable {
    public static let freeMistakes = 3
    public static let maximumWaitMs: Int64 = 60_000

    struct Record: Sendable, Hashable {
        var mistakes: Int
        var blockedUntil: Instant
    }

    var records: [String: Record] = [:]

    public init() {}

    /// The wait left for `key`, or nil when it may try.
    public func wait(for key: String, at now: Instant) -> Int64? {
        guard let record = records[key], record.blockedUntil > now else { return nil }
        return record.blockedUntil.milliseconds - now.milliseconds
    }

    /// A mistake from `key`; returns the wait it now has, if any.
    @discardableResult
    public mutating func mistake(from key: String, at now: Instant) -> Int64? {
        var record = records[key] ?? Record(mistakes: 0, blockedUntil: now)
        record.mistakes += 1
        let over = record.mistakes - Self.freeMistakes
        if over > 0 {
            let wait = min(Self.maximumWaitMs, Int64(1000) << min(over, 16))
            record.blockedUntil = now.adding(milliseconds: wait)
        }
        records[key] = record
        forgetOld(at: now)
        return wait(for: key, at: now)
    }

    /// A join that went through: its socket and device start afresh.
    public mutating func success(from key: String) {
        records[key] = nil
    }

    /// Keys are forgotten once their wait is long over, so that a flood of sockets and tokens cannot grow the table
    /// without bound.
    private mutating func forgetOld(at now: Instant) {
        guard records.count > 4096 else { return }
        records = records.filter { $0.value.blockedUntil.milliseconds + Self.maximumWaitMs > now.milliseconds }
    }
}
