import AtelierEngine

/// Why the progress store cannot be used. The kiosk turns every one of them into its "out of order, please
/// call a facilitator" screen; the facilitator commands print `description`.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case readOnly(path: String)
    case corrupt(path: String)
    /// Written by a newer Atelier: opening it here could lose data.
    case newerVersion(path: String)
    case diskFull(path: String)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "\(path): cannot create the data file (\(reason))"
        case .readOnly(let path): return "\(path): the data file is read-only"
        case .corrupt(let path): return "\(path): the data file is damaged (not a readable SQLite database)"
        case .newerVersion(let path): return "\(path): the data file was written by a newer version of Atelier"
        case .diskFull(let path): return "\(path): the disk is full"
        case .failed(let path, let reason): return "\(path): \(reason)"
        }
    }
}

/// Why a participant could not sign in or be created: the kiosk flow's own type (the engine sits below the
/// store), shown to them in their language by the kiosk.
public typealias ProfileError = KioskProfileProblem
