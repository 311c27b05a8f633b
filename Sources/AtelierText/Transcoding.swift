import CAtelierICU

/// UTF-8 <-> UTF-16 conversion of already validated text (ICU's converters), for the streaming layout.
public enum Transcoding {
    /// Appends the UTF-16 form of `bytes` to `units` (malformed sequences become U+FFFD).
    public static func appendUTF16(of bytes: UnsafeBufferPointer<UInt8>, to units: inout [UInt16]) {
        guard !bytes.isEmpty else { return }
        let old = units.count
        // UTF-16 never needs more units than UTF-8 has bytes.
        units.append(contentsOf: repeatElement(0, count: bytes.count))
        let n = units.withUnsafeMutableBufferPointer { out in
            atelier_utf8_to_utf16(bytes.baseAddress, Int32(bytes.count), out.baseAddress! + old, Int32(bytes.count))
        }
        units.removeLast(bytes.count - max(0, Int(n)))
    }

    /// Appends the UTF-8 form of `units` to `bytes` (lone surrogates become U+FFFD).
    public static func appendUTF8(of units: UnsafeBufferPointer<UInt16>, to bytes: inout [UInt8]) {
        guard !units.isEmpty else { return }
        let old = bytes.count
        let room = units.count * 3
        bytes.append(contentsOf: repeatElement(0, count: room))
        let n = bytes.withUnsafeMutableBufferPointer { out in
            atelier_utf16_to_utf8(units.baseAddress, Int32(units.count), out.baseAddress! + old, Int32(room))
        }
        bytes.removeLast(room - max(0, Int(n)))
    }
}
