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

    /// At 80x24 and 40x15, in Arabic and Tigrinya: the hint stands above the key bar (a tester saw it drawn under
    /// it), and the empty list gives one instruction, not "type it" and "press Enter to continue" together.
    @Test(arguments: [("ar", 80, 24), ("ar", 40, 15), ("ti", 80, 24), ("ti", 40, 15)])
    func theHintStandsAboveTheKeyBarAndTheEmptyListSaysOneThing(language: String, width: Int, height: Int) throws {
        let amina = KioskProfile(id: "1", pseudonym: "Amina", hasPIN: true, language: language)
        var state = PictureScreenTests.state(.choosePseudonym([amina]), language: language, notice: nil)
        state.roams = true
        let strings = try PictureScreenTests.strings(language)
        let style = TerminalStyle(width: width, height: height, plain: true, color: false, bidi: .terminal)
        let rows = KioskScreens.screen(state, content: PictureScreenTests.content, strings: strings, style: style).rows
        let flat = { (rows: [String]) in rows.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let bar = try #require(rows.lastIndex { $0.contains("<") }, "no key bar")
        #expect(flat(Array(rows[..<bar])).contains(try Self.said("profile.other-site", language)), "\(rows)")
        #expect(!flat(Array(rows[bar...])).contains(try Self.said("profile.other-site", language).prefix(8)))
        state = PictureScreenTests.state(.choosePseudonym([]), language: language, notice: nil)
        state.roams = true
        let empty = flat(KioskScreens.screen(state, content: PictureScreenTests.content, strings: strings, style: style).rows)
        #expect(!empty.contains(try Self.said("privacy.continue", language)))
    }
}
