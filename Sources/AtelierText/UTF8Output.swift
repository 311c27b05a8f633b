import CAtelierICU

/// Rows collected as UTF-8, one per line, in a buffer the caller drains: the layout command's output path
/// (Swift's per-byte appends were a noticeable part of the layout time).
public final class UTF8Output {
    // Touched at every row; scalars and a pointer whose accesses cannot overlap: no dynamic exclusivity checks.
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>

    public init(capacity: Int = 1 << 17) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Appends `row` and a line feed.
    public func appendLine(_ row: UnsafeBufferPointer<UInt16>) {
        reserve(row.count * 3 + 1)
        if !row.isEmpty {
            var n = convert(row)
            if n >= capacity - count {
                // Cannot happen (3 bytes per unit at most), but then: room for the row and its line feed, and again.
                reserve(n + 1)
                n = convert(row)
            }
            count += max(0, n)
        }
        storage[count] = 0x0A
        count += 1
    }

    /// UTF-8 of `row` written at `count`, within the capacity; returns the bytes it needs (negative on error).
    private func convert(_ row: UnsafeBufferPointer<UInt16>) -> Int {
        Int(atelier_utf16_to_utf8(row.baseAddress, Int32(row.count), storage + count, Int32(clamping: capacity - count)))
    }

    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    public func removeAll() { count = 0 }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        new.update(from: storage, count: count)
        storage.deallocate()
        storage = new
        capacity = grown
    }
}
