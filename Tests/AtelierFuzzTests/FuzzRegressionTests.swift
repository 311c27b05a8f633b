import AtelierFuzzTargets
import Foundation
import Testing

/// Every input the fuzzers once broke, replayed on each `make test` through the entry point the fuzzer itself
/// uses (`FuzzTarget.run`), so that a fixed finding stays fixed; the seeds too. To keep a finding, copy it from
/// `.build-fuzz/crashes/<target>/` to `Tests/Fuzz/regressions/<target>/` (see Tests/Fuzz/fuzz.sh). An input that
/// still crashes takes this test process down with it, which fails `make test` as loudly as it should.
@Suite("Fuzz inputs, replayed")
struct FuzzRegressionTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The input files under `Tests/Fuzz/<kind>/<target>/`, README files left out, in name order.
    static func inputs(_ kind: String, _ target: FuzzTarget) throws -> [URL] {
        let folder = fuzz.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && !$0.lastPathComponent.hasPrefix("README") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func replay(_ kind: String, _ target: FuzzTarget) throws -> Int {
        let files = try inputs(kind, target)
        for file in files {
            let broken = target.run(try [UInt8](Data(contentsOf: file)))
            #expect(broken.isEmpty, "Tests/Fuzz/\(kind)/\(target.rawValue)/\(file.lastPathComponent): \(broken)")
        }
        return files.count
    }

    @Test("every kept finding keeps the target's promises", arguments: FuzzTarget.allCases)
    func regressions(target: FuzzTarget) throws {
        _ = try Self.replay("regressions", target)
    }

    @Test("every seed keeps them too", arguments: FuzzTarget.allCases)
    func seeds(target: FuzzTarget) throws {
        #expect(try Self.replay("corpus", target) > 0, "no seed for \(target.rawValue) in Tests/Fuzz/corpus/")
    }

    /// A folder named after no target would be replayed by nothing, and a target without one has nowhere to keep
    /// its findings.
    @Test func theFoldersAreTheTargets() throws {
        let targets = Set(FuzzTarget.allCases.map(\.rawValue))
        for kind in ["regressions", "corpus"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.fuzz.appendingPathComponent(kind).path)
                .filter { !$0.hasPrefix(".") && !$0.hasPrefix("README") }
            #expect(Set(names) == targets, "Tests/Fuzz/\(kind)/ holds \(names.sorted()), the targets are \(targets.sorted())")
        }
    }
}
