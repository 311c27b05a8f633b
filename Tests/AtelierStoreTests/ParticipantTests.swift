import AtelierEngine
import Foundation
import Testing
@testable import AtelierStore

@Suite("Participants")
struct ParticipantTests {
    @Test func pseudonymsInAnyScriptAreUniqueIgnoringCaseAccentsAndInvisibleCharacters() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        for name in ["Amina", "ዳዊት", "زينب", "李明", "Karthik தமிழ்", "e\u{301}lodie"] {
            #expect(try store.createParticipant(pseudonym: name, pin: nil, language: "fr", at: at(0)).value != nil, "\(name)")
        }
        for clash in ["AMINA", "Amína", "Ami\u{200B}na", "ዳዊት ", "زینب", "Élodie"] {
            #expect(try store.createParticipant(pseudonym: clash, pin: nil, language: "fr", at: at(0)) == .failure(.pseudonymTaken), "\(clash)")
        }
        #expect(try store.createParticipant(pseudonym: " \u{200B} ", pin: nil, language: "fr", at: at(0)) == .failure(.pseudonymEmpty))
        #expect(try store.createParticipant(pseudonym: "\u{1B}[2J", pin: nil, language: "fr", at: at(0)) == .failure(.pseudonymEmpty))
        #expect(try store.createParticipant(pseudonym: String(repeating: "长", count: 13), pin: nil, language: "zh", at: at(0)) == .failure(.pseudonymTooLong))
        #expect(try store.createParticipant(pseudonym: "Nour", pin: "12a4", language: "ar", at: at(0)) == .failure(.pinInvalid))
        // Stored in NFC, found however it is typed.
        #expect(try store.participants().map(\.pseudonym).contains("\u{E9}lodie"))
        #expect(try store.signIn(pseudonym: "ELODIE", pin: nil, at: at(1)).value?.pseudonym == "\u{E9}lodie")
    }

    /// Wrong PINs make the next try wait, longer each time, never for good (pseudonyms are listed at the kiosk,
    /// so anyone can type wrong PINs for someone else): three free, then 30 s, 1 min, 2 min... up to 15 min.
    @Test func wrongPINsMakeTheNextTryWaitLongerButNeverLockForGood() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let created = try #require(try store.createParticipant(pseudonym: "Dawit", pin: "2580", language: "ti", at: at(0)).value)
        #expect(created.hasPIN)
        #expect(try store.signIn(pseudonym: "dawit", pin: "2580", at: at(1)).value?.id == created.id)
        for left in [3, 2, 1] {
            #expect(try store.signIn(pseudonym: "dawit", pin: "0000", at: at(2)) == .failure(.wrongPIN(attemptsLeft: left)))
        }
        var now: Int64 = 10
        for expected in [30, 60, 120, 240, 480, 900, 900] as [Int64] {
            let until = Instant(milliseconds: at(now).milliseconds + expected * 1000)
            #expect(try store.signIn(pseudonym: "dawit", pin: "0000", at: at(now)) == .failure(.locked(until: until)))
            // During the wait even the right PIN waits: a guesser gains nothing by trying faster.
            #expect(try store.signIn(pseudonym: "dawit", pin: "2580", at: at(now + expected - 1)) == .failure(.locked(until: until)))
            now += expected
        }
        #expect(try store.wrongPINs() == (profiles: 1, longestRun: 10))
        // After the wait the right PIN opens the profile, and the count starts again.
        #expect(try store.signIn(pseudonym: "dawit", pin: "2580", at: at(now)).value?.id == created.id)
        #expect(try store.wrongPINs() == (profiles: 0, longestRun: 0))
        #expect(try store.signIn(pseudonym: "dawit", pin: "0000", at: at(now + 1)) == .failure(.wrongPIN(attemptsLeft: 3)))
    }

    @Test func theFacilitatorPINIsHashedToo() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        #expect(try !store.hasFacilitatorPIN)
        #expect(try !store.setFacilitatorPIN("12345"))
        #expect(try store.setFacilitatorPIN("7391"))
        #expect(try store.checkFacilitatorPIN("7391"))
        #expect(try !store.checkFacilitatorPIN("7390"))
        #expect(!file.rawBytes().containsSubsequence(Array("7391".utf8)))
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return false }
        return (0...(count - needle.count)).contains { start in self[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
