/// Why a sync, a server migration or a coordinator's report could not be done.
public enum SyncError: Error, Equatable, Sendable, CustomStringConvertible {
    case badAddress(String)
    /// The server could not be reached, or the connection broke: the kiosk keeps its records and tries later.
    case unreachable(server: String, reason: String)
    /// The server answered with an error (a missing grant, a constraint).
    case server(server: String, reason: String)
    /// The server's schema is older than this Atelier: `atelier sync migrate` first.
    case schemaTooOld(server: String, found: Int, needed: Int)
    case schemaTooNew(server: String, found: Int, known: Int)
    /// This data file was registered on the server by another kiosk role.
    case kioskTaken(server: String, kiosk: String)
    /// The role already pushed another data file: one role per kiosk.
    case roleTaken(server: String, role: String)
    /// The kiosk's own data file failed (see StoreError).
    case local(reason: String)

    public var description: String {
        switch self {
        case .badAddress(let reason): return "bad server address: \(reason)"
        case .unreachable(let server, let reason): return "\(server): cannot reach the server (\(reason)); the records stay on this kiosk"
        case .server(let server, let reason): return "\(server): \(reason)"
        case .schemaTooOld(let server, let found, let needed):
            return "\(server): the server's schema is at version \(found), this Atelier needs \(needed) (run atelier sync migrate)"
        case .schemaTooNew(let server, let found, let known):
            return "\(server): the server's schema is at version \(found), newer than this Atelier knows (\(known)): update Atelier"
        case .kioskTaken(let server, let kiosk):
            return "\(server): kiosk \(kiosk) is registered under another role (a copied data file?)"
        case .roleTaken(let server, let role):
            return "\(server): role \(role) already sends another kiosk's data file (one role per kiosk: ask for a new role)"
        case .local(let reason): return reason
        }
    }
}
