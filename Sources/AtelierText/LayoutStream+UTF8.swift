extension LayoutStream {
    /// Lays out valid UTF-8 (see `UTF8Validation`) chunk by chunk: decoded, sanitised and fed, so that the
    /// memory used beyond the input is a few chunks whatever the size of the text. Call `finish` after.
    public mutating func feed(utf8 bytes: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        var units: [UInt16] = []
        var start = 0
        while start < bytes.count {
            let end = Self.chunkEnd(bytes, from: start, size: 1 << 16)
            units.removeAll(keepingCapacity: true)
            Transcoding.appendUTF16(of: UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &units)
            let clean = units.withUnsafeBufferPointer { TerminalSanitizer.sanitize($0) }
            clean.withUnsafeBufferPointer { feed($0, emit: emit) }
            start = end
        }
    }

    /// Ends a chunk after its last line feed, or else on a character boundary that does not split CR LF
    /// (the sanitiser would read a lone CR as a line end).
    static func chunkEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, size: Int) -> Int {
        let limit = min(bytes.count, start + size)
        if limit == bytes.count { return limit }
        var p = limit
        while p > start + size / 2 {
            if bytes[p - 1] == 0x0A { return p }
            p -= 1
        }
        p = limit
        while p > start + 1 && (bytes[p] & 0xC0 == 0x80 || bytes[p - 1] == 0x0D) { p -= 1 }
        return p
    }
}
