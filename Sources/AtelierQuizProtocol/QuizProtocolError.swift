/// Why the host refuses a message or an answer: the `code` of an `error` message.
public enum QuizErrorCode: String, Error, Sendable, Hashable, Codable, CaseIterable {
    case badMessage, unsupportedVersion, wrongCode, slowDown, nicknameEmpty, nicknameTaken, nicknameLookAlike, wrongPIN, locked
    /// The facilitator closed the game to new players (`locked` is the kiosk profile's, after wrong PINs).
    case roomLocked
    /// `paused`: an answer while the facilitator has paused the question; it can be sent again once it resumes.
    case notJoined, noQuestionOpen, late, paused, alreadyAnswered, unknownChoice, gameOver, full

    /// A refusal of the `join` itself: the same join would be refused again, so a client asks the player again
    /// (the phone page shows its form) instead of reconnecting with it. Served to the page by the host
    /// (`GET /api/languages`, `errors`), so that this list exists once.
    public var refusesJoin: Bool {
        switch self {
        case .wrongCode, .slowDown, .nicknameEmpty, .nicknameTaken, .nicknameLookAlike, .wrongPIN, .locked, .roomLocked, .full,
             .gameOver, .unsupportedVersion: true
        case .badMessage, .notJoined, .noQuestionOpen, .late, .paused, .alreadyAnswered, .unknownChoice: false
        }
    }

    /// The interface key's last part: `wrongCode` -> `wrong-code` (keys are lowercase, see Locales/interface.yaml).
    public var interfaceKey: String {
        var key = ""
        var previousUpper = false
        for character in rawValue {
            if character.isUppercase {
                if !previousUpper { key += "-" }
                key += character.lowercased()
                previousUpper = true
            } else {
                key.append(character)
                previousUpper = false
            }
        }
        return key
    }
}

/// What is wrong with a message, for the decoder's tests and the host's counters.
public enum QuizDecodingError: Error, Sendable, Hashable {
    case tooLarge(bytes: Int)
    case notJSONObject
    case unsupportedVersion(Int)
    case unknownType(String)
    case invalidField(String)

    public var code: QuizErrorCode {
        if case .unsupportedVersion = self { return .unsupportedVersion }
        return .badMessage
    }
}
