import AtelierQuiz
import Foundation

/// A client that writes the bytes of HTTP and of WebSocket frames itself, for what `QuizConnection` (a
/// well-behaved WebSocket library) never sends: unmasked frames, oversized messages in pieces, half a request,
/// nothing at all. Blocking POSIX calls with a receive timeout that only ends a test that would otherwise hang
/// (it is not a speed requirement).
final class RawSocket: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// A TCP connection to the host on 127.0.0.1, from `source` (127.0.0.2 is "another machine" to the host).
    init?(port: Int, from source: String = "127.0.0.1", hangGuardSeconds: Int = 300) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        remote.sin_port = UInt16(port).bigEndian
        let ok = withUnsafePointer(to: &local) { l in
            withUnsafePointer(to: &remote) { r in
                l.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
                    && r.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                    }
            }
        }
        guard ok else { Foundation.close(fd); return nil }
        var guardTime = timeval(tv_sec: hangGuardSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guardTime, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit { Foundation.close(fd) }

    func write(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }  // the host closed: what the test checks next says so
            sent += n
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Blocks until `count` bytes came, or the host closed (nil).
    func read(_ count: Int) -> [UInt8]? {
        while buffer.count < count {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            buffer += chunk[0..<n]
        }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Blocks until the host closes the connection; true when it did (false: the hang guard ran out).
    func waitForClose() -> Bool {
        while true {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    // MARK: - WebSocket

    /// The opening handshake on `/ws`; true when the host answered 101.
    func upgrade() -> Bool {
        write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        var head: [UInt8] = []
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard let byte = read(1) else { return false }
            head += byte
        }
        return String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101")
    }

    /// One frame as a client writes it: masked unless told otherwise (RFC 6455 requires the mask).
    static func frame(opcode: UInt8, payload: [UInt8], fin: Bool = true, masked: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        let mask: UInt8 = masked ? 0x80 : 0
        switch payload.count {
        case ..<126: bytes.append(mask | UInt8(payload.count))
        case ..<65536: bytes += [mask | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: bytes += [mask | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        guard masked else { return bytes + payload }
        let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        return bytes + key + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }

    func sendText(_ text: String, masked: Bool = true) {
        write(Self.frame(opcode: 0x1, payload: Array(text.utf8), masked: masked))
    }

    func send(_ message: ClientMessage) { sendText(message.encoded) }

    enum Frame: Equatable {
        case text(String)
        case close(code: UInt16?)
        case other(opcode: UInt8)
    }

    /// The host's next frame (unmasked, as a server sends them); nil when the host closed the socket first.
    func nextFrame() -> Frame? {
        guard let head = read(2) else { return nil }
        var length = Int(head[1] & 0x7F)
        if length == 126 {
            guard let extended = read(2) else { return nil }
            length = Int(extended[0]) << 8 | Int(extended[1])
        } else if length == 127 {
            guard let extended = read(8) else { return nil }
            length = extended.reduce(0) { $0 << 8 | Int($1) }
        }
        guard let payload = read(length) else { return nil }
        switch head[0] & 0x0F {
        case 0x1: return .text(String(decoding: payload, as: UTF8.self))
        case 0x8: return .close(code: payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil)
        default: return .other(opcode: head[0] & 0x0F)
        }
    }

    /// The next message of the quiz protocol (pings and the like skipped); nil when the connection ended.
    func nextMessage() -> ServerMessage? {
        while let frame = nextFrame() {
            if case .text(let text) = frame, let message = ServerMessage.decode(text) { return message }
            if case .close = frame { return nil }
        }
        return nil
    }

    /// The close frame's code, skipping the messages before it; nil when the socket ended without one.
    func closeCode() -> UInt16?? {
        while let frame = nextFrame() {
            if case .close(let code) = frame { return .some(code) }
        }
        return nil
    }
}

/// Runs a blocking read off Swift's cooperative threads (two on this machine): the host's room runs on them,
/// and a test blocked there would stop the host it waits for.
func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: body()) }
    }
}
