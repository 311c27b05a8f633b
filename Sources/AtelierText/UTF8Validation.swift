import CAtelierICU

/// Where a byte sequence stops being valid UTF-8.
public struct InvalidUTF8: Error, Equatable, Sendable {
    /// Offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    public let byteOffset: Int
}

public enum UTF8Validation {
    /// Checks `bytes` strictly (no overlongs, no surrogates, nothing above U+10FFFF).
    public static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Void, InvalidUTF8> {
        let offset = atelier_utf8_invalid_offset(bytes.baseAddress, Int64(bytes.count))
        return offset < 0 ? .success(()) : .failure(InvalidUTF8(byteOffset: Int(offset)))
    }

    /// Decodes `bytes` to UTF-16 while checking them, in one pass.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[UInt16], InvalidUTF8> {
        // UTF-16 never takes more units than UTF-8 takes bytes; should the decoder ask for more, the buffer
        // grows to that and it runs again.
        var capacity = bytes.count
        while true {
            var offset: Int64 = -1
            var needed: Int64 = 0
            let units = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                needed = atelier_utf8_decode_checked(bytes.baseAddress, Int64(bytes.count), buffer.baseAddress,
                                                     Int64(buffer.count), &offset)
                count = needed >= 0 && needed <= Int64(buffer.count) ? Int(needed) : 0
            }
            if offset >= 0 { return .failure(InvalidUTF8(byteOffset: Int(offset))) }
            if Int64(units.count) == needed { return .success(units) }
            capacity = Int(needed)
        }
    }
}
