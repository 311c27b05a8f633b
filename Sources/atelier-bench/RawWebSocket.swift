import Foundation

/// Sockets that misbehave on purpose, below any WebSocket library: a connection that never finishes its
/// request, and a player that joins and then never reads.
enum RawWebSocket {
    /// The abusers come from 127.0.0.2 (and .3): the host slows down an address, and the honest players are on 127.0.0.1.
    static func connect(port: Int, receiveBuffer: Int32? = nil, from source: String = "127.0.0.2") -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        _ = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { close(fd); return nil }
        return fd
    }

    @discardableResult
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func upgradeRequest(port: Int) -> [UInt8] {
        Array("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".utf8)
    }

    /// Upgrades, then reads the response headers (and nothing more, ever).
    static func upgrade(_ fd: Int32, port: Int) -> Bool {
        guard send(fd, upgradeRequest(port: port)) else { return false }
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while received.count < 4096 {
            guard recv(fd, &byte, 1, 0) == 1 else { return false }
            received.append(byte)
            if received.suffix(4) == [13, 10, 13, 10] { return String(decoding: received, as: UTF8.self).contains(" 101 ") }
        }
        return false
    }

    /// A client's text frame header for `length` bytes (masked with a zero key, which the protocol allows).
    static func header(length: Int, opcode: UInt8 = 0x1) -> [UInt8] {
        var bytes: [UInt8] = [0x80 | opcode]
        if length < 126 {
            bytes.append(0x80 | UInt8(length))
        } else if length <= 0xFFFF {
            bytes += [0x80 | 126, UInt8(length >> 8), UInt8(length & 0xFF)]
        } else {
            bytes.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((length >> shift) & 0xFF)) }
        }
        return bytes + [0, 0, 0, 0]
    }

    static func frame(_ text: String) -> [UInt8] { frame(Array(text.utf8)) }

    /// A whole client frame: a text frame by default, a pong with opcode 0xA.
    static func frame(_ payload: [UInt8], opcode: UInt8 = 0x1) -> [UInt8] {
        header(length: payload.count, opcode: opcode) + payload
    }
}
