import CAtelierICU

extension LayoutStream {
    /// Lays out text that has not been sanitised yet, chunk by chunk: each chunk is sanitised and fed, so
    /// the memory used beyond the text is a few chunks whatever its size. Call `finish` after.
    public func feed(unsanitized units: UnsafeBufferPointer<UInt16>, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        let chunk = 1 << 13
        // The sanitiser may grow text 8 times (tabs), so 8 chunks of room, allocated once per stream.
        let scratch = sanitizeScratch ?? UnsafeMutablePointer<UInt16>.allocate(capacity: 8 * chunk + 1)
        sanitizeScratch = scratch
        var start = 0
        while start < units.count {
            let end = Self.chunkEnd(units, from: start, size: chunk)
            let n = atelier_sanitize(units.baseAddress! + start, Int32(end - start), scratch)
            feed(UnsafeBufferPointer(start: scratch, count: Int(n)), emit: emit)
            start = end
        }
    }

    /// Ends a chunk after its last line feed, or else where it splits neither CR LF (the sanitiser would
    /// read a lone CR as a line end) nor a surrogate pair.
    static func chunkEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int, size: Int) -> Int {
        let limit = min(units.count, start + size)
        if limit == units.count { return limit }
        var p = limit
        while p > start + size / 2 {
            if units[p - 1] == 0x0A { return p }
            p -= 1
        }
        p = limit
        while p > start + 1 && ((units[p] & 0xFC00) == 0xDC00 || units[p - 1] == 0x0D) { p -= 1 }
        return p
    }
}
