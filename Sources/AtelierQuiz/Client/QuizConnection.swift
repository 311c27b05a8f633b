import Foundation
import HummingbirdWSClient
import Logging

/// One player's WebSocket to a quiz host, as the terminal client, the tests and the benchmark use it: what the
/// host says arrives on `messages`; `send` queues a message. The connection ends when the host closes it,
/// the network breaks, or `close` is called.
public final class QuizConnection: Sendable {
    public let messages: AsyncStream<ServerMessage>
    private let incoming: AsyncStream<ServerMessage>.Continuation
    private let outgoing: AsyncStream<String>.Continuation
    private let queue: AsyncStream<String>
    private let url: String

    /// `http://host:port` or `ws://host:port` (the path `/ws` is added).
    public init(url: String) {
        var address = url.trimmingCharacters(in: .whitespaces)
        if address.hasPrefix("http://") { address = "ws://" + address.dropFirst("http://".count) }
        if address.hasPrefix("https://") { address = "wss://" + address.dropFirst("https://".count) }
        if !address.contains("://") { address = "ws://" + address }
        while address.hasSuffix("/") { address.removeLast() }
        if !address.hasSuffix("/ws") { address += "/ws" }
        self.url = address
        (messages, incoming) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        (queue, outgoing) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    public func send(_ message: ClientMessage) { outgoing.yield(message.encoded) }
    /// Raw text, for the abuse tests.
    public func send(raw text: String) { outgoing.yield(text) }
    public func close() { outgoing.finish() }

    /// Runs the connection until it ends; throws when it cannot connect.
    public func run() async throws {
        defer { incoming.finish() }
        let logger = Logger(label: "atelier.quiz.client", factory: { _ in SwiftLogNoOpLogHandler() })
        let incoming = self.incoming
        let queue = self.queue
        try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 16), logger: logger) { inbound, outbound, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await text in queue { try await outbound.write(.text(text)) }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 16) {
                        guard case .text(let text) = message, let decoded = ServerMessage.decode(text) else { continue }
                        incoming.yield(decoded)
                    }
                }
                _ = try await group.next()
                group.cancelAll()
            }
        }
    }
}
