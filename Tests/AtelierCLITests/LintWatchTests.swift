import Foundation
import NIOConcurrencyHelpers
import Testing

/// `atelier lint --watch` (issue #20): the whole report once, then at each save only what changed, through
/// inotify: a mistake appears with a "+", its fix with "- fixed:". The test waits for the lines, not for time.
@Suite("atelier lint --watch")
struct LintWatchTests {
    /// Lines a running process has printed so far, and a way to wait for one.
    final class Lines: Sendable {
        let seen = NIOLockedValueBox<[String]>([])
        let buffer = NIOLockedValueBox<Data>(Data())

        func append(_ data: Data) {
            buffer.withLockedValue { pending in
                pending.append(data)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    seen.withLockedValue { $0.append(line) }
                }
            }
        }

        /// The first line after `from` that satisfies `test`; gives up only after `bound` seconds, to end a hang (120 s
        /// was reached once, with the whole suite and two builds sharing the 2 cores).
        func wait(after from: Int, bound: Double = 900, _ test: (String) -> Bool) async -> (index: Int, line: String)? {
            let start = ContinuousClock.now
            while ContinuousClock.now - start < .seconds(bound) {
                let found = seen.withLockedValue { lines in lines.indices.dropFirst(from).first { test(lines[$0]) }.map { ($0, lines[$0]) } }
                if let found { return found }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }
    }

    @Test func aMistakeAndItsFixAppearAtEachSave() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for folder in ["Lessons", "Locales"] {
            try FileManager.default.copyItem(at: AtelierProcess.packageRoot.appendingPathComponent(folder),
                                             to: scratch.appendingPathComponent(folder))
        }
        let module = scratch.appendingPathComponent("Lessons/coop-basics/module.yaml")
        let original = try String(contentsOf: module, encoding: .utf8)

        let process = Process()
        process.executableURL = AtelierProcess.binary
        process.arguments = ["lint", "--watch", "--lessons", scratch.path + "/Lessons", "--locales", scratch.path + "/Locales"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let lines = Lines()
        output.fileHandleForReading.readabilityHandler = { handle in lines.append(handle.availableData) }
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            output.fileHandleForReading.readabilityHandler = nil
        }

        let ready = await lines.wait(after: 0) { $0.contains("watching for changes") }
        #expect(ready?.line.hasPrefix("0 errors, 0 warnings in 4 modules") == true, "\(lines.seen.withLockedValue { $0 })")
        let firstCount = lines.seen.withLockedValue { $0.count }

        // A dangling prerequisite, saved: one new error, and the new count.
        try original.replacingOccurrences(of: "prerequisites: []", with: "prerequisites: [cooperatives-101]")
            .write(to: module, atomically: true, encoding: .utf8)
        let added = await lines.wait(after: firstCount) { $0.hasPrefix("+ ") }
        #expect(added?.line.contains("coop-basics/module.yaml:") == true && added?.line.contains("cooperatives-101") == true,
                "\(lines.seen.withLockedValue { $0 })")
        let counted = await lines.wait(after: added?.index ?? firstCount) { $0.contains("watching for changes") }
        #expect(counted?.line.hasPrefix("1 error, 0 warnings") == true)

        // Fixed: the same diagnostic as fixed, nothing printed again of what did not change.
        try original.write(to: module, atomically: true, encoding: .utf8)
        let fixed = await lines.wait(after: counted?.index ?? firstCount) { $0.hasPrefix("- fixed: ") }
        #expect(fixed?.line.contains("cooperatives-101") == true)
        let clean = await lines.wait(after: fixed?.index ?? firstCount) { $0.contains("watching for changes") }
        #expect(clean?.line.hasPrefix("0 errors, 0 warnings") == true)
        let printed = lines.seen.withLockedValue { Array($0[firstCount...]) }
        #expect(printed.count == 4, "only what changed: \(printed)")
    }
}
