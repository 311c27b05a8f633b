import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import AtelierSync

/// The push's guard against a connection that never answers (no PostgreSQL needed).
@Suite("Deadline")
struct DeadlineTests {
    @Test func theOperationsAnswerWinsAndIsGivenOnce() async throws {
        for value in 0..<200 {
            #expect(try await Deadline.run(seconds: 30) { value } == value)
        }
    }

    @Test func anOperationThatIgnoresCancellationStillEndsInExpired() async {
        let release = NIOLockedValueBox<CheckedContinuation<Void, Never>?>(nil)
        await #expect(throws: Deadline.Expired.self) {
            try await Deadline.run(seconds: 0.05) {
                // Never answers by itself, and ignores cancellation: what postgres-nio did mid-COPY.
                await withCheckedContinuation { continuation in release.withLockedValue { $0 = continuation } }
                return 1
            }
        }
        release.withLockedValue { $0?.resume(); $0 = nil }
    }

    @Test func anErrorOfTheOperationIsThrownAsIs() async {
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await Deadline.run(seconds: 30) { () async throws -> Int in throw Refused() } }
    }
}
