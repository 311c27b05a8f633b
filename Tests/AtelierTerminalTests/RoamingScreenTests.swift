import AtelierContent
import AtelierEngine
import AtelierText
import Testing
@testable import AtelierTerminal

/// The kiosk's screens for roaming profiles (issue #23), drawn at 120x40 in every language: the list says a
/// pseudonym of another site may be typed (only when the kiosk syncs), the PIN screen never shows the pseudonym
/// typed, and "the other sites do not answer" is said in the participant's language.
@Suite("Roaming screens")
struct RoamingScreenTests {
    static func text(_ place: KioskPlace, language: String, roams: Bool = true, notice: KioskNotice? = nil) throws -> String {
        var state = PictureScreenTests.state(place, language: language, notice: notice)
        state.roams = roams
        let screen = KioskScreens.screen(state, content: PictureScreenTests.content, strings: try PictureScreenTests.strings(language),
                                         style: TerminalStyle(width: 120, height: 40, plain: true, color: false, bidi: .terminal))
        return screen.rows.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func said(_ key: String, _ language: String) throws -> String {
        try PictureScreenTests.strings(language).text(key).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func everyLanguageSaysItOnTheRoamingScreens() throws {
        let amina = KioskProfile(id: "1", pseudonym: "Amina", hasPIN: true, language: "ar")
        for language in PictureScreenTests.content.languages.map(\.code) {
            let hint = try Self.said("profile.other-site", language)
            #expect(try Self.text(.choosePseudonym([amina]), language: language).contains(hint), "\(language)")
            #expect(try Self.text(.choosePseudonym([]), language: language).contains(hint), "\(language)")
            #expect(try !Self.text(.choosePseudonym([amina]), language: language, roams: false).contains(hint), "\(language)")
            let pin = try Self.text(.roamPIN(pseudonym: "Selam"), language: language)
            #expect(pin.contains(try Self.said("profile.other-site-pin", language)) && !pin.contains("Selam"), "\(language)")
            let away = try Self.text(.profileMenu, language: language, notice: .otherSitesUnreachable)
            #expect(away.contains(try Self.said("profile.other-sites-away", language)), "\(language)")
        }
    }
}
