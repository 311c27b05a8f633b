import CAtelierICU

extension LayoutStream {
    /// Lays out text that has not been sanitised yet, chunk by chunk: each chunk is sanitised and fed, so
    /// the memory used beyond the text is a few chunks whatever its size. Call `finish` after.
    public func feed(unsanitized units: UnsafeBufferPointer<UInt16>, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        let chunk = 1 << 13
        var start = 0
        while start < units.count {
            let end = Self.chunkEnd(units, from: start, size: chunk)
            let piece = UnsafeBufferPointer(rebasing: units[start..<end])
            // The sanitiser may grow text 8 times (tabs), so 8 chunks of room, allocated once per stream; should
            // it ever ask for more, the scratch grows to that and the chunk is sanitised again.
            var scratch = scratchForSanitizing(atLeast: 8 * chunk + 1)
            var n = Int(atelier_sanitize(piece.baseAddress, Int32(piece.count), scratch.baseAddress,
                                         Int32(clamping: scratch.count)))
            if n > scratch.count {
                scratch = scratchForSanitizing(atLeast: n)
                n = Int(atelier_sanitize(piece.baseAddress, Int32(piece.count), scratch.baseAddress,
                                         Int32(clamping: scratch.count)))
            }
            feed(UnsafeBufferPointer(rebasing: scratch[0..<min(n, scratch.count)]), emit: emit)
            start = end
        }
    }

    /// The sanitiser's output buffer, kept from one chunk to the next; replaced only when smaller than `minimum`.
    private func scratchForSanitizing(atLeast minimum: Int) -> UnsafeMutableBufferPointer<UInt16> {
        if let scratch = sanitizeScratch, scratch.count >= minimum { return scratch }
        sanitizeScratch?.deallocate()
        let scratch = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: minimum)
        sanitizeScratch = scratch
        return scratch
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
