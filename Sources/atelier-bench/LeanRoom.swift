import CBenchSupport
import Foundation

/// A room of phones on one thread: raw sockets read with epoll, frames and JSON read as bytes, the answer frame
/// written whole. The host sees the same thing as from `SimulatedPlayer` (a WebSocket upgrade, a masked `join`,
/// a masked `answer` at a random moment of the question's first 2 seconds, pongs to its pings) but the phones
/// cost the shared 2 cores little: with 5,000 `SimulatedPlayer`s (a WebSocket library, its tasks and JSON
/// decoding per phone) the benchmark process took most of a core during the answers, and its own queueing
/// showed in the measured ack latency (issue #22). The latency is from the answer's `send` to the ack's bytes
/// read, on a thread that does nothing else.
final class LeanRoom: @unchecked Sendable {
    private struct Phone {
        var fd: Int32
        var number: Int
        var buffer: [UInt8] = []
        var joined = false
        var asked: Set<Int> = []
        var sentAt: [Int: UInt64] = [:]
        var ackAt: [Int: UInt64] = [:]
        var failure: String?
    }

    private struct Due: Comparable {
        var at: UInt64
        var phone: Int
        var question: Int
        var choice: [UInt8]
        static func < (a: Due, b: Due) -> Bool { a.at < b.at }
    }

    let port: Int
    let code: String
    let languages: [String]
    let count: Int
    /// Seconds over which each phone's answer is spread after the question arrives (as `SimulatedPlayer`).
    let window: Double
    /// `ATELIER_LEAN_OFFSET=S`: the answers start S seconds after the question (an experiment, not a figure). Read once:
    /// read at each question (`ProcessInfo.environment` copies the whole environment) it cost the phones' one thread
    /// about 5,000 copies during the question's fan-out, the moment the host's acks are measured.
    let offset = Double(ProcessInfo.processInfo.environment["ATELIER_LEAN_OFFSET"] ?? "") ?? 0
    private let lock = NSLock()
    private var phones: [Phone] = []
    private var stopped = false
    private var thread: Thread?
    private var finished = DispatchSemaphore(value: 0)
    private var joinedCount = 0
    private var ackedCount = 0
    private var failures: [String: Int] = [:]

    init(port: Int, count: Int, code: String, languages: [String], window: Double = 2) {
        self.port = port
        self.count = count
        self.code = code
        self.languages = languages
        self.window = window
    }

    var joined: Int { lock.withLock { joinedCount } }
    var acknowledged: Int { lock.withLock { ackedCount } }
    var failed: [String: Int] { lock.withLock { failures } }

    /// Every phone's ack latency for the first question it answered, in milliseconds.
    var latencies: [Double] {
        lock.withLock {
            phones.compactMap { phone in
                guard let question = phone.ackAt.keys.min(), let sent = phone.sentAt[question], let ack = phone.ackAt[question] else { return nil }
                return Double(ack - sent) / 1e6
            }
        }
    }

