import AtelierEngine

/// Slows down an address that keeps sending wrong game codes (or wrong PINs): 3 free mistakes, then a wait
/// of 2, 4, 8 ... up to 60 seconds during which that address's joins are refused without being checked.
/// Other addresses are not affected. Pure: the host passes the time in.
public struct JoinGuard: Sendable, Hashable {
    public static let freeMistakes = 3
    public static let maximumWaitMs: Int64 = 60_000

    struct Record: Sendable, Hashable {
        var mistakes: Int
        var blockedUntil: Instant
    }

    var records: [String: Record] = [:]

    public init() {}

    /// The wait left for `address`, or nil when it may try.
    public func wait(for address: String, at now: Instant) -> Int64? {
        guard let record = records[address], record.blockedUntil > now else { return nil }
        return record.blockedUntil.milliseconds - now.milliseconds
    }

    /// A mistake from `address`; returns the wait it now has, if any.
    @discardableResult
    public mutating func mistake(from address: String, at now: Instant) -> Int64? {
        var record = records[address] ?? Record(mistakes: 0, blockedUntil: now)
        record.mistakes += 1
        let over = record.mistakes - Self.freeMistakes
        if over > 0 {
            let wait = min(Self.maximumWaitMs, Int64(1000) << min(over, 16))
            record.blockedUntil = now.adding(milliseconds: wait)
        }
        records[address] = record
        forgetOld(at: now)
        return wait(for: address, at: now)
    }

    /// A join that went through: the address starts afresh.
    public mutating func success(from address: String) {
        records[address] = nil
    }

    /// Addresses are forgotten once their wait is long over, so that a flood of addresses cannot grow the table
    /// without bound.
    private mutating func forgetOld(at now: Instant) {
        guard records.count > 4096 else { return }
        records = records.filter { $0.value.blockedUntil.milliseconds + Self.maximumWaitMs > now.milliseconds }
    }
}
