import Foundation

/// A message from a player's device. Everything in it is untrusted.
public enum ClientMessage: Sendable, Hashable {
    case join(JoinRequest)
    case answer(question: Int, choice: String)

    public struct JoinRequest: Sendable, Hashable, Codable {
        public var code: String
        public var nickname: String
        public var language: String
        public var device: String
        public var pseudonym: String?
        public var pin: String?

        public init(code: String, nickname: String, language: String, device: String, pseudonym: String? = nil, pin: String? = nil) {
            self.code = code
            self.nickname = nickname
            self.language = language
            self.device = device
            self.pseudonym = pseudonym
            self.pin = pin
        }
    }
}

extension ClientMessage {
    /// Decodes one text frame. Never throws anything but a `QuizDecodingError`, whatever the bytes.
    public static func decode(_ bytes: some Collection<UInt8>) -> Result<ClientMessage, QuizDecodingError> {
        guard bytes.count <= QuizProtocol.maxMessageBytes else { return .failure(.tooLarge(bytes: bytes.count)) }
        // The decoder's own message may echo the bytes sent; "not a JSON object" says enough to the sender.
        guard let object = try? JSONDecoder().decode(Fields.self, from: Data(bytes)) else { return .failure(.notJSONObject) }
        guard let version = object.v else { return .failure(.invalidField("v")) }
        guard version == QuizProtocol.version else { return .failure(.unsupportedVersion(version)) }
        guard let type = object.type else { return .failure(.invalidField("type")) }
        switch type {
        case "join":
            guard let code = object.code, code.utf8.count <= 16 else { return .failure(.invalidField("code")) }
            guard let nickname = object.nickname, nickname.utf8.count <= 256 else {
                return .failure(.invalidField("nickname"))
            }
            guard let language = object.language, language.utf8.count <= 16,
                  language.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || isAlphanumeric($0) }) else {
                return .failure(.invalidField("language"))
            }
            guard let device = object.device, (16...64).contains(device.utf8.count),
                  device.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || isAlphanumeric($0) }) else {
                return .failure(.invalidField("device"))
            }
            let pseudonym = object.pseudonym
            let pin = object.pin
            if let pseudonym, pseudonym.utf8.count > 256 { return .failure(.invalidField("pseudonym")) }
            if let pin, pin.utf8.count > 16 { return .failure(.invalidField("pin")) }
            return .success(.join(JoinRequest(code: code, nickname: nickname, language: language, device: device,
                                              pseudonym: pseudonym?.isEmpty == true ? nil : pseudonym,
                                              pin: pin?.isEmpty == true ? nil : pin)))
        case "answer":
            guard let question = object.question, question >= 0 else { return .failure(.invalidField("question")) }
            guard let choice = object.choice, !choice.isEmpty, choice.utf8.count <= 64 else {
                return .failure(.invalidField("choice"))
            }
            return .success(.answer(question: question, choice: choice))
        default:
            return .failure(.unknownType(String(type.prefix(32))))
        }
    }

    /// The frame a client sends (the terminal client, the tests, the benchmark).
    public var encoded: String {
        switch self {
        case .join(let request):
            var object: [String: Any] = ["v": QuizProtocol.version, "type": "join", "code": request.code,
                                         "nickname": request.nickname, "language": request.language, "device": request.device]
            if let pseudonym = request.pseudonym { object["pseudonym"] = pseudonym }
            if let pin = request.pin { object["pin"] = pin }
            return JSONText.encode(object)
        case .answer(let question, let choice):
            return JSONText.encode(["v": QuizProtocol.version, "type": "answer", "question": question, "choice": choice])
        }
    }

    /// Every field any message may carry. A field of the wrong JSON type (a number as text, a fraction, a
    /// boolean for a number) fails the whole message; unknown fields are ignored.
    private struct Fields: Decodable {
        var v: Int?
        var type: String?
        var code: String?
        var nickname: String?
        var language: String?
        var device: String?
        var pseudonym: String?
        var pin: String?
        var question: Int?
        var choice: String?
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}

/// Compact JSON with sorted keys, for frames and tests.
public enum JSONText {
    public static func encode(_ object: [String: Any]) -> String {
        // Callers pass only strings, numbers, Booleans, arrays and string-keyed dictionaries: serialising cannot fail.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
