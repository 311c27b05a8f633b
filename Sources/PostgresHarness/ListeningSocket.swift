import Foundation

/// A socket listening on 127.0.0.1 on a port the kernel chose: a port held in use (a test of "port already
/// taken"), a server that accepts and never answers, or, closed at once, a free port for a server to come. One
/// helper for the PostgreSQL harness, the benchmarks and the tests, rather than the same `bind` in each.
public final class ListeningSocket: @unchecked Sendable {
    public let fd: Int32
    public let port: Int

    public struct Failure: Error, CustomStringConvertible {
        public var step: String
        public var reason: String
        public var description: String { "\(step) 127.0.0.1:0: \(reason)" }
    }

    public init(backlog: Int32 = 4) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(step: "socket", reason: String(cString: strerror(errno))) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, backlog) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            let reason = String(cString: strerror(errno))
            Foundation.close(fd)
            throw Failure(step: "bind", reason: reason)
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port nothing listens on now: held, then let go (another process may still take it; the kernel hands
    /// ports out in turn, so parallel runs do not collide in practice).
    public static func freePort() throws -> Int {
        let socket = try ListeningSocket()
        socket.close()
        return socket.port
    }

    public func close() { Foundation.close(fd) }
}
