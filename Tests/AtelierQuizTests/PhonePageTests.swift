import AtelierQuiz
import AtelierText
import Foundation
import Testing

/// The phones' page as files (issue #21): read once from the resource folder, served whole with the host's
/// headers, a script that parses and keeps to the page's rules: it formats nothing (the host does, with the one
/// MessageFormat implementation) and puts text in place as text, never as HTML.
@Suite struct PhonePageTests {
    static let web = QuizTestHost.root + "/Sources/AtelierQuiz/Web"

    static func source(_ name: String) throws -> String {
        try String(contentsOfFile: web + "/" + name, encoding: .utf8)
    }

    @Test func theBuiltResourceFolderHoldsTheSourceTreesFiles() throws {
        let page = try PhonePage.bundled.get()
        for file in PhonePage.files {
            let source = try Self.source(file.resource)
            #expect(page.texts[file.path] == source, "\(file.resource): the build's copy differs from the source")
        }
        #expect(page.html.hasPrefix("<!doctype html>"))
    }

    @Test func aMissingOrIncompleteFolderIsAnErrorThatSaysWhere() throws {
        let missing = NSTemporaryDirectory() + "atelier-no-page-\(UUID().uuidString)"
        guard case .failure(let error) = PhonePage.load(folder: missing) else { Issue.record("a missing folder loaded"); return }
        #expect(error.description.contains(missing.split(separator: "/").last.map(String.init) ?? "?"), "\(error)")
        let empty = NSTemporaryDirectory() + "atelier-empty-page-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        guard case .failure(.unreadable(let file, _)) = PhonePage.load(folder: empty) else { Issue.record("an empty folder loaded"); return }
        #expect(file == "phone.html")
    }

    // MARK: - The script

