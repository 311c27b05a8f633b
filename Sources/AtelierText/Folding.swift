import CAtelierICU

/// NFKC case folding plus the Arabic-script and digit unifications that matching keys need.
public enum Folding {
    /// See `atelier_fold`: NFKC_Casefold (Turkic i when `turkic`), ي/ی/ى, ك/ک, ة/ه, أ/إ/آ/ا unified,
    /// tatweel and harakat removed, digits of every script made ASCII.
    public static func fold(_ units: [UInt16], turkic: Bool = false) -> [UInt16] {
        withGrowingBuffer(initialCapacity: units.count * 3 + 8) { out, capacity in
            units.withUnsafeBufferPointer { atelier_fold($0.baseAddress, Int32($0.count), turkic ? 1 : 0, out, capacity) }
        } ?? units
    }

    public static func fold(_ text: String, turkic: Bool = false) -> String {
        String(utf16Units: fold(text.utf16Units, turkic: turkic))
    }
}
