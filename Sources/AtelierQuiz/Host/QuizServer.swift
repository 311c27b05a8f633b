import AtelierContent
import AtelierEngine
import AtelierText
import Foundation
import NIOPosix
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// The host's HTTP side: the phones' page and its files, the languages, and the WebSocket every player talks
/// through. Each connection runs in its own task: whatever one sends or fails to read, the others go on.
public enum QuizServer {
    /// What the host allows each connection and each address (docs/quiz-protocol.md, "Limits").
    public struct Limits: Sendable {
        /// New connections one address may open: `newConnectionBurst` at once, then `newConnectionsPerSecond`. The
        /// only limit per address: a whole class may come through one Wi-Fi's address, so everything else is
        /// counted per socket or per device token. The host's own machine (127.0.0.1, ::1) is not limited.
        public var newConnectionsPerSecond: Int
        public var newConnectionBurst: Int
        /// An HTTP connection that has not finished a request this long after it opened (or after the host's last
        /// answer on it) is closed: idle sockets and half-sent requests would otherwise be held for ever.
        public var idleTimeout: Duration
        /// The limiter's time (tests pass a clock they move themselves).
        public var clock: @Sendable () -> Instant

        public init(newConnectionsPerSecond: Int = 5, newConnectionBurst: Int = 64, idleTimeout: Duration = .seconds(30),
                    clock: @escaping @Sendable () -> Instant = { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }) {
            self.newConnectionsPerSecond = newConnectionsPerSecond
            self.newConnectionBurst = newConnectionBurst
            self.idleTimeout = idleTimeout
            self.clock = clock
        }
    }

    /// `limits`: connections per address and idle sockets (`Limits`).
    /// `page`: the phones' page, read once (`PhonePage.bundled`); when it could not be read, its paths answer 503
    /// with the reason (`atelier quiz host` checks it before it starts, and says so).
    /// `speech`: the questions' sound files (`GET /api/listen`); nil when eSpeak NG could not start, and the page
    /// then hides its listen buttons (`GET /api/languages`' `listen`).
    public static func application(room: QuizRoom, host: String, port: Int, logger: Logger, limits: Limits = Limits(),
                                   page: Result<PhonePage, PhonePage.LoadError> = PhonePage.bundled, speech: SpeechCache? = nil,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        application(pending: PendingRoom(room: room, speech: speech), host: host, port: port, logger: logger, limits: limits,
                    page: page, onRunning: onRunning)
    }

