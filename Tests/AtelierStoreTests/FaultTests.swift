import AtelierEngine
import Foundation
import Testing
@testable import AtelierStore

/// A data file on a read-only or full file system: a clear error, never a crash, never silent loss, and the
/// store works again once the fault is gone. Small tmpfs mounts stand for the real thing (the tests run as
/// root, as CI does).
@Suite("Store faults", .serialized)
struct FaultTests {
    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/" + arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct Mount {
        let point: String
        init(size: String) throws {
            point = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-mnt-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
            guard FaultTests.run(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", point]) == 0 else {
                throw CancellationError()
            }
        }
        func unmount() {
            _ = FaultTests.run(["umount", point])
            try? FileManager.default.removeItem(atPath: point)
        }
    }

    @Test func aReadOnlyFileSystemIsAClearError() throws {
        let mount = try Mount(size: "8m")
        defer { mount.unmount() }
        let path = mount.point + "/atelier.sqlite"
        do {
            let store = try ProgressStore(path: path)
            let id = try #require(try store.createParticipant(pseudonym: "Amina", pin: nil, language: "ar", at: at(0)).value).id
            try store.record(attempt("who", correct: true, response: "caf"), progress: progress(current: "tf"), participant: id)
        }
        // The same files seen through a read-only view of the file system.
        let view = mount.point + "-ro"
        try FileManager.default.createDirectory(atPath: view, withIntermediateDirectories: true)
        defer {
            _ = Self.run(["umount", view])
            try? FileManager.default.removeItem(atPath: view)
        }
        #expect(Self.run(["mount", "--bind", mount.point, view]) == 0)
        #expect(Self.run(["mount", "-o", "remount,bind,ro", view]) == 0)
        #expect(throws: StoreError.readOnly(path: view + "/atelier.sqlite")) { try ProgressStore(path: view + "/atelier.sqlite") }
        // Where it can be written, the data is all there.
        let reopened = try ProgressStore(path: path)
        #expect(try reopened.attemptCount() == 1)
        #expect(try reopened.isIntact())
    }

    @Test func aFullDiskIsAClearErrorWithNoCorruption() throws {
        let mount = try Mount(size: "400k")
        defer { mount.unmount() }
        let path = mount.point + "/atelier.sqlite"
        let store = try ProgressStore(path: path)
        let id = try #require(try store.createParticipant(pseudonym: "Li", pin: nil, language: "zh", at: at(0)).value).id
        var stored = 0
        var failure: StoreError?
        let long = String(repeating: "长", count: 2000)
        for index in 0..<10_000 {
            do {
                try store.record(attempt("who", correct: false, response: "\(index) \(long)", time: Int64(index)),
                                 progress: progress(current: "who"), participant: id)
                stored += 1
            } catch {
                failure = error
                break
            }
        }
        #expect(failure == .diskFull(path: path), "\(String(describing: failure))")
        #expect(stored > 0)
        // Nothing acknowledged was lost, and the file is sound.
        let reopened = try ProgressStore(path: path)
        #expect(try reopened.attemptCount() == stored)
        #expect(try reopened.isIntact())
    }
}
