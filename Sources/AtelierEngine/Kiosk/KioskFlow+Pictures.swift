/// The picture screen (issue #19): a participant who cannot type a name makes a profile, or signs in, with a
/// sequence of three pictures. `*` opens it from the pseudonym screen and from the list of pseudonyms.
extension KioskFlow {
    /// The key that opens the picture screen: the numeric keypad's `*`, like the digits and Enter that are all
    /// the rest of the kiosk asks for (on the catalogue, where no pseudonym is typed, it changes the language).
    public static let picturesKey = "*"

    /// A line on the picture screen. Numbers add pictures, as every numbered answer of the kiosk is typed (a
    /// digit or two, then Enter; several at once, "3 7 12", also work); `<` takes the last one back, or goes back
    /// when none is chosen; Enter with three chosen confirms.
    func handlePictures(_ state: inout KioskState, _ line: String, choice: PictureChoice) -> [KioskEffect] {
        var choice = choice
        // "<" is drawn as ">" in right-to-left lines (bidi mirroring): both go back.
        if line == "<" || line == ">" {
            if choice.chosen.isEmpty {
                state.place = Self.beforePictures(choice.purpose)
            } else {
                choice.chosen.removeLast()
                state.place = .pictures(choice)
            }
            return []
        }
        if line.isEmpty {
            return choice.isComplete ? confirm(&state, choice) : []
        }
        guard let numbers = AnswerParser.numbers(line), numbers.allSatisfy({ Picture(number: $0) != nil }) else {
            state.notice = .invalidChoice
            return []
        }
        guard choice.chosen.count + numbers.count <= PictureChoice.length else {
            // Three are chosen (or would be passed): Enter confirms, "<" takes one back.
            state.notice = choice.isComplete ? .pressEnter : .invalidChoice
            return []
        }
        choice.chosen += numbers.compactMap(Picture.init(number:))
        state.place = .pictures(choice)
        return []
    }

    /// Where `<` leads from an empty picture screen: the screen it was opened from.
    static func beforePictures(_ purpose: PictureChoice.Purpose) -> KioskPlace {
        switch purpose {
        case .newProfile: return .newPseudonym
        case .signIn(let list): return .choosePseudonym(list)
        }
    }

    /// Three pictures confirmed. A new profile goes on to the optional PIN, exactly as a typed pseudonym does
    /// (a taken sequence is found by the store when the profile is made). Signing in finds the profile among
    /// those listed; with a PIN it is asked, without one the store opens it.
    private func confirm(_ state: inout KioskState, _ choice: PictureChoice) -> [KioskEffect] {
        switch choice.purpose {
        case .newProfile:
            state.place = .newPIN(pseudonym: PictureChoice.pseudonym(choice.chosen))
            return []
        case .signIn(let list):
            guard let who = list.first(where: { PictureChoice.pictures(inPseudonym: $0.pseudonym) == choice.chosen }) else {
                state.notice = .picturesUnknown
                state.place = .pictures(PictureChoice(purpose: choice.purpose))
                return []
            }
            if who.hasPIN {
                state.place = .askPIN(who)
                return []
            }
            state.place = .pictures(choice)
            return [.signIn(pseudonym: who.pseudonym, pin: nil)]
        }
    }
}