    /// `command -v node`, as a shell finds it (Debian's package `nodejs`, which `make test` installs).
    static let node: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "command -v node || command -v nodejs"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }()

    @Test(.enabled(if: PhonePageTests.node != nil,
                   "node is not installed, so app.js is not parsed: apt-get install nodejs (make test installs it)"))
    func theScriptParses() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.node))
        process.arguments = ["--check", Self.web + "/app.js"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "node --check app.js:\n\(String(decoding: output, as: UTF8.self))")
    }

    /// What the script must never contain, comments included (they would tell the next reader otherwise).
    static let forbidden: [(text: String, why: String)] = [
        ("innerHTML", "builds HTML from text: use textContent"),
        ("outerHTML", "builds HTML from text: use textContent"),
        ("insertAdjacentHTML", "builds HTML from text: use textContent"),
        ("document.write", "builds HTML from text: use textContent"),
        ("DOMParser", "builds HTML from text: use textContent"),
        ("eval(", "runs text as code"),
        ("Function(", "runs text as code (new Function)"),
        ("setTimeout('", "runs text as code"),
        ("setInterval('", "runs text as code"),
        ("MessageFormat", "a second MessageFormat: the host formats every text"),
        ("plural", "plural forms: the host formats every text"),
        ("selectordinal", "MessageFormat's select: the host formats every text"),
        ("Intl.", "locale formatting: the host formats every text"),
        ("toLocaleString", "locale formatting: the host formats every text"),
        ("'{'", "placeholder filling: the host formats every text"),
        ("'#'", "MessageFormat's #: the host formats every text"),
    ]

    @Test func theScriptFormatsNothingAndWritesNoHTML() throws {
        let script = try Self.source("app.js")
        var found: [String] = []
        for (number, line) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for rule in Self.forbidden where line.range(of: rule.text, options: .caseInsensitive) != nil {
                found.append("app.js:\(number + 1): '\(rule.text)' \(rule.why)")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
        // The protocol's error codes are the host's (GET /api/languages, `errors`), not a copy in the script
        // (`paused` is also the name of a message and of the page's screen for it).
        for code in QuizErrorCode.allCases where code != .slowDown && code != .wrongPIN && code != .locked && code != .gameOver
            && code != .paused {
            #expect(!script.contains("'\(code.rawValue)'"), "app.js names the error code \(code.rawValue): use the host's `errors`")
        }
    }

    // MARK: - Serving

    /// The `src` and `href` values of the page, in order.
    static func references(in html: String) -> [String] {
        var found: [String] = []
        for attribute in [" src=\"", " href=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                let value = rest[start.upperBound...]
                guard let end = value.firstIndex(of: "\"") else { break }
                found.append(String(value[..<end]))
                rest = value[end...]
            }
        }
        return found
    }

    /// The paths the script fetches (`fetch('/api/languages', …)`).
    static func fetches(in script: String) -> [String] {
        var found: [String] = []
        var rest = script[...]
        while let start = rest.range(of: "fetch('") {
            let value = rest[start.upperBound...]
            guard let end = value.firstIndex(of: "'") else { break }
            found.append(String(value[..<end]))
            rest = value[end...]
        }
        return found
    }

    @Test func everyFileThePageNamesIsServedWithTheHostsHeaders() async throws {
        let page = try PhonePage.bundled.get()
        let referenced = Self.references(in: page.html)
        #expect(Set(referenced) == Set(PhonePage.files.map(\.path).filter { $0 != "/" }), "phone.html names \(referenced)")
        let fetched = Self.fetches(in: page.script)
        #expect(fetched == ["/api/languages"])
        let host = try await QuizTestHost.start()
        defer { host.stop() }
        for path in ["/"] + referenced + fetched {
            let reply = try await HTTPGet.get(path, port: host.port)
            #expect(reply.status == 200, "GET \(path): \(reply.status)")
            // The listen buttons' sounds come from the host itself (media-src), like everything else.
            #expect(reply.headers["content-security-policy"]
                    == "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; media-src 'self'; frame-ancestors 'none'",
                    "GET \(path)")
            #expect(reply.headers["x-content-type-options"] == "nosniff", "GET \(path)")
            #expect(reply.headers["referrer-policy"] == "no-referrer", "GET \(path)")
            #expect(reply.headers["cache-control"] == "no-store", "GET \(path)")
        }
        for file in PhonePage.files {
            let reply = try await HTTPGet.get(file.path, port: host.port)
            #expect(reply.headers["content-type"] == file.contentType)
            #expect(reply.body == page.texts[file.path], "GET \(file.path) is not the file as it is")
        }
        #expect(try await HTTPGet.get("/phone.html", port: host.port).status == 404)
    }

    @Test func theLanguagesCarryFinishedTextsTheCountdownAndTheErrorCodes() async throws {
        let host = try await QuizTestHost.start(only: ["who-owns"], seconds: 20)
        defer { host.stop() }
        let reply = try await HTTPGet.get("/api/languages", port: host.port)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
        let errors = try #require(object["errors"] as? [String: [String: Any]])
        #expect(Set(errors.keys) == Set(QuizErrorCode.allCases.map(\.rawValue)))
        for code in QuizErrorCode.allCases {
            #expect(errors[code.rawValue]?["join"] as? Bool == code.refusesJoin, "\(code)")
        }
        #expect(errors["wrongCode"]?["key"] as? String == "quiz.error.wrong-code")
        #expect(errors["slowDown"]?["key"] as? String == "quiz.error.slow-down")
        #expect(errors["badMessage"]?["key"] as? String == "quiz.error.other")

        let languages = try #require(object["languages"] as? [[String: Any]])
        #expect(languages.count >= 14)
        let content = try QuizTestHost.content(only: ["who-owns"], seconds: 20)
        for language in languages {
            let code = try #require(language["code"] as? String)
            let strings = try #require(language["strings"] as? [String: String])
            // Finished texts only: a pattern with a value to fill in comes with its message instead.
            #expect(strings.values.allSatisfy { !$0.contains("{") }, "\(code): \(strings.filter { $0.value.contains("{") })")
            #expect(strings["quiz.players"] == nil && strings["quiz.seconds"] == nil && strings["quiz.error.slow-down"] == nil)
            #expect(strings["quiz.title"] == content.strings(code).text("quiz.title"))
            let countdown = try #require(language["countdown"] as? [String], "\(code)")
            #expect(countdown.count == 21, "\(code): seconds 0 to 20")
            #expect(countdown[7] == content.strings(code).text("quiz.seconds", ["seconds": 7]), "\(code)")
        }
        let french = try #require(languages.first { $0["code"] as? String == "fr" }?["countdown"] as? [String])
        #expect(french[1] == "1 seconde" && french[2] == "2 secondes")
    }
}

/// One HTTP/1.1 GET to 127.0.0.1, read to the end, on a thread of its own (it blocks).
enum HTTPGet {
    struct Reply: Sendable {
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: String
        /// The body as it came: a WAV is not text.
        var bytes: [UInt8] = []
    }

    enum Failure: Error { case connect(String), malformed(String) }

    /// `headers`: extra request lines, such as `Range: bytes=0-1`.
    static func get(_ path: String, port: Int, headers: [String] = []) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingGet(path, port: port, headers: headers) })
            }
        }
    }

    static func blockingGet(_ path: String, port: Int, headers extra: [String] = []) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect("socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 300, tv_usec: 0)  // a hang guard only, not a speed requirement
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        remote.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &remote) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw Failure.connect("127.0.0.1:\(port)") }
        let lines = extra.map { $0 + "\r\n" }.joined()
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\(lines)\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else {
            throw Failure.connect("send")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !complete(received) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure.malformed(text) }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = head.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let separator: [UInt8] = [13, 10, 13, 10]
        let start = (0...(received.count - 4)).first { Array(received[$0..<($0 + 4)]) == separator }.map { $0 + 4 } ?? received.count
        return Reply(status: status, headers: headers, body: String(text[split.upperBound...]), bytes: Array(received[start...]))
    }

    /// Whether the head and the whole body (by its Content-Length) have arrived: a server that keeps the
    /// connection open despite `Connection: close` does not make the test wait for the read timeout.
    static func complete(_ bytes: [UInt8]) -> Bool {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator }) else {
            return false
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
        guard let line = head.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return false }
        return bytes.count - (end + 4) >= length
    }
}