    /// The same, for a room that may still be in the making (`PendingRoom`): the page's files are served at once,
    /// the rest waits for the room.
    public static func application(pending: PendingRoom, host: String, port: Int, logger: Logger, limits: Limits = Limits(),
                                   page: Result<PhonePage, PhonePage.LoadError> = PhonePage.bundled,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        // Each file's response body is prepared once; every request gets a copy of the same bytes.
        for file in PhonePage.files {
            switch page {
            case .success(let loaded):
                let body = ByteBuffer(string: loaded.texts[file.path] ?? "")
                router.get(RouterPath(file.path)) { _, _ in
                    Response(status: .ok, headers: headers(file.contentType), body: .init(byteBuffer: body))
                }
            case .failure(let error):
                let body = ByteBuffer(string: "\(error)\n")
                router.get(RouterPath(file.path)) { _, _ in
                    Response(status: .serviceUnavailable, headers: headers("text/plain; charset=utf-8"), body: .init(byteBuffer: body))
                }
            }
        }
        router.get("/api/languages") { _, _ in
            guard let ready = await pending.value() else { return unavailable }
            return Response(status: .ok, headers: headers("application/json"), body: .init(byteBuffer: ready.languages))
        }
        router.get("/api/listen") { request, _ in
            guard let ready = await pending.value() else { return unavailable }
            return await ListenRoute.respond(request, room: ready.room, cache: ready.speech, voiced: ready.voiced)
        }
        let counts = AddressLimiter.Counts(perSecond: limits.newConnectionsPerSecond, burst: limits.newConnectionBurst, clock: limits.clock)
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: TimeAmount(limits.idleTimeout)),
            ws: WebSocketServerConfiguration(maxFrameSize: QuizProtocol.maxMessageBytes,
                                             extensions: [.nonNegotiatedExtension { MaskedFramesOnly() }],
                                             autoPing: .enabled(timePeriod: .seconds(20)), closeTimeout: .seconds(5), validateUTF8: true))
        return Application(
            router: router,
            // The limiter goes first, before a byte of the request is read: a connection that never finishes its
            // request would otherwise never meet a handler.
            server: HTTPServerBuilder { responder in
                LimitedChannel(counts: counts, idleTimeout: limits.idleTimeout, inner: HTTP1WebSocketUpgradeChannel(
                    responder: responder, configuration: configuration,
                    shouldUpgrade: { request, channel, _ in
                        guard request.path == "/ws" else { return .dontUpgrade }
                        let address = channel.remoteAddress?.ipAddress ?? "unknown"
                        return .upgrade([:]) { inbound, outbound, _ in
                            // A phone faster than the host's start waits for the room; none comes when the host quits.
                            guard let room = await pending.value()?.room else { return }
                            try await serve(room: room, address: address, inbound: inbound, outbound: outbound)
                        }
                    }))
            },
            // A room joins at once when the code goes up: 256 pending connections (the default) overflowed with a
            // few thousand phones connecting in the same seconds, and their connects timed out. The kernel caps it
            // at net.core.somaxconn (4096 on Debian).
            configuration: .init(address: .hostname(host, port: port), serverName: nil, backlog: 4096),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// One player's socket: a reader feeding the room, a writer draining the player's queue. When either ends
    /// (the player left, was replaced by their own new socket, was kicked, or sent too much) both end.
    /// Throws what ended the reading (a message over the limit, a protocol error): the WebSocket library then
    /// closes with that error's code (1009, 1002) rather than 1000.
    static func serve(room: QuizRoom, address: String, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        guard let (id, messages) = await room.open(address: address) else {
            // A phone that already left needs no "full".
            try? await outbound.write(.text(ServerMessage.error(.full).encoded))
            return
        }
        let failure = await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask {
                for await text in messages {
                    do { try await outbound.write(.text(text)) } catch { return nil }
                }
                return nil
            }
            group.addTask {
                let failure = await read(room: room, id: id, inbound: inbound)
                // What is queued (a last error, `kicked`) still goes out before the socket closes.
                await room.finishOutbound(id)
                return failure
            }
            var failure = await group.next() ?? nil
            // The other side gets two seconds to finish: a client that never reads does not hold the task.
            group.addTask { try? await Task.sleep(for: .seconds(2)); return nil }
            if let other = await group.next() ?? nil { failure = other }
            group.cancelAll()
            return failure
        }
        await room.closed(id)
        if let failure { throw failure }
    }

    /// Feeds the socket's messages to the room until it ends; returns the error that ended it, if any.
    static func read(room: QuizRoom, id: Int, inbound: WebSocketInboundStream) async -> (any Error)? {
        do {
            for try await message in inbound.messages(maxSize: QuizProtocol.maxMessageBytes) {
                let text: String
                switch message {
                case .text(let value): text = value
                case .binary: text = ""  // refused as a malformed message
                }
                switch await room.receive(id, text: text) {
                case .keep: continue
                case .close: return nil
                case .signIn(let request):
                    await room.signedIn(id, request, result: signIn(room: room, request))
                }
            }
            return nil
        } catch {
            return error  // a message over the limit, an unmasked frame, or a broken socket: this connection only
        }
    }

    /// The kiosk profile behind a join. Unknown pseudonyms and wrong PINs give the same answer, so that the
    /// network cannot tell which pseudonyms exist.
    /// The derivation (slow on purpose) runs on NIO's thread pool, never on the game's cooperative threads; the
    /// room lets only a few run at once.
    static func signIn(room: QuizRoom, _ request: ClientMessage.JoinRequest) async -> Result<String, QuizErrorCode> {
        guard let store = room.recorder?.store, let pseudonym = request.pseudonym else { return .failure(.wrongPIN) }
        let pin = request.pin
        // runIfActive throws only when the pool is shut down (the host is quitting): the phone gets "wrong PIN".
        let answer = try? await NIOThreadPool.singleton.runIfActive { () -> Result<String, KioskProfileProblem>? in
            let now = Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
            // A data file that fails reads as a wrong PIN to the phone (it can do nothing about it); the
            // projector's failure count is where the facilitator sees the store failing.
            return try? store.quizSignIn(pseudonym: pseudonym, pin: pin, at: now)
        }
        switch answer {
        case .success(let participant)?: return .success(participant)
        case .failure(.locked)?: return .failure(.locked)
        default: return .failure(.wrongPIN)
        }
    }

    /// What a request that needs the room gets when the room will not be made (the host is quitting).
    static var unavailable: Response {
        Response(status: .serviceUnavailable, headers: headers("text/plain; charset=utf-8"),
                 body: .init(byteBuffer: ByteBuffer(string: "the quiz is not running\n")))
    }

    static func headers(_ type: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = type
        fields[.cacheControl] = "no-store"
        // The page loads nothing from elsewhere, and nothing else may run in it; its sounds are the host's own.
        fields[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        fields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return fields
    }

    static let contentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; media-src 'self'; frame-ancestors 'none'"

    /// `GET /api/languages`: every language with the texts the page needs, already formatted (the page has no
    /// MessageFormat of its own), and the error codes of `QuizErrorCode` with what the page does about each.
    /// `speech`: whether a voice reads a language, nil when the host reads nothing aloud (`listen` false: the page
    /// shows no listen button).
    static func languagesJSON(_ content: QuizContent, speech hasVoice: ((String) -> Bool)? = nil) -> String {
        let longest = content.longestSeconds
        let list: [[String: Any]] = content.languages.map { language -> [String: Any] in
            let texts = PhoneTexts(strings: content.strings(language.code))
            return ["code": language.code, "name": language.endonym, "dir": language.direction.rawValue,
                    "draft": language.status == .draft, "strings": texts.fixedTexts(), "countdown": texts.countdown(upTo: longest),
                    "voice": hasVoice?(language.code) ?? false]
        }
        return JSONText.encode(["v": QuizProtocol.version, "errors": errorsJSON(content.strings("fr")), "languages": list,
                                "listen": hasVoice != nil])
    }

    /// Every error code: whether it refuses the join (the page shows its form again), and the key of the text
    /// the page shows when an `error` message comes without `texts` (`quiz.error.other` for a code without one).
    static func errorsJSON(_ french: InterfaceStrings) -> [String: Any] {
        let keys = Set(french.keys)
        var errors: [String: Any] = [:]
        for code in QuizErrorCode.allCases {
            let key = "quiz.error." + code.interfaceKey
            errors[code.rawValue] = ["join": code.refusesJoin, "key": keys.contains(key) ? key : "quiz.error.other"] as [String: Any]
        }
        return errors
    }
}
