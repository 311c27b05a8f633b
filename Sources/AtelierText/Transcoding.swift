/// Fast UTF-8 <-> UTF-16 conversion of already validated text, for the streaming layout of large input.
public enum Transcoding {
    /// Appends the UTF-16 form of valid UTF-8 `bytes` to `units`.
    public static func appendUTF16(of bytes: UnsafeBufferPointer<UInt8>, to units: inout [UInt16]) {
        units.reserveCapacity(units.count + bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = UInt32(bytes[i])
            if b0 < 0x80 {
                units.append(UInt16(b0))
                i += 1
            } else if b0 < 0xE0, i + 1 < n {
                units.append(UInt16(((b0 & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F)))
                i += 2
            } else if b0 < 0xF0, i + 2 < n {
                let scalar = ((b0 & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F)
                units.append(UInt16(scalar))
                i += 3
            } else if i + 3 < n {
                let scalar = ((b0 & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12)
                    | ((UInt32(bytes[i + 2]) & 0x3F) << 6) | (UInt32(bytes[i + 3]) & 0x3F)
                let v = scalar - 0x10000
                units.append(UInt16(0xD800 + (v >> 10)))
                units.append(UInt16(0xDC00 + (v & 0x3FF)))
                i += 4
            } else {
                units.append(0xFFFD)  // truncated sequence: the caller validated, so only at a bad cut
                i = n
            }
        }
    }

    /// Appends the UTF-8 form of `units` to `bytes` (lone surrogates become U+FFFD).
    public static func appendUTF8(of units: UnsafeBufferPointer<UInt16>, to bytes: inout [UInt8]) {
        var i = 0
        let n = units.count
        while i < n {
            var scalar = UInt32(units[i])
            i += 1
            if scalar < 0x80 {
                bytes.append(UInt8(scalar))
                continue
            }
            if scalar >= 0xD800 && scalar < 0xDC00, i < n, units[i] >= 0xDC00 && units[i] < 0xE000 {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                i += 1
            } else if scalar >= 0xD800 && scalar < 0xE000 {
                scalar = 0xFFFD
            }
            if scalar < 0x800 {
                bytes.append(UInt8(0xC0 | (scalar >> 6)))
                bytes.append(UInt8(0x80 | (scalar & 0x3F)))
            } else if scalar < 0x10000 {
                bytes.append(UInt8(0xE0 | (scalar >> 12)))
                bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                bytes.append(UInt8(0xF0 | (scalar >> 18)))
                bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }
}
