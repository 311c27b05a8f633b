import Testing
@testable import AtelierEngine
import AtelierText

/// Roaming profiles in the kiosk's flow (issue #23), without a network: a pseudonym typed on the list that no
/// profile here has asks for its PIN, then the shell looks at the other sites; what it found, a refusal, or no
/// answer come back as events. One row per transition.
@Suite("Roaming flow")
struct RoamingFlowTests {
    static let roaming = KioskFlow(languages: ["fr", "ti"], modules: [TestModule.module()], idleTimeout: 60_000, roams: true)
    static let alone = KioskFlow(languages: ["fr", "ti"], modules: [TestModule.module()], idleTimeout: 60_000)
    static let amina = KioskProfile(id: "p1", pseudonym: "Amina", hasPIN: true, language: "ar")
    static let selam = KioskProfile(id: "site-a-7", pseudonym: "Selam", hasPIN: true, language: "ti")
    static func at(_ s: Int) -> Instant { TestModule.at(s) }

    static func state(_ place: KioskPlace, _ flow: KioskFlow = roaming) -> KioskState {
        var state = flow.initialState(at: at(0))
        state.place = place
        return state
    }

    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        var flow = roaming
        let from: KioskState
        let event: KioskEvent
        let place: KioskPlace
        let effects: [KioskEffect]
        var notice: KioskNotice? = nil
        var participant: KioskProfile? = nil
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a pseudonym no profile here has asks for its PIN", from: state(.choosePseudonym([amina])),
            event: .line("Selam", at: at(1)), place: .roamPIN(pseudonym: "Selam"), effects: []),
        Row(name: "on an empty list too", from: state(.choosePseudonym([])), event: .line("Selam", at: at(1)),
            place: .roamPIN(pseudonym: "Selam"), effects: []),
        Row(name: "a listed pseudonym typed in another case opens the local profile, never the other sites",
            from: state(.choosePseudonym([amina])), event: .line("AMÍNA", at: at(1)), place: .askPIN(amina), effects: []),
        Row(name: "without sync a pseudonym typed on the list goes back to the menu, as before", flow: alone,
            from: state(.choosePseudonym([amina]), alone), event: .line("Selam", at: at(1)), place: .profileMenu, effects: []),
        Row(name: "a number still chooses from the list", from: state(.choosePseudonym([amina])), event: .line("1", at: at(1)),
            place: .askPIN(amina), effects: []),
        Row(name: "the PIN goes to the look-up folded, with the pseudonym as typed", from: state(.roamPIN(pseudonym: "Selam")),
            event: .line("١٢٣٤", at: at(1)), place: .roamPIN(pseudonym: "Selam"),
            effects: [.lookUpRemoteProfile(pseudonym: "Selam", pin: "1234")]),
        Row(name: "Enter without a PIN goes back to the menu, nothing is looked up", from: state(.roamPIN(pseudonym: "Selam")),
            event: .line("", at: at(1)), place: .profileMenu, effects: []),
        Row(name: "found: the profile opens, the catalogue", from: state(.roamPIN(pseudonym: "Selam")),
            event: .remoteProfile(.found(selam), at: at(2)), place: .catalogue, effects: [], participant: selam),
        Row(name: "a wrong PIN (or a pseudonym no site knows): the local wrong-PIN refusal, on the same screen",
            from: state(.roamPIN(pseudonym: "Selam")), event: .remoteProfile(.refused(.wrongPIN(attemptsLeft: 2)), at: at(2)),
            place: .roamPIN(pseudonym: "Selam"), effects: [], notice: .wrongPIN(attemptsLeft: 2)),
        Row(name: "too many wrong PINs: the local wait, back on the menu", from: state(.roamPIN(pseudonym: "Selam")),
            event: .remoteProfile(.refused(.locked(until: at(92))), at: at(2)), place: .profileMenu, effects: [],
            notice: .locked(minutes: 2)),
        Row(name: "unreachable: said, on the menu that offers a new profile here", from: state(.roamPIN(pseudonym: "Selam")),
            event: .remoteProfile(.unreachable, at: at(2)), place: .profileMenu, effects: [], notice: .otherSitesUnreachable),
        Row(name: "a late answer after the participant went back is ignored", from: state(.profileMenu),
            event: .remoteProfile(.found(selam), at: at(2)), place: .profileMenu, effects: []),
    ]

    @Test(arguments: rows)
    func aTransition(row: Row) {
        var state = row.from
        let effects = row.flow.reduce(&state, row.event)
        #expect(state.place == row.place)
        #expect(effects == row.effects)
        #expect(state.notice == row.notice)
        #expect(state.participant == row.participant)
    }

    /// The PIN typed for another site's profile is a PIN: never the listen key, never echoed.
    @Test func theRoamingPINScreenReadsASecret() {
        var state = Self.state(.roamPIN(pseudonym: "Selam"))
        #expect(state.place.readsSecret)
        let effects = Self.roaming.reduce(&state, .line("L", at: Self.at(1)))
        #expect(effects == [.lookUpRemoteProfile(pseudonym: "Selam", pin: Folding.fold("L"))])
        #expect(!state.speaking)
    }

    @Test func theStateKnowsTheKioskRoams() {
        #expect(Self.roaming.initialState(at: Self.at(0)).roams)
        #expect(!Self.alone.initialState(at: Self.at(0)).roams)
    }
}
