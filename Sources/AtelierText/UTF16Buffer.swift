// Small conversions between Swift strings and the UTF-16 buffers that ICU works on.

extension String {
    /// The string's UTF-16 code units, as ICU wants them.
    var utf16Units: [UInt16] { Array(utf16) }

    init(utf16Units units: some Collection<UInt16>) {
        self = String(decoding: units, as: UTF16.self)
    }
}

/// Calls ICU functions that follow the "return the length you need" convention, growing the buffer once.
func withGrowingBuffer<Element>(
    initialCapacity: Int, fill: (UnsafeMutablePointer<Element>, Int32) -> Int32
) -> [Element]? where Element: BinaryInteger {
    var capacity = max(initialCapacity, 16)
    for _ in 0..<2 {
        var buffer = [Element](repeating: 0, count: capacity)
        let needed = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, Int32(capacity)) }
        if needed < 0 { return nil }
        if Int(needed) <= capacity { return Array(buffer.prefix(Int(needed))) }
        capacity = Int(needed) + 1
    }
    return nil
}
