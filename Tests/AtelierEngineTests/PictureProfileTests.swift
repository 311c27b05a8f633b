import Testing
@testable import AtelierEngine

/// A profile made, and opened, with three pictures instead of a typed pseudonym (issue #19): one row per
/// transition, in the kiosk flow's own table format.
@Suite("Picture profiles")
struct PictureProfileTests {
    typealias Row = KioskFlowTests.Row
    static func state(_ place: KioskPlace) -> KioskState { KioskFlowTests.state(place) }
    static func at(_ s: Int) -> Instant { KioskFlowTests.at(s) }
    static func new(_ chosen: [Picture]) -> KioskPlace { .pictures(PictureChoice(purpose: .newProfile, chosen: chosen)) }

    static let sunMoonKey = "pictures:sun-moon-key"
    static let nour = KioskProfile(id: "p2", pseudonym: sunMoonKey, hasPIN: true, language: "ar")
    static let bird = KioskProfile(id: "p3", pseudonym: "pictures:bird-bird-tree", hasPIN: false, language: "ti")
    static let list = [KioskFlowTests.amina, nour, bird]
    static func signIn(_ chosen: [Picture], _ list: [KioskProfile] = list) -> KioskPlace {
        .pictures(PictureChoice(purpose: .signIn(list), chosen: chosen))
    }

    static let makingRows: [Row] = [
        Row(name: "* on the pseudonym screen opens the pictures", from: state(.newPseudonym), event: .line("*", at: at(1)),
            place: new([]), effects: []),
        Row(name: "a fullwidth ＊ is the same key", from: state(.newPseudonym), event: .line("＊", at: at(1)), place: new([]), effects: []),
        Row(name: "a number adds its picture", from: state(new([])), event: .line("3", at: at(1)), place: new([.tree]), effects: []),
        Row(name: "two digits, then Enter", from: state(new([.tree])), event: .line("12", at: at(1)), place: new([.tree, .bird]), effects: []),
        Row(name: "digits of another script", from: state(new([])), event: .line("١٠", at: at(1)), place: new([.umbrella]), effects: []),
        Row(name: "three at once", from: state(new([])), event: .line("1 2 6", at: at(1)), place: new([.sun, .moon, .key]), effects: []),
        Row(name: "the same picture may come twice", from: state(new([.fish])), event: .line("4", at: at(1)), place: new([.fish, .fish]),
            effects: []),
        Row(name: "a number not on screen is said", from: state(new([.sun])), event: .line("13", at: at(1)), place: new([.sun]),
            effects: [], notice: .invalidChoice),
        Row(name: "words are said", from: state(new([])), event: .line("soleil", at: at(1)), place: new([]), effects: [],
            notice: .invalidChoice),
        Row(name: "more than three at once are refused", from: state(new([.sun])), event: .line("1 2 3", at: at(1)), place: new([.sun]),
            effects: [], notice: .invalidChoice),
        Row(name: "a fourth picture: Enter is what is left to do", from: state(new([.sun, .moon, .key])), event: .line("5", at: at(1)),
            place: new([.sun, .moon, .key]), effects: [], notice: .pressEnter),
        Row(name: "< takes the last picture back", from: state(new([.sun, .moon])), event: .line("<", at: at(1)), place: new([.sun]),
            effects: []),
        Row(name: "> (a mirrored <) too", from: state(new([.sun, .moon, .key])), event: .line(">", at: at(1)), place: new([.sun, .moon]),
            effects: []),
        Row(name: "< with none chosen goes back to typing", from: state(new([])), event: .line("<", at: at(1)), place: .newPseudonym,
            effects: []),
        Row(name: "Enter before three does nothing", from: state(new([.sun])), event: .line("", at: at(1)), place: new([.sun]), effects: []),
        Row(name: "Enter with three: the PIN step, for the sequence", from: state(new([.sun, .moon, .key])), event: .line("", at: at(1)),
            place: .newPIN(pseudonym: sunMoonKey), effects: []),
        Row(name: "the PIN stays optional", from: state(.newPIN(pseudonym: sunMoonKey)), event: .line("", at: at(1)),
            place: .newPIN(pseudonym: sunMoonKey), effects: [.createProfile(pseudonym: sunMoonKey, pin: nil, language: "fr")]),
        Row(name: "a PIN is folded as for a typed pseudonym", from: state(.newPIN(pseudonym: sunMoonKey)), event: .line("٢٥٨٠", at: at(1)),
            place: .newPIN(pseudonym: sunMoonKey), effects: [.createProfile(pseudonym: sunMoonKey, pin: "2580", language: "fr")]),
        Row(name: "a taken sequence: said, and the pictures again", from: state(.newPIN(pseudonym: sunMoonKey)),
            event: .profileCreated(.failure(.pseudonymTaken)), place: new([]), effects: [], notice: .picturesTaken),
        Row(name: "a taken typed pseudonym still goes back to typing", from: state(.newPIN(pseudonym: "Amina")),
            event: .profileCreated(.failure(.pseudonymTaken)), place: .newPseudonym, effects: [], notice: .pseudonymTaken),
        Row(name: "a profile made with pictures opens the catalogue", from: state(.newPIN(pseudonym: sunMoonKey)),
            event: .profileCreated(.success(nour)), place: .catalogue, effects: []),
        Row(name: "the pictures' form typed as a pseudonym is refused", from: state(.newPseudonym),
            event: .line("Pictures: sun-moon-key", at: at(1)), place: .newPseudonym, effects: [], notice: .pseudonymTaken),
        Row(name: "L reads the picture screen aloud", from: state(new([.sun])), event: .line("L", at: at(1)), place: new([.sun]),
            effects: [.speakScreen]),
    ]

