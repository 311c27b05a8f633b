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

    @Test func aPINIsCheckedAndFiveWrongOnesLockTheProfileForFiveMinutes() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let created = try #require(try store.createParticipant(pseudonym: "Dawit", pin: "2580", language: "ti", at: at(0)).value)
        #expect(created.hasPIN)
        #expect(try store.signIn(pseudonym: "dawit", pin: "2580", at: at(1)).value?.id == created.id)
        for left in [4, 3, 2, 1] {
            #expect(try store.signIn(pseudonym: "dawit", pin: "0000", at: at(2)) == .failure(.wrongPIN(attemptsLeft: left)))
        }
        let until = Instant(milliseconds: at(3).milliseconds + ProgressStore.lockMilliseconds)
        #expect(try store.signIn(pseudonym: "dawit", pin: "0000", at: at(3)) == .failure(.locked(until: until)))
        #expect(try store.signIn(pseudonym: "dawit", pin: "2580", at: at(200)) == .failure(.locked(until: until)))
        #expect(try store.signIn(pseudonym: "dawit", pin: "2580", at: at(304)).value?.id == created.id)
        #expect(try store.signIn(pseudonym: "nobody", pin: nil, at: at(305)) == .failure(.unknownPseudonym))
        // Only a salted hash is kept: neither the PIN nor a bare digest of it is in the file.
        let raw = file.rawBytes()
        #expect(!raw.containsSubsequence(Array("2580".utf8)))
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
