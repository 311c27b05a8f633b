import Foundation
import Logging
import NIOConcurrencyHelpers

/// A program's log: one file per kiosk (`atelier-kiosk.log`) or quiz host (`atelier-quiz.log`), beside its
/// data file unless `--log` says otherwise, kept under 1 MiB by moving it to `<file>.1` when it is full, so
/// that a kiosk left running for a year never fills its disk. What goes in: start-up, modules left out and
/// translations missing (file:line:column), the data file failing and coming back, the sync's failures, the
/// quiz's refused writes. What never goes in: answers, PINs, pseudonyms, or anything a participant typed.
/// Every subsystem logs through swift-log; this is the one handler, so there is one file to read.
public final class LogFile: Sendable {
    public let path: String
    let limit: Int
    private let descriptor: NIOLockedValueBox<Int32>
    /// Whether standard error was pointed at this file: it must follow the file when it rotates, or it would
    /// keep writing, unbounded, into `<file>.1` and then into a deleted file.
    private let ownsStandardError = NIOLockedValueBox(false)

    public init(path: String, limit: Int = 1 << 20) {
        self.path = path
        self.limit = limit
        descriptor = NIOLockedValueBox(Self.open(path))
    }

    deinit { descriptor.withLockedValue { if $0 >= 0 { close($0) } } }

    /// Whether the file could be opened: without it nothing is logged (the kiosk still runs).
    public var isWritable: Bool { descriptor.withLockedValue { $0 >= 0 } }

    /// Sends standard error here (and keeps it here across rotations): nothing a library or the runtime writes
    /// there may land on a participant's screen. False when the file cannot be opened.
    public func captureStandardError() -> Bool {
        descriptor.withLockedValue { fd in
            guard fd >= 0 else { return false }
            ownsStandardError.withLockedValue { $0 = true }
            return dup2(fd, STDERR_FILENO) >= 0
        }
    }

    private static func open(_ path: String) -> Int32 {
        Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    }

    /// A logger that writes here.
    public func logger(_ label: String) -> Logger {
        Logger(label: label) { label in Handler(log: self, label: label) }
    }

    func append(_ line: String) {
        let bytes = Array(line.utf8)
        descriptor.withLockedValue { fd in
            if fd >= 0, lseek(fd, 0, SEEK_END) + off_t(bytes.count) > off_t(limit) {
                close(fd)
                _ = rename(path, path + ".1")
                fd = Self.open(path)
                if fd >= 0 && ownsStandardError.withLockedValue({ $0 }) { _ = dup2(fd, STDERR_FILENO) }
            }
            guard fd >= 0 else { return }  // no log beats a kiosk that stops: the screens never depend on it
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    struct Handler: LogHandler {
        let log: LogFile
        let label: String
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = metadata.merging(extra ?? [:]) { _, new in new }
            let fields = all.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
            let stamp = Date().formatted(.iso8601)
            // One line per entry, whatever the message holds.
            let text = "\(message)\(fields)".map { $0 == "\n" || $0 == "\r" ? " " : String($0) }.joined()
            log.append("\(stamp) \(level) [\(label)] \(text)\n")
        }
    }
}