    static let signingInRows: [Row] = [
        Row(name: "* on the list opens the pictures", from: state(.choosePseudonym(list)), event: .line("*", at: at(1)),
            place: signIn([]), effects: []),
        Row(name: "an empty list has no pictures to find", from: state(.choosePseudonym([])), event: .line("*", at: at(1)),
            place: .profileMenu, effects: []),
        Row(name: "< with none chosen goes back to the list", from: state(signIn([])), event: .line("<", at: at(1)),
            place: .choosePseudonym(list), effects: []),
        Row(name: "a profile with a PIN asks for it, as from the list", from: state(signIn([.sun, .moon, .key])),
            event: .line("", at: at(1)), place: .askPIN(nour), effects: []),
        Row(name: "a profile without a PIN is opened by the store", from: state(signIn([.bird, .bird, .tree])),
            event: .line("", at: at(1)), place: signIn([.bird, .bird, .tree]),
            effects: [.signIn(pseudonym: "pictures:bird-bird-tree", pin: nil)]),
        Row(name: "the store's answer opens the catalogue", from: state(signIn([.bird, .bird, .tree])),
            event: .signedIn(.success(bird), at: at(2)), place: .catalogue, effects: []),
        Row(name: "the order counts: an unknown sequence is said, and chosen again", from: state(signIn([.moon, .sun, .key])),
            event: .line("", at: at(1)), place: signIn([]), effects: [], notice: .picturesUnknown),
        Row(name: "the PIN goes to the store with the sequence", from: state(.askPIN(nour)), event: .line("۲۵۸۰", at: at(1)),
            place: .askPIN(nour), effects: [.signIn(pseudonym: sunMoonKey, pin: "2580")]),
        Row(name: "a wrong PIN says how many tries are left", from: state(.askPIN(nour)),
            event: .signedIn(.failure(.wrongPIN(attemptsLeft: 1)), at: at(2)), place: .askPIN(nour), effects: [],
            notice: .wrongPIN(attemptsLeft: 1)),
        Row(name: "too many wrong PINs: the wait, as for a typed pseudonym", from: state(.askPIN(nour)),
            event: .signedIn(.failure(.locked(until: at(62))), at: at(2)), place: .profileMenu, effects: [], notice: .locked(minutes: 1)),
        Row(name: "the right PIN opens the catalogue", from: state(.askPIN(nour)), event: .signedIn(.success(nour), at: at(2)),
            place: .catalogue, effects: []),
    ]

    @Test(arguments: makingRows)
    func makingAProfile(row: Row) {
        KioskFlowTests.check(row)
    }

    @Test(arguments: signingInRows)
    func signingIn(row: Row) {
        let state = KioskFlowTests.check(row)
        if case .signedIn(.success(let profile), _) = row.event { #expect(state.participant == profile) }
    }

    /// The whole way, as a participant types it: three pictures, one taken back and another chosen, no PIN.
    @Test func threePicturesOneChangedThenNoPIN() {
        let flow = KioskFlowTests.flow
        var state = Self.state(.newPseudonym)
        var effects: [KioskEffect] = []
        for line in ["*", "1", "2", "9", "<", "6", "", ""] { effects = flow.reduce(&state, .line(line, at: Self.at(1))) }
        #expect(effects == [.createProfile(pseudonym: Self.sunMoonKey, pin: nil, language: "fr")])
    }

    /// The canonical form: ids in order, one spelling, found however a facilitator types it.
    static let forms: [(String, [Picture]?)] = [
        ("pictures:sun-moon-key", [.sun, .moon, .key]),
        (" PICTURES:Sun-Moon-Key ", [.sun, .moon, .key]),
        ("pictures : bird - bird - tree", [.bird, .bird, .tree]),
        ("pictures:sun-moon", nil),
        ("pictures:sun-moon-key-tree", nil),
        ("pictures:sun-moon-star", nil),
        ("pictures:sun--key", nil),
        ("sun-moon-key", nil),
        ("Amina", nil),
        ("🌞 🌙 🔑", nil),
    ]

    @Test(arguments: forms)
    func theCanonicalForm(typed: String, pictures: [Picture]?) {
        #expect(PictureChoice.pictures(inPseudonym: typed) == pictures)
        if let pictures {
            #expect(PictureChoice.pictures(inPseudonym: PictureChoice.pseudonym(pictures)) == pictures)
            #expect(PictureChoice.isReserved(typed))
        }
    }

    @Test func twelvePicturesNumberedOneToTwelve() {
        #expect(Picture.allCases.count == 12)
        #expect(Picture.allCases.map(\.number) == Array(1...12))
        #expect(Picture(number: 0) == nil && Picture(number: 13) == nil && Picture(number: 10) == .umbrella)
    }
}
