import CAtelierICU

/// ICU's transforms, for typed answers: a participant typing Traditional Chinese answers a question written
/// in Simplified Chinese (and the other way round).
public enum Transliteration {
    /// `text` through the ICU transform `id`; the text itself when ICU does not know the id.
    public static func apply(_ id: String, to text: String) -> String {
        let idUnits = id.utf16Units
        let units = text.utf16Units
        let result = withGrowingBuffer(initialCapacity: units.count * 2 + 16) { (out: UnsafeMutablePointer<UInt16>, capacity) in
            idUnits.withUnsafeBufferPointer { idPointer in
                units.withUnsafeBufferPointer { textPointer in
                    atelier_transliterate(idPointer.baseAddress, Int32(idPointer.count), textPointer.baseAddress,
                                          Int32(textPointer.count), out, capacity)
                }
            }
        }
        return result.map { String(utf16Units: $0) } ?? text
    }
}
