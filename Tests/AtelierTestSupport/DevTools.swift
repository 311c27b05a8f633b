import Foundation
import HummingbirdWSClient
import Logging

// Shared by the phone page's browser tests (AtelierQuizTests) and the progress page's (AtelierReportPageTests).

/// Just enough of the Chrome DevTools protocol to drive a real headless Chromium: start it, open a page,
/// evaluate JavaScript in it, take a screenshot.
public final class DevTools: @unchecked Sendable {
    let process: Process
    let profile: String
    private let lock = NSLock()
    private var nextID = 0
    private var replies: [Int: [String: Any]] = [:]
    private let outgoing: AsyncStream<String>.Continuation
    private let queue: AsyncStream<String>
    private var task: Task<Void, Never>?
    public private(set) var session: String?
    /// Every event the browser sent (messages without an id), in order: console calls, network requests.
    private var received: [[String: Any]] = []

    public static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts the browser and connects to it; throws when it does not come up within 30 s.
    public init(executable: String) async throws {
        profile = NSTemporaryDirectory() + "atelier-chromium-\(UUID().uuidString)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=\(profile)", "--window-size=412,915", "about:blank"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        (queue, outgoing) = AsyncStream.makeStream()
        try process.run()
        // Chromium writes its port to DevToolsActivePort in the profile once it listens.
        let deadline = Date().addingTimeInterval(300)  // a hang guard only, not a speed requirement
        var endpoint: String?
        while Date() < deadline, endpoint == nil {
            if let text = try? String(contentsOfFile: profile + "/DevToolsActivePort", encoding: .utf8) {
                let lines = text.split(separator: "\n")
                if lines.count >= 2 { endpoint = "ws://127.0.0.1:\(lines[0])\(lines[1])" }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard let endpoint else { throw DevToolsError.noBrowser }
        let queue = self.queue
        task = Task { [self] in
            let logger = Logger(label: "devtools", factory: { _ in SwiftLogNoOpLogHandler() })
            do {
            _ = try await WebSocketClient.connect(url: endpoint, configuration: .init(maxFrameSize: 1 << 26), logger: logger) { inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { for await text in queue { try await outbound.write(.text(text)) } }
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 26) {
                            guard case .text(let text) = message,
                                  let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                            guard let id = object["id"] as? Int else {
                                self.lock.withLock { self.received.append(object) }
                                continue
                            }
                            self.lock.withLock { self.replies[id] = object }
                        }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
            } catch {
                self.lock.withLock { self.failure = "\(error)" }
            }
        }
    }

    private var failure: String?

    public enum DevToolsError: Error { case noBrowser, timeout(String), failed(String) }

    /// Calls a method (on the attached page when there is one) and returns its result.
    public func call(_ method: String, _ params: [String: Any] = [:], onPage: Bool = true) async throws -> [String: Any] {
        let id = lock.withLock { nextID += 1; return nextID }
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if onPage, let session { message["sessionId"] = session }
        outgoing.yield(String(decoding: try JSONSerialization.data(withJSONObject: message), as: UTF8.self))
        let deadline = Date().addingTimeInterval(300)  // a hang guard only, not a speed requirement
        while Date() < deadline {
            if let reply = lock.withLock({ replies.removeValue(forKey: id) }) {
                if let error = reply["error"] { throw DevToolsError.failed("\(method): \(error)") }
                return reply["result"] as? [String: Any] ?? [:]
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw DevToolsError.timeout(method + (lock.withLock { failure }.map { ": " + $0 } ?? ""))
    }

    public func open(_ url: String) async throws {
        let target = try await call("Target.createTarget", ["url": url], onPage: false)
        let attached = try await call("Target.attachToTarget", ["targetId": target["targetId"] as? String ?? "", "flatten": true], onPage: false)
        session = attached["sessionId"] as? String
    }

    /// Loads `url` in the attached page and waits until it has loaded: unlike `open`, events enabled before
    /// (Network.enable, Runtime.enable) see the whole load.
    public func navigate(_ url: String) async throws {
        _ = try await call("Page.navigate", ["url": url])
        try await wait(for: "document.readyState === 'complete' && location.href !== 'about:blank'")
    }

    /// The events received so far whose method is one of `methods` (their params), in order.
    public func events(_ methods: Set<String>) -> [(method: String, params: [String: Any])] {
        lock.withLock {
            received.compactMap { event in
                guard let method = event["method"] as? String, methods.contains(method) else { return nil }
                return (method, event["params"] as? [String: Any] ?? [:])
            }
        }
    }

    /// The value of a JavaScript expression in the page (awaited when it is a promise).
    public func evaluate(_ expression: String) async throws -> Any? {
        // As a tap would: a page may start a sound only from a user's gesture.
        let result = try await call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true,
                                                         "userGesture": true])
        if let exception = result["exceptionDetails"] { throw DevToolsError.failed("\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Waits until the expression is true.
    public func wait(for expression: String, seconds: Double = 300) async throws {  // a hang guard only
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await evaluate("Boolean(\(expression))") as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DevToolsError.timeout(expression)
    }

    public func screenshot(to path: String) async throws {
        let data = try await screenshot()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// A PNG of the page's viewport.
    public func screenshot() async throws -> Data {
        let result = try await call("Page.captureScreenshot", ["format": "png"])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else { throw DevToolsError.failed("screenshot") }
        return data
    }

    /// Makes the page's viewport `width` CSS pixels wide. A 360 px phone zoomed to 200 % lays the page out in
    /// 180 CSS pixels, each drawn with 2 device pixels: `width: 180, scale: 2` is that phone.
    public func viewport(width: Int, height: Int, scale: Double = 1) async throws {
        _ = try await call("Emulation.setDeviceMetricsOverride",
                           ["width": width, "height": height, "deviceScaleFactor": scale, "mobile": false])
        try await wait(for: "window.innerWidth === \(width)")
    }

    /// Reloads the page (its localStorage stays: same profile, same origin).
    public func reload() async throws {
        _ = try await call("Page.reload", ["ignoreCache": true])
    }

    /// How many pixels of two PNGs of the same size differ by more than `threshold` (0-255) in a channel, decoded by
    /// the browser itself (no PNG decoder in Foundation on Linux); nil when their sizes differ.
    public func differingPixels(_ a: Data, _ b: Data, threshold: Int = 32) async throws -> (count: Int, total: Int)? {
        let result = try await evaluate("""
            (async () => {
              const decode = async (b64) => {
                const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
                const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
                const context = canvas.getContext('2d');
                context.drawImage(bitmap, 0, 0);
                return context.getImageData(0, 0, bitmap.width, bitmap.height);
              };
              const [x, y] = [await decode('\(a.base64EncodedString())'), await decode('\(b.base64EncodedString())')];
              if (x.width !== y.width || x.height !== y.height) return null;
              let count = 0;
              for (let i = 0; i < x.data.length; i += 4) {
                for (let c = 0; c < 4; c++) {
                  if (Math.abs(x.data[i + c] - y.data[i + c]) > \(threshold)) { count++; break; }
                }
              }
              return [count, x.width * x.height];
            })()
            """) as? [Int]
        guard let result, result.count == 2 else { return nil }
        return (result[0], result[1])
    }

    public func close() {
        outgoing.finish()
        task?.cancel()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: profile)
    }
}
