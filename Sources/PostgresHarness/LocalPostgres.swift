import Foundation

/// A throwaway PostgreSQL cluster made with Debian's own binaries (`/usr/lib/postgresql/N/bin`), listening on
/// 127.0.0.1 on a port of its own, with trust authentication for the superuser `postgres`. The sync tests stop
/// and restart it (a network cut), which a shared system cluster would not allow; the benchmark gets a server
/// no other work touches. Run as root, the cluster belongs to the `postgres` user (initdb refuses root).
public final class LocalPostgres: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case command(String, status: Int32, output: String)
        case notReady(String)

        public var description: String {
            switch self {
            case .notInstalled: return "PostgreSQL is not installed (apt-get install postgresql; make test does it)"
            case .command(let command, let status, let output): return "\(command) exited with \(status): \(output)"
            case .notReady(let log): return "PostgreSQL did not start: \(log)"
            }
        }
    }

    public let directory: String
    public let port: Int
    let bin: String
    let asPostgresUser: Bool
    private var running = false
    /// Tests run without fsync (a throwaway cluster); the benchmark keeps it, as a real server would.
    let fsync: Bool

    /// The server's binaries, newest version first.
    static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// Creates the cluster (initdb) in a new temporary folder; `start()` runs it.
    public init(fsync: Bool = false) throws {
        self.fsync = fsync
        guard let bin = Self.binaries() else { throw Failure.notInstalled }
        self.bin = bin
        asPostgresUser = getuid() == 0
        directory = NSTemporaryDirectory() + "atelier-pg-\(UUID().uuidString.prefix(8))"
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if asPostgresUser { try Self.run("/bin/chown", ["postgres:postgres", directory]) }
        try runAsOwner(bin + "/initdb", ["-D", directory + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                         "--locale=C.UTF-8", "--no-sync"])
    }

    deinit { try? stop(); try? FileManager.default.removeItem(atPath: directory) }

    /// The throwaway server's addresses wait up to 300 s for a connection: a hang guard, not a speed requirement
    /// (the product's 10 s ran out under ThreadSanitizer on a loaded 2-core machine, in CI).
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable&connect_timeout=300" }

    public func url(user: String, password: String? = nil, database: String) -> String {
        let credentials = password.map { "\(user):\($0)" } ?? user
        return "postgres://\(credentials)@127.0.0.1:\(port)/\(database)?sslmode=disable&connect_timeout=300"
    }

    /// Starts the server (pg_ctl, waiting until it accepts connections).
    public func start() throws {
        guard !running else { return }
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=\(fsync ? "on" : "off") -c max_connections=60"
        do {
            try runAsOwner(bin + "/pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "30",
                                             "-o", options, "start"])
        } catch {
            throw Failure.notReady((try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? "\(error)")
        }
        running = true
    }

    /// Fast shutdown: clients are disconnected, as when the network goes.
    public func stop() throws {
        guard running else { return }
        running = false
        try runAsOwner(bin + "/pg_ctl", ["-D", directory + "/data", "-m", "fast", "-w", "stop"])
    }

    /// Runs SQL as the superuser with psql (for setting up roles and databases).
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try runAsOwner(bin + "/psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port),
                                       "-U", "postgres", "-d", database, "-c", sql])
    }

    /// `pg_dump --schema-only` of one database's `atelier` schema, without what changes from run to run or
    /// from one PostgreSQL release to the next (comments, SET lines, `\\restrict` keys, blank-line runs): what
    /// the migrations made, for a golden comparison.
    public func schemaDump(database: String) throws -> String {
        let dump = try runAsOwner(bin + "/pg_dump", ["--schema-only", "--no-owner", "--schema=atelier", "-h", "127.0.0.1",
                                                      "-p", String(port), "-U", "postgres", "-d", database])
        var lines: [String] = []
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("--") || line.hasPrefix("SET ") || line.hasPrefix("\\") || line.hasPrefix("SELECT pg_catalog.set_config") { continue }
            if line.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    @discardableResult
    private func runAsOwner(_ command: String, _ arguments: [String]) throws -> String {
        asPostgresUser ? try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", command] + arguments)
            : try Self.run(command, arguments)
    }

    /// posix_spawn and waitpid, output through a file: Foundation's Process was seen here to miss the exit of
    /// a child (`runuser` stayed a zombie and `waitUntilExit` never returned).
    @discardableResult
    static func run(_ command: String, _ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "atelier-pg-run-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // From /: the postgres user may not enter the caller's folder.
        let argv = (["/usr/bin/env", "-C", "/", command] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure.command(command, status: spawned, output: String(cString: strerror(spawned))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exitStatus == 0 else {
            throw Failure.command(([command] + arguments).joined(separator: " "), status: exitStatus, output: output)
        }
        return output
    }

    /// A port the kernel just gave out on 127.0.0.1, so that parallel runs do not collide (the quiz
    /// benchmark uses it too).
    public static func freePort() throws -> Int {
        do { return try ListeningSocket.freePort() } catch let failure as ListeningSocket.Failure {
            throw Failure.command("bind 127.0.0.1:0", status: 1, output: failure.reason)
        }
    }
}
