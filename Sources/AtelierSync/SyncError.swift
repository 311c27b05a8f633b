/// Why a sync, a server migration or a coordinator's report could not be done.
public enum SyncError: Error, Equatable, Sendable, CustomStringConvertible {
    case badAddress(String)
    /// The server could not be reached, or the connection broke: the kiosk keeps its records and tries later.
    case unreachable(server: String, reason: String)
    /// The server answered with an error (a missing grant, a constraint): its message, and PostgreSQL's
    /// SQLSTATE code and constraint name, by which the kiosk tells one refusal from another (never the text).
    case server(server: String, reason: String, state: SQLState? = nil, constraint: String? = nil)
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
        case .server(let server, let reason, let state, _): return "\(server): \(reason)" + (state.map { " [\($0.rawValue)]" } ?? "")
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

    /// For the kiosk's log: what kind of failure, where, and PostgreSQL's code; never the server's message,
    /// which can quote a row's value (a pseudonym in a constraint error).
    public var logSummary: String {
        switch self {
        case .server(let server, _, let state, _): return "\(server): the server refused" + (state.map { " (SQLSTATE \($0.rawValue))" } ?? "")
        default: return description
        }
    }
}

/// PostgreSQL's five-character error code (Appendix A of its manual): stable across releases and languages,
/// unlike the message.
public struct SQLState: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let uniqueViolation = SQLState(rawValue: "23505")
    /// Also what row-level security answers when a row is outside the role's policy.
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
}
