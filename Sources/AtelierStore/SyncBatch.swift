/// A value as a sync carries it to the server.
public enum SyncValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])
}

/// The changes of one kiosk between two points of its change sequence: every row inserted or updated after
/// `after` and up to `through`, table by table, and the participants erased in that span.
public struct SyncBatch: Sendable {
    public struct Rows: Sendable {
        public let table: SyncSchema.Table
        public var rows: [[SyncValue]]
    }

    public let after: Int64
    public let through: Int64
    public var tables: [Rows]
    /// Ids of participants erased on the kiosk (random ids; nothing else of them is kept).
    public var erasures: [String]

    public var isEmpty: Bool { erasures.isEmpty && tables.allSatisfy(\.rows.isEmpty) }
    public var rowCount: Int { tables.map(\.rows.count).reduce(0, +) + erasures.count }
}

/// What a kiosk knows of its last sync, for `atelier sync status` and the facilitator.
public struct SyncStatus: Sendable, Equatable {
    public var kioskID: String
    /// The highest change number the server acknowledged, as this kiosk last heard it.
    public var syncedThrough: Int64
    /// The kiosk's newest change number.
    public var latestChange: Int64
    /// Rows changed since the last acknowledged sync.
    public var pending: Int
    public var lastSuccessAt: Int64?
    public var lastFailure: String?
}
