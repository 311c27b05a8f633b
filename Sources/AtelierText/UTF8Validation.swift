/// Where a byte sequence stops being valid UTF-8.
public struct InvalidUTF8: Error, Equatable, Sendable {
    /// Offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    public let byteOffset: Int
}

public enum UTF8Validation {
    /// Checks `bytes` strictly (no overlongs, no surrogates, nothing above U+10FFFF).
    public static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Void, InvalidUTF8> {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return .failure(InvalidUTF8(byteOffset: i))
            }
            guard i + length <= n else { return .failure(InvalidUTF8(byteOffset: i)) }
            let b1 = bytes[i + 1]
            guard b1 >= low && b1 <= high else { return .failure(InvalidUTF8(byteOffset: i)) }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 {
                return .failure(InvalidUTF8(byteOffset: i))
            }
            i += length
        }
        return .success(())
    }
}
