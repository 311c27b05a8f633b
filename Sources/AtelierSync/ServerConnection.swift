import Logging
import NIOCore
import PostgresNIO

/// One connection to the server, with its failures turned into `SyncError`s that name the server (never its
/// password). Nothing is logged: postgres-nio gets a logger that drops everything, so no pseudonym or answer
/// can reach a terminal or a log through it.
public final class ServerConnection: Sendable {
    public let address: PostgresAddress
    let connection: PostgresConnection
    static let logger = Logger(label: "atelier.sync", factory: { _ in SwiftLogNoOpLogHandler() })

    static func connect(_ address: PostgresAddress) async throws(SyncError) -> ServerConnection {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try address.configuration()
        } catch {
            throw .unreachable(server: address.description, reason: "TLS: \(error)")
        }
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return ServerConnection(address: address, connection: connection)
        } catch {
            throw map(error, server: address.description)
        }
    }

    /// Connects, runs `body`, and closes the connection whatever happens (postgres-nio requires a closed
    /// connection before it is released).
    public static func with<T>(_ address: PostgresAddress, _ body: (ServerConnection) async throws(SyncError) -> T)
        async throws(SyncError) -> T {
        let server = try await connect(address)
        do {
            let result = try await body(server)
            await server.close()
            return result
        } catch {
            await server.close()
            throw error
        }
    }

    init(address: PostgresAddress, connection: PostgresConnection) {
        self.address = address
        self.connection = connection
    }

    /// How long one statement, one COPY or the closing may take before the server counts as unreachable.
    static let patience: Double = 30

    public func close() async {
        let connection = self.connection
        // Closing a connection the network already cut should not hold anyone long.
        // A close that fails or hangs leaves nothing to undo: the server drops the session with the socket.
        _ = try? await Deadline.run(seconds: 5) { try await connection.close() }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws(SyncError) -> [PostgresRow] {
        let connection = self.connection
        do {
            return try await Deadline.run(seconds: Self.patience) {
                var rows: [PostgresRow] = []
                for try await row in try await connection.query(query, logger: Self.logger) { rows.append(row) }
                return rows
            }
        } catch {
            throw Self.map(error, server: address.description)
        }
    }

    /// Statements without parameters, in order (migrations, benchmarks).
    public func execute(statements: [String]) async throws(SyncError) {
        for statement in statements { try await query(PostgresQuery(unsafeSQL: statement)) }
    }

    /// `COPY table (columns) FROM STDIN` of rows already in COPY's text format (see `CopyText`).
    public func copy(into table: String, columns: [String], bytes: [UInt8]) async throws(SyncError) {
        let connection = self.connection
        do {
            try await Deadline.run(seconds: Self.patience) {
                try await connection.copyFrom(table: table, columns: columns, logger: Self.logger) { writer in
                    var buffer = ByteBuffer()
                    buffer.writeBytes(bytes)
                    try await writer.write(buffer)
                }
            }
        } catch {
            throw Self.map(error, server: address.description)
        }
    }

    static func map(_ error: any Error, server: String) -> SyncError {
        if let error = error as? SyncError { return error }
        if error is Deadline.Expired { return .unreachable(server: server, reason: "no answer for \(Int(patience)) s") }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return .server(server: server, reason: message, state: error.serverInfo?[.sqlState].map(SQLState.init(rawValue:)),
                               constraint: error.serverInfo?[.constraintName])
            }
            switch error.code {
            case .sslUnsupported:
                return .unreachable(server: server, reason: "the server does not offer TLS, which the address requires")
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return .unreachable(server: server, reason: error.underlying.map { "\($0)" } ?? "connection closed")
            default:
                return .unreachable(server: server, reason: "\(error.code)")
            }
        }
        if let error = error as? PostgresTransactionError {
            return map(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error, server: server)
        }
        return .unreachable(server: server, reason: "\(error)")
    }
}
