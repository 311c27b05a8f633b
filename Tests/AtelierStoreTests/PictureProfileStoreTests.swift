import AtelierEngine
import Foundation
import GRDB
import Testing
@testable import AtelierStore

/// A profile whose identity is three pictures (issue #19), kept as the pseudonym `pictures:sun-moon-key`.
@Suite("Picture profiles in the data file")
struct PictureProfileStoreTests {
    @Test func aSequenceOfPicturesRoundTripsAndIsUniqueByItsOrder() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let sequence = PictureChoice.pseudonym([.umbrella, .bicycle, .umbrella])
        // Longer than a typed pseudonym may be: the limit is for typed ones.
        let made = try #require(try store.createParticipant(pseudonym: sequence, pin: "2580", language: "ti", at: at(0)).value)
        #expect(made.pseudonym == "pictures:umbrella-bicycle-umbrella" && made.hasPIN)
        #expect(try store.participants().map(\.pseudonym) == [sequence])
        #expect(PictureChoice.pictures(inPseudonym: try store.participants()[0].pseudonym) == [.umbrella, .bicycle, .umbrella])
        // Found by the same sequence (however a facilitator types it), with its PIN; never by another order.
        #expect(try store.signIn(pseudonym: sequence, pin: "2580", at: at(1)).value?.id == made.id)
        #expect(try store.signIn(pseudonym: " Pictures:Umbrella-Bicycle-Umbrella", pin: "2580", at: at(1)).value?.id == made.id)
        #expect(try store.signIn(pseudonym: sequence, pin: "0000", at: at(2)) == .failure(.wrongPIN(attemptsLeft: 3)))
        #expect(try store.signIn(pseudonym: "pictures:bicycle-umbrella-umbrella", pin: "2580", at: at(3)) == .failure(.unknownPseudonym))
        // The same sequence is taken; another order is another profile.
        #expect(try store.createParticipant(pseudonym: sequence, pin: nil, language: "fr", at: at(4)) == .failure(.pseudonymTaken))
        #expect(try store.createParticipant(pseudonym: "PICTURES:umbrella-bicycle-umbrella", pin: nil, language: "fr", at: at(4))
                == .failure(.pseudonymTaken))
        #expect(try store.createParticipant(pseudonym: "pictures:bicycle-umbrella-umbrella", pin: nil, language: "fr", at: at(4)).value != nil)
        // The facilitator erases it by the same form.
        #expect(try store.erase(pseudonym: sequence))
        #expect(try store.signIn(pseudonym: sequence, pin: "2580", at: at(5)) == .failure(.unknownPseudonym))
    }

    /// A typed pseudonym and a sequence never share a key: the sequence's key is its canonical form, a typed
    /// one's is hexadecimal numbers and dots, whatever was typed (the words of the pictures included).
    @Test func aTypedPseudonymNeverTakesOrFindsAPictureProfile() throws {
        let file = TemporaryStore()
        defer { file.remove() }
        let store = try file.open()
        let sequence = PictureChoice.pseudonym([.sun, .moon, .key])
        #expect(try store.createParticipant(pseudonym: sequence, pin: nil, language: "fr", at: at(0)).value != nil)
        for typed in ["pictures sun moon key", "sun-moon-key", "🌞🌙🔑"] {
            #expect(try store.createParticipant(pseudonym: typed, pin: nil, language: "fr", at: at(1)).value != nil, "\(typed)")
        }
        let keys = try store.read { db in try String.fetchAll(db, sql: "SELECT pseudonymKey FROM participant") }
        #expect(keys.filter { $0 == sequence }.count == 1)
        #expect(keys.filter { $0 != sequence }.allSatisfy { $0.allSatisfy { "0123456789abcdef.".contains($0) } })
        #expect(try store.signIn(pseudonym: sequence, pin: nil, at: at(2)).value?.pseudonym == sequence)
    }
}
