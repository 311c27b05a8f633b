// Small conversions between Swift strings and the UTF-16 buffers that ICU works on.

import CAtelierICU

extension String {
    /// The string's UTF-16 code units, as ICU wants them.
    var utf16Units: [UInt16] { Array(utf16) }

    /// Through UTF-8 (a lone surrogate becomes U+FFFD, as `String(decoding:as:)` makes it): the standard library's
    /// UTF-16 decoding is its generic slow path, whose first use instantiated its types at run time and looked up
    /// their conformances, a visible share of the kiosk's start (issue #24); UTF-8 is String's own form.
    init(utf16Units units: some Collection<UInt16>) {
        self = units.withContiguousStorageIfAvailable { String(utf16Buffer: $0) }
            ?? Array(units).withUnsafeBufferPointer { String(utf16Buffer: $0) }
    }

    private init(utf16Buffer units: UnsafeBufferPointer<UInt16>) {
        guard !units.isEmpty else {
            self = ""
            return
        }
        self = String(unsafeUninitializedCapacity: 3 * units.count) { bytes in
            Swift.max(0, Int(atelier_utf16_to_utf8(units.baseAddress, Int32(clamping: units.count), bytes.baseAddress,
                                             Int32(clamping: bytes.count))))
        }
    }
}

/// Calls ICU functions that follow the "return the length you need" convention, growing the buffer once.
func withGrowingBuffer<Element>(
    initialCapacity: Int, fill: (UnsafeMutablePointer<Element>, Int32) -> Int32
) -> [Element]? where Element: BinaryInteger {
    var capacity = max(initialCapacity, 16)
    for _ in 0..<2 {
        var buffer = [Element](repeating: 0, count: capacity)
        let needed = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, Int32(clamping: $0.count)) }
        if needed < 0 { return nil }
        if Int(needed) <= capacity { return Array(buffer.prefix(Int(needed))) }
        capacity = Int(needed) + 1
    }
    return nil
}

/// The same for functions that write a NUL-terminated UTF-8 string and return its length without the NUL: it
/// fits only when that length is smaller than the capacity. Nil on an error or when it never fits.
func withGrowingCString(initialCapacity: Int, fill: (UnsafeMutablePointer<CChar>, Int32) -> Int32) -> String? {
    var capacity = max(initialCapacity, 16)
    for _ in 0..<2 {
        var buffer = [CChar](repeating: 0, count: capacity)
        let length = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, Int32(clamping: $0.count)) }
        if length < 0 { return nil }
        if Int(length) < capacity {
            return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        capacity = Int(length) + 1
    }
    return nil
}
