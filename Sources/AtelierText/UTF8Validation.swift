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
        var offset: Int64 = -1
        let units = [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            let n = atelier_utf8_decode_checked(bytes.baseAddress, Int64(bytes.count), buffer.baseAddress, &offset)
            count = n < 0 ? 0 : Int(n)
        }
        return offset >= 0 ? .failure(InvalidUTF8(byteOffset: Int(offset))) : .success(units)
    }
}