    /// (sent, latency) in milliseconds for every phone's first acknowledged answer, the send time counted from the
    /// first answer sent: where in the question's seconds the slow acks fall (`ATELIER_LEAN_TRACE=file`).
    var timeline: [(Double, Double)] {
        lock.withLock {
            let pairs = phones.compactMap { phone -> (UInt64, UInt64)? in
                guard let question = phone.ackAt.keys.min(), let sent = phone.sentAt[question], let ack = phone.ackAt[question] else { return nil }
                return (sent, ack)
            }
            let first = pairs.map(\.0).min() ?? 0
            return pairs.map { (Double($0.0 - first) / 1e6, Double($0.1 - $0.0) / 1e6) }.sorted { $0.0 < $1.0 }
        }
    }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.stackSize = 1 << 22
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
        for phone in phones where phone.fd >= 0 { close(phone.fd) }
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    private func run() {
        let epoll = atelier_epoll_create()
        guard epoll >= 0 else { return }
        defer { close(epoll) }
        // Connected in waves of 100, as a room joins (and as `SimulatedPlayer`'s benchmark does).
        var local: [Phone] = []
        for number in 0..<count {
            if number > 0, number % 100 == 0 { usleep(50_000) }
            var phone = Phone(fd: -1, number: number)
            if let fd = connectAndUpgrade() {
                phone.fd = fd
                let language = languages[number % languages.count]
                let device = String(format: "lean%028d", number)
                let join = #"{"v":1,"type":"join","code":"\#(code)","nickname":"player \#(number)","language":"\#(language)","device":"\#(device)"}"#
                if !Self.sendAll(fd, RawWebSocket.frame(Array(join.utf8))) { phone.failure = "join not sent" }
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = atelier_epoll_add(epoll, fd, UInt32(number))
            } else {
                phone.failure = "connect"
            }
            local.append(phone)
        }
        lock.withLock {
            phones = local
            for phone in local { if let failure = phone.failure { failures[failure, default: 0] += 1 } }
        }
        var due = Heap<Due>()
        var tokens = [UInt32](repeating: 0, count: 256)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !lock.withLock({ stopped }) {
            let now = Self.now()
            while let first = due.peek, first.at <= now {
                let item = due.pop()!
                let answer = #"{"v":1,"type":"answer","question":\#(item.question),"choice":""# + String(decoding: item.choice, as: UTF8.self) + #""}"#
                let fd = lock.withLock { phones[item.phone].fd }
                let sent = Self.now()
                if Self.sendAll(fd, RawWebSocket.frame(Array(answer.utf8))) {
                    lock.withLock { phones[item.phone].sentAt[item.question] = sent }
                }
            }
            let wait = due.peek.map { Int32(min(10, max(0, Int64($0.at) - Int64(Self.now())) / 1_000_000)) } ?? 10
            let n = atelier_epoll_wait(epoll, &tokens, Int32(tokens.count), wait)
            guard n > 0 else { continue }
            for token in tokens[0..<Int(n)] {
                let index = Int(token)
                let fd = lock.withLock { phones[index].fd }
                var bytes: [UInt8] = []
                while true {
                    let got = recv(fd, &chunk, chunk.count, 0)
                    if got > 0 { bytes += chunk[0..<got]; continue }
                    if got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                        _ = atelier_epoll_remove(epoll, fd)
                        lock.withLock {
                            if phones[index].failure == nil, phones[index].ackAt.isEmpty {
                                phones[index].failure = "closed"
                                failures["closed", default: 0] += 1
                            }
                        }
                    }
                    break
                }
                guard !bytes.isEmpty else { continue }
                let arrived = Self.now()
                var buffer = lock.withLock { phones[index].buffer } + bytes
                var consumed = 0
                while let (opcode, payload, size) = Self.nextFrame(buffer, from: consumed) {
                    consumed += size
                    switch opcode {
                    case 0x9: _ = Self.sendAll(fd, RawWebSocket.frame(payload, opcode: 0xA))  // ping: the host's keep-alive
                    case 0x1: handle(payload, phone: index, at: arrived, due: &due)
                    default: break
                    }
                }
                buffer.removeFirst(consumed)
                lock.withLock { phones[index].buffer = buffer }
            }
        }
    }

    private func handle(_ text: [UInt8], phone index: Int, at arrived: UInt64, due: inout Heap<Due>) {
        if Self.contains(text, #""type":"welcome""#) {
            lock.withLock {
                if !phones[index].joined { phones[index].joined = true; joinedCount += 1 }
            }
        } else if Self.contains(text, #""type":"question""#) {
            guard let question = Self.integer(after: #""index":"#, in: text) else { return }
            let choices = Self.choiceIDs(text)
            guard !choices.isEmpty else { return }
            let fresh = lock.withLock { phones[index].asked.insert(question).inserted }
            guard fresh else { return }
            // With `offset` 0.5 the 5,000-player p99 fell from 181 to 13 ms: what is slow is answering while the
            // question is still on its way to the other phones.
            let delay = UInt64((offset + Double.random(in: 0..<window)) * 1e9)
            due.push(Due(at: arrived + delay, phone: index, question: question, choice: choices[index % choices.count]))
        } else if Self.contains(text, #""type":"ack""#) {
            guard let question = Self.integer(after: #""question":"#, in: text) else { return }
            lock.withLock {
                if phones[index].ackAt[question] == nil {
                    if phones[index].ackAt.isEmpty { ackedCount += 1 }
                    phones[index].ackAt[question] = arrived
                }
            }
        } else if Self.contains(text, #""type":"error""#) {
            lock.withLock {
                if phones[index].failure == nil {
                    phones[index].failure = "error"
                    failures["error " + (Self.string(after: #""code":""#, in: text) ?? "?"), default: 0] += 1
                }
            }
        }
    }

    // MARK: - Bytes

    /// A blocking connect and upgrade (`RawWebSocket`'s, which reads the response up to its blank line and no
    /// further), tried again after 1, 2 and 4 s as `SimulatedPlayer` does.
    private func connectAndUpgrade() -> Int32? {
        for attempt in 0..<4 {
            if attempt > 0 { sleep(UInt32(1 << (attempt - 1))) }
            guard let fd = RawWebSocket.connect(port: port, from: "127.0.0.1") else { continue }
            if RawWebSocket.upgrade(fd, port: port) { return fd }
            close(fd)
        }
        return nil
    }

    /// `RawWebSocket.send`, for a non-blocking socket: a full send buffer is waited out rather than a failure.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n > 0 { offset += n; continue }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { usleep(100); continue }
            return false
        }
        return true
    }

    /// The next whole server frame at `start`: its opcode, payload and size, or nil when it has not all come.
    static func nextFrame(_ buffer: [UInt8], from start: Int) -> (UInt8, [UInt8], Int)? {
        guard buffer.count - start >= 2 else { return nil }
        let opcode = buffer[start] & 0x0F
        var length = Int(buffer[start + 1] & 0x7F)
        var header = 2
        if length == 126 {
            guard buffer.count - start >= 4 else { return nil }
            length = Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
            header = 4
        } else if length == 127 {
            guard buffer.count - start >= 10 else { return nil }
            length = (2..<10).reduce(0) { $0 << 8 | Int(buffer[start + $1]) }
            header = 10
        }
        guard buffer.count - start >= header + length else { return nil }
        return (opcode, Array(buffer[(start + header)..<(start + header + length)]), header + length)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        return (start...(haystack.count - needle.count)).first { at in
            haystack[at] == needle[0] && haystack[at..<(at + needle.count)].elementsEqual(needle)
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool { find(Array(needle.utf8), in: haystack, from: 0) != nil }

    static func integer(after key: String, in text: [UInt8]) -> Int? {
        guard let at = find(Array(key.utf8), in: text, from: 0) else { return nil }
        var value = 0, digits = 0
        for byte in text[(at + key.utf8.count)...] {
            guard (48...57).contains(byte) else { break }
            value = value * 10 + Int(byte - 48)
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    static func string(after key: String, in text: [UInt8]) -> String? {
        guard let at = find(Array(key.utf8), in: text, from: 0) else { return nil }
        let start = at + key.utf8.count
        guard let end = text[start...].firstIndex(of: 34) else { return nil }
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    /// The `id` of each choice, in order (the step's own ids: `members`, `state`…; the choices' objects are the
    /// only ones with an `"id"` key).
    static func choiceIDs(_ text: [UInt8]) -> [[UInt8]] {
        guard let list = find(Array(#""choices":["#.utf8), in: text, from: 0) else { return [] }
        let key = Array(#""id":""#.utf8)
        var ids: [[UInt8]] = []
        var at = list
        while let found = find(key, in: text, from: at) {
            let start = found + key.count
            guard let end = text[start...].firstIndex(of: 34) else { break }
            ids.append(Array(text[start..<end]))
            at = end
        }
        return ids
    }
}

/// A binary min-heap: the answers due, earliest first.
struct Heap<Element: Comparable> {
    private var items: [Element] = []
    var peek: Element? { items.first }

    mutating func push(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
