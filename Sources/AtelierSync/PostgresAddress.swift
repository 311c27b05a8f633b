import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…&connect_timeout=…` address, as libpq takes it. The
/// password may also come from `PGPASSWORD`, so that it stays out of the process list and the shell history.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
        /// TLS with the server's certificate checked against the system's authorities and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// Seconds to wait for the server to answer a connection (libpq's `connect_timeout`); 10 unless given.
    public var connectTimeout: Int

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(SyncError) {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty else {
            throw .badAddress("expected postgres://user@host[:port]/database")
        }
        self.host = host
        port = components.port ?? 5432
        guard let user = components.user, !user.isEmpty else { throw .badAddress("no user name (postgres://USER@host/database)") }
        self.user = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"]
        let database = String(components.path.drop { $0 == "/" })
        self.database = database.isEmpty ? self.user : (database.removingPercentEncoding ?? database)
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else { throw .badAddress("sslmode must be disable, prefer, require or verify-full") }
        self.tls = tls
        let timeout = components.queryItems?.first { $0.name == "connect_timeout" }?.value
        guard let seconds = timeout.map({ Int($0) }) ?? 10, seconds >= 1 else {
            throw .badAddress("connect_timeout must be a whole number of seconds, at least 1")
        }
        connectTimeout = seconds
    }

    /// The address without its password, for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)" }

    func configuration() throws -> PostgresConnection.Configuration {
        let tlsConfiguration: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable:
            tlsConfiguration = .disable
        case .prefer, .require:
            // libpq's require: encrypted, certificate not checked (verify-full checks it).
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            let context = try NIOSSLContext(configuration: settings)
            tlsConfiguration = tls == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            tlsConfiguration = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tlsConfiguration)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        configuration.options.additionalStartupParameters = [("search_path", "atelier"), ("application_name", "atelier")]
        return configuration
    }
}
