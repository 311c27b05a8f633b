import CAtelierICU
import NIOConcurrencyHelpers

/// ICU collators at primary strength, punctuation ignored, one per locale, opened once (opening is slow).
final class CollatorCache: Sendable {
    static let shared = CollatorCache()

    private final class Handle: @unchecked Sendable {
        // ICU collators are safe for concurrent use once configured (ucol_getSortKey is const).
        let pointer: OpaquePointer?
        init(locale: String) { pointer = atelier_collator_open(locale) }
        deinit { atelier_collator_close(pointer) }
    }

    private let handles = NIOLockedValueBox<[String: Handle]>([:])

    func primaryKey(_ units: [UInt16], locale: String) -> [UInt8] {
        let handle = handles.withLockedValue { table in
            if let existing = table[locale] { return existing }
            let created = Handle(locale: locale)
            table[locale] = created
            return created
        }
        guard let collator = handle.pointer else { return units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        return withGrowingBuffer(initialCapacity: units.count * 4 + 8) { out, capacity in
            units.withUnsafeBufferPointer { atelier_collator_key(collator, $0.baseAddress, Int32($0.count), out, capacity) }
        } ?? []
    }
}
