import AtelierContent
import AtelierEngine
import AtelierSpeech
import AtelierText
import Testing
@testable import AtelierTerminal

/// The picture screen (issue #19): drawn at 80x24 and 40x15 in every language, compared with golden files in
/// French, Arabic and Tigrinya, and read aloud without saying which pictures were chosen.
@Suite("Picture screens")
struct PictureScreenTests {
    static let content = GoldenScreenTests.content

    static func strings(_ code: String) throws -> InterfaceStrings {
        Self.content.strings(try #require(Self.content.languages.first { $0.code == code }))
    }

    static func state(_ place: KioskPlace, language: String = "fr", notice: KioskNotice? = nil) -> KioskState {
        var state = KioskState(language: language, at: Instant(milliseconds: 0))
        state.place = place
        state.notice = notice
        return state
    }

    static func screen(_ state: KioskState, width: Int, height: Int) throws -> Screen {
        KioskScreens.screen(state, content: content, strings: try strings(state.language),
                            style: TerminalStyle(width: width, height: height, plain: false, color: false, bidi: .app))
    }

    static let twoChosen = KioskPlace.pictures(PictureChoice(purpose: .newProfile, chosen: [.sun, .umbrella]))

    @Test(arguments: ["fr", "ar", "ti"].flatMap { [($0, 80, 24), ($0, 40, 15)] })
    func goldenScreens(language code: String, width: Int, height: Int) throws {
        let screen = try Self.screen(Self.state(Self.twoChosen, language: code), width: width, height: height)
        try GoldenScreenTests().check(screen, name: "\(code)-\(width)x\(height)-pictures", width: width)
        #expect(screen.rows.count <= height)
    }

    /// Where the pictures are offered, at the narrow size: the pseudonym to type, and the list with a profile
    /// made with pictures among typed ones.
    @Test(arguments: ["fr", "ar", "ti"])
    func goldenOffers(language code: String) throws {
        let list = [KioskProfile(id: "1", pseudonym: "Amina", hasPIN: true, language: "ar"),
                    KioskProfile(id: "2", pseudonym: "pictures:sun-moon-key", hasPIN: false, language: code)]
        try GoldenScreenTests().check(try Self.screen(Self.state(.newPseudonym, language: code), width: 40, height: 15),
                                      name: "\(code)-40x15-pseudonym", width: 40)
        try GoldenScreenTests().check(try Self.screen(Self.state(.choosePseudonym(list), language: code), width: 40, height: 15),
                                      name: "\(code)-40x15-pictures-list", width: 40)
    }

    /// Every language, both sizes, the longest case (three chosen, a notice of two lines): the twelve pictures,
    /// the chosen ones and the command bar fit on one page, each of the twelve numbers and names is on screen.
    @Test(arguments: [(80, 24), (40, 15)])
    func everyLanguageFitsOnOnePage(width: Int, height: Int) throws {
        for language in Self.content.languages {
            let strings = try Self.strings(language.code)
            for purpose in [PictureChoice.Purpose.newProfile, .signIn([])] {
                for (chosen, notice) in [([Picture](), nil), ([.hand, .bird, .key], KioskNotice.picturesTaken), ([], .picturesUnknown)] {
                    let state = Self.state(.pictures(PictureChoice(purpose: purpose, chosen: chosen)), language: language.code, notice: notice)
                    let screen = try Self.screen(state, width: width, height: height)
                    #expect(screen.rows.count <= height, "\(language.code) \(width)x\(height): \(screen.rows.count) rows\n\(screen.text)")
                    for row in screen.rows { #expect(DisplayWidth.of(row) <= width, "\(language.code): «\(row)»") }
                    let text = screen.text
                    for picture in Picture.allCases {
                        #expect(text.contains(picture.symbol), "\(language.code): \(picture)")
                        #expect(text.contains(String(picture.number)), "\(language.code): \(picture.number)")
                    }
                    #expect(!strings.text("picture.umbrella").isEmpty)
                }
            }
        }
    }

    /// Each symbol is one code point that ICU and the terminal both measure two columns wide (no VS16).
    @Test func eachSymbolIsOneWideEmoji() {
        for picture in Picture.allCases {
            let scalars = Array(picture.symbol.unicodeScalars)
            #expect(scalars.count == 1 && scalars[0].properties.isEmojiPresentation, "\(picture)")
            #expect(DisplayWidth.of(picture.symbol) == 2, "\(picture)")
        }
        #expect(Set(Picture.allCases.map(\.symbol)).count == 12)
    }

    /// Right to left, the first picture is at the right end of the first row, its number where reading starts.
    @Test func rightToLeftTheGridStartsAtTheRight() throws {
        let screen = try Self.screen(Self.state(Self.twoChosen, language: "ar"), width: 80, height: 24)
        let first = try #require(screen.rows.first { $0.contains(Picture.sun.symbol) })
        #expect(first.hasSuffix(Picture.sun.symbol + "  1"))
        let symbols = first.unicodeScalars.filter { $0.properties.isEmojiPresentation }.map { String($0) }
        #expect(symbols == [Picture.fish, .tree, .moon, .sun].map(\.symbol))
    }

    /// A profile made with pictures is shown as its pictures wherever a pseudonym is shown.
    @Test func aPictureProfileIsShownAsItsPictures() throws {
        let profile = KioskProfile(id: "1", pseudonym: "pictures:sun-moon-key", hasPIN: true, language: "fr")
        let list = try Self.screen(Self.state(.choosePseudonym([profile])), width: 40, height: 15).text
        #expect(list.contains("🌞 🌙 🔑") && !list.contains("pictures:"))
        #expect(list.contains("*\u{A0}images"))
        let pin = try Self.screen(Self.state(.askPIN(profile)), width: 40, height: 15).text
        #expect(pin.contains("🌞 🌙 🔑") && !pin.contains("pictures:"))
        var catalogue = Self.state(.catalogue)
        catalogue.participant = profile
        #expect(try Self.screen(catalogue, width: 80, height: 24).text.contains("Bonjour 🌞 🌙 🔑"))
        let typing = try Self.screen(Self.state(.newPseudonym), width: 80, height: 24).text
        let offer = try Self.strings("fr").text("pictures.offer")
        #expect(typing.contains("*\u{A0}images") && typing.contains(offer))
    }

    // MARK: - Read aloud

    static func script(_ state: KioskState) -> KioskSpeech.Script {
        KioskSpeech.script(state, content: content, hasVoice: { KioskSpeechTests.voices.hasVoice($0) },
                           text: { index, code in KioskSpeechTests.texts["\(index)/\(code)"]! },
                           strings: { code in KioskSpeechTests.strings[code]! })
    }

    /// Each picture's number then its name, in order, then how many are chosen, then what to do; which ones
    /// are chosen is never said: the script is the same whatever they are.
    @Test func thePicturesAreReadWithTheirNumbersButNotTheChosenOnes() throws {
        let strings = try Self.strings("fr")
        let script = Self.script(Self.state(Self.twoChosen))
        let said = script.segments.map(\.text)
        for picture in Picture.allCases {
            let number = try #require(said.firstIndex(of: "\(picture.number)."), "\(picture)")
            #expect(said[number + 1] == strings.text(picture.nameKey))
        }
        #expect(said.suffix(2) == [strings.text("pictures.count", ["count": .number(2)]), strings.text("pictures.choose")])
        let other = Self.script(Self.state(.pictures(PictureChoice(purpose: .newProfile, chosen: [.bird, .hand]))))
        #expect(other == script)
        let complete = Self.script(Self.state(.pictures(PictureChoice(purpose: .newProfile, chosen: [.bird, .hand, .key]))))
        #expect(complete.segments.map(\.text).suffix(2) == [strings.text("pictures.count", ["count": .number(3)]), strings.text("pictures.confirm")])
    }

    /// In Arabic the names are read with their vowel marks; Tigrinya, which has no voice, is read in French.
    @Test func arabicNamesAreVowelledAndTigrinyaIsReadInFrench() throws {
        let arabic = Self.script(Self.state(Self.twoChosen, language: "ar"))
        let said = arabic.segments.map(\.text)
        let sun = try #require(said.firstIndex(of: "1."))
        #expect(said[sun + 1] == "شَمْس" && arabic.language == "ar")
        let tigrinya = Self.script(Self.state(Self.twoChosen, language: "ti"))
        #expect(tigrinya.inFrench && tigrinya.segments.contains(SpeechSegment("soleil", language: "fr")))
    }

    /// The pseudonym screens say, aloud too, that pictures can be chosen instead.
    @Test func thePictureKeyIsReadWhereAPseudonymIsTypedOrChosen() throws {
        let offer = try Self.strings("fr").text("pictures.offer")
        let profile = KioskProfile(id: "1", pseudonym: "pictures:sun-moon-key", hasPIN: false, language: "fr")
        for place in [KioskPlace.newPseudonym, .choosePseudonym([profile])] {
            let said = Self.script(Self.state(place)).segments.map(\.text).joined(separator: " ")
            #expect(said.contains(offer), "\(place)")
            #expect(!said.contains("soleil") && !said.contains("pictures:"))
        }
    }
}
