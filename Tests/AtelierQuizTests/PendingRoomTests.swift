import AtelierEngine
@testable import AtelierQuiz
import Foundation
import Logging
import PostgresHarness
import Testing

/// `atelier quiz host` listens before it has read the module (issue #24): the page comes at once, whatever needs
/// the room waits for it, and a host that cannot make its room says why and stops serving.
@Suite struct PendingRoomTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A server on a free port around a room still in the making.
    static func serve(_ pending: PendingRoom) async -> (port: Int, server: Task<Void, any Error>) {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = QuizServer.application(pending: pending, host: "127.0.0.1", port: 0, logger: quiet,
                                                 onRunning: { continuation.yield($0) })
        let server = Task { try await application.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await value in ports { port = value; break }
        return (port, server)
    }

    /// Waits until `count` requests wait for the room: an event, not a time (the bound only ends a hung test).
    static func until(_ pending: PendingRoom, waits count: Int) async -> Bool {
        for _ in 0..<60_000 {
            if pending.waiting >= count { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    @Test func thePageComesFirstAndAPhoneThatJoinsMeanwhileGetsInOnceTheRoomIsMade() async throws {
        let pending = PendingRoom()
        let (port, server) = await Self.serve(pending)
        defer { server.cancel() }
        // No room yet: the page, its script and its style are served all the same.
        for path in ["/", "/app.js", "/app.css"] {
            #expect(try await HTTPGet.get(path, port: port).status == 200, "\(path)")
        }
        // The languages and a join wait for the room.
        async let languages = HTTPGet.get("/api/languages", port: port)
        let player = TestPlayer(url: "http://127.0.0.1:\(port)")
        defer { player.close() }
        player.join(nickname: "Amina", language: "ar")
        #expect(await Self.until(pending, waits: 2))
        let content = try QuizTestHost.content()
        let room = QuizRoom(content: content, settings: .init(code: "4821", session: "s1", maxPlayers: 10, readAloud: false),
                            scoring: .accuracy, teams: 0, ranking: false, recorder: nil, clock: QuizTestHost.frozen)
        pending.resolve(room: room, speech: nil)
        let reply = try await languages
        #expect(reply.status == 200)
        #expect(reply.body.contains(#""code":"ar""#))
        let welcome = await player.next { if case .welcome = $0 { true } else { false } }
        #expect(welcome != nil)
        #expect(await room.game.players.count == 1)
    }

    @Test func aRoomThatWillNotBeMadeAnswers503AndClosesAJoin() async throws {
        let pending = PendingRoom()
        let (port, server) = await Self.serve(pending)
        defer { server.cancel() }
        async let waiting = HTTPGet.get("/api/languages", port: port)
        #expect(await Self.until(pending, waits: 1))
        pending.fail()
        #expect(try await waiting.status == 503)
        // After the failure, at once.
        #expect(try await HTTPGet.get("/api/languages", port: port).status == 503)
        #expect(try await HTTPGet.get("/api/listen?token=x&question=0&lang=fr", port: port).status == 503)
        let player = TestPlayer(url: "http://127.0.0.1:\(port)")
        player.join(nickname: "Amina", language: "ar")
        for _ in 0..<60_000 where !player.isClosed { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(player.isClosed)
        #expect(await player.next(within: 0) { if case .welcome = $0 { true } else { false } } == nil)
    }

    struct Unreadable: Error {}

    /// A module with errors is reported as such, whether or not the port was free (it used to be read before the
    /// server started, so its error came first): `serve` throws the preparation's error and stops listening.
    @Test(arguments: [false, true])
    func aPreparationThatFailsIsTheErrorReportedWhateverThePort(portInUse: Bool) async throws {
        let busy = portInUse ? try ListeningSocket() : nil
        defer { busy?.close() }
        let port = try busy?.port ?? ListeningSocket.freePort()
        let pending = PendingRoom()
        do {
            try await QuizHost.serve(pending: pending, host: "127.0.0.1", port: port, logger: Self.quiet) {
                throw Unreadable()
            }
            Issue.record("serve returned without an error")
        } catch QuizHost.StartFailure.prepare(let error) {
            #expect(error is Unreadable)
        }
        #expect(await pending.value() == nil)
        if !portInUse {
            // Nothing listens any more.
            #expect(throws: (any Error).self) { _ = try HTTPGet.blockingGet("/", port: port) }
        }
    }

    /// A port in use with a module that reads well: the server's error, and the game never starts (its projector
    /// would wait for keys for ever).
    @Test func aPortInUseWithAGoodModuleIsTheServersError() async throws {
        let busy = try ListeningSocket()
        defer { busy.close() }
        let pending = PendingRoom()
        let content = try QuizTestHost.content()
        do {
            try await QuizHost.serve(pending: pending, host: "127.0.0.1", port: busy.port, logger: Self.quiet) {
                let room = QuizRoom(content: content, settings: .init(code: "4821", session: "s1", maxPlayers: 10, readAloud: false),
                                    scoring: .accuracy, teams: 0, ranking: false, recorder: nil, clock: QuizTestHost.frozen)
                return QuizHost(room: room, address: "http://127.0.0.1:\(busy.port)", recorder: nil, clock: QuizTestHost.frozen)
            }
            Issue.record("serve returned without an error")
        } catch QuizHost.StartFailure.server {
        }
    }
}
