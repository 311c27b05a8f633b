import AtelierEngine
@testable import AtelierQuiz
import Testing

@Suite struct JoinGuardTests {
    func at(_ seconds: Double) -> Instant { Instant(milliseconds: Int64(seconds * 1000)) }

    @Test func threeFreeMistakesThenWaitsThatDoubleUpToAMinute() {
        var guardian = JoinGuard()
        for _ in 1...3 { #expect(guardian.mistake(from: "10.0.0.7", at: at(0)) == nil) }
        #expect(guardian.mistake(from: "10.0.0.7", at: at(0)) == 2000)
        #expect(guardian.wait(for: "10.0.0.7", at: at(1.5)) == 500)
        #expect(guardian.wait(for: "10.0.0.7", at: at(2)) == nil)
        #expect(guardian.mistake(from: "10.0.0.7", at: at(2)) == 4000)
        #expect(guardian.mistake(from: "10.0.0.7", at: at(6)) == 8000)
        var last: Int64? = nil
        for _ in 0..<10 { last = guardian.mistake(from: "10.0.0.7", at: at(100)) }
        #expect(last == JoinGuard.maximumWaitMs)
    }

    @Test func otherAddressesAreNotSlowedDownAndSuccessForgets() {
        var guardian = JoinGuard()
        for _ in 1...6 { guardian.mistake(from: "10.0.0.7", at: at(0)) }
        #expect(guardian.wait(for: "10.0.0.7", at: at(0)) != nil)
        #expect(guardian.wait(for: "10.0.0.8", at: at(0)) == nil)
        guardian.success(from: "10.0.0.7")
        #expect(guardian.wait(for: "10.0.0.7", at: at(0)) == nil)
    }

    @Test func aFloodOfAddressesDoesNotGrowTheTableWithoutBound() {
        var guardian = JoinGuard()
        // One address keeps failing through the flood: it stays slowed down however many others come.
        for attempt in 0..<6 { guardian.mistake(from: "192.168.1.9", at: at(1990 + Double(attempt))) }
        for address in 0..<20_000 { guardian.mistake(from: "10.\(address / 256).\(address % 256).1", at: at(Double(address) * 0.1)) }
        // Old entries are dropped once their wait is long over: the table stays at its bound, not 20,000.
        #expect(guardian.records.count <= 4097, "\(guardian.records.count) addresses kept")
        #expect(guardian.wait(for: "10.0.0.1", at: at(2000)) == nil)
        #expect(guardian.wait(for: "192.168.1.9", at: at(2000)) != nil, "the address still failing was forgotten")
    }
}
