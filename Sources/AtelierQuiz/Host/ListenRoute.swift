import AtelierSpeech
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /api/listen?token=…&question=2[&choice=b]&lang=ar`: a question's text, or one of its choices, read aloud
/// as a WAV (docs/quiz-protocol.md, "Listening"). Only a player's token opens it, only for a question the room has
/// already opened (no text of a question to come leaks), only in the player's language or in French, and only
/// the texts of the quiz: nobody can make the host synthesise a text of their own.
enum ListenRoute {
    /// What the request asks for, once checked; or why it is refused. Pure: the tests need no socket for it.
    enum Decision: Equatable {
        case refused(HTTPResponse.Status, reason: String)
        case read(SpeechCache.Key, [SpeechSegment])
    }

    static func decide(token: String?, question: String?, choice: String?, language: String?, gate: ListenGate,
                       content: QuizContent, hasVoice: (String) -> Bool) -> Decision {
        // The token first: a stranger learns nothing about the questions or the languages.
        guard let token, let own = gate.language(of: token) else { return .refused(.unauthorized, reason: "unknownToken") }
        guard let question, let index = Int(question), index >= 0, let language else { return .refused(.badRequest, reason: "badRequest") }
        guard content.language(language) != nil else { return .refused(.notFound, reason: "unknownLanguage") }
        // The player's own language, or French (what a language without a voice is offered instead).
        guard language == own || language == "fr" else { return .refused(.forbidden, reason: "notYourLanguage") }
        guard index < content.questions.count else { return .refused(.notFound, reason: "unknownQuestion") }
        guard index <= gate.asked else { return .refused(.forbidden, reason: "notAskedYet") }
        // Never read with a neighbour's voice (Pashto with the Persian one): the page offers the French reading.
        guard hasVoice(language) else { return .refused(.unprocessableContent, reason: "noVoice") }
        guard let spoken = content.spokenQuestion(index, language: language) else { return .refused(.notFound, reason: "unknownLanguage") }
        guard let choice else { return .read(.init(question: index, choice: nil, language: language), spoken.text) }
        guard let position = content.questions[index].choices.firstIndex(of: choice), position < spoken.choices.count else {
            return .refused(.notFound, reason: "unknownChoice")
        }
        return .read(.init(question: index, choice: choice, language: language), spoken.choices[position])
    }

    /// `voiced`: the registry's languages a voice reads, asked of eSpeak NG once when the server starts (the
    /// question takes the library's lock, which a synthesis may hold for a while).
    static func respond(_ request: Request, room: QuizRoom, cache: SpeechCache?, voiced: Set<String>) async -> Response {
        guard let cache else { return refusal(.serviceUnavailable, reason: "noSpeech") }
        let query = request.uri.queryParameters
        let decision = decide(token: query["token"].map(String.init), question: query["question"].map(String.init),
                              choice: query["choice"].map(String.init), language: query["lang"].map(String.init),
                              gate: room.listening, content: room.content, hasVoice: { voiced.contains($0) })
        switch decision {
        case .refused(let status, let reason):
            return refusal(status, reason: reason)
        case .read(let key, let segments):
            switch await cache.wav(key, segments: segments) {
            case .success(let wav): return audio(wav, range: request.headers[.range])
            case .failure(.noVoice): return refusal(.unprocessableContent, reason: "noVoice")
            case .failure: return refusal(.internalServerError, reason: "synthesisFailed")
            }
        }
    }

    static func refusal(_ status: HTTPResponse.Status, reason: String) -> Response {
        Response(status: status, headers: QuizServer.headers("application/json"),
                 body: .init(byteBuffer: ByteBuffer(string: #"{"v":1,"error":"\#(reason)"}"#)))
    }

    /// The whole file, or the one byte range asked for: Safari on iPhones asks for `bytes=0-1` first and plays
    /// nothing from a server that ignores ranges.
    static func audio(_ wav: ByteBuffer, range: String?) -> Response {
        var headers = QuizServer.headers("audio/wav")
        // The URL holds the player's token: the phone may keep the file, nobody between may.
        headers[.cacheControl] = "private, max-age=3600"
        headers[.acceptRanges] = "bytes"
        let size = wav.readableBytes
        guard let range, let bounds = byteRange(range, size: size) else {
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: wav))
        }
        let (first, last) = bounds
        guard first <= last, first < size else {
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentRange] = "bytes \(first)-\(last)/\(size)"
        let slice = wav.getSlice(at: wav.readerIndex + first, length: last - first + 1) ?? wav
        return Response(status: .partialContent, headers: headers, body: .init(byteBuffer: slice))
    }

    /// `bytes=first-last`, `bytes=first-` or `bytes=-suffix`, clamped to the file; nil for anything else (several
    /// ranges, another unit), which gets the whole file.
    static func byteRange(_ header: String, size: Int) -> (Int, Int)? {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let parts = header.dropFirst("bytes=".count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let start = parts[0].trimmingCharacters(in: .whitespaces), end = parts[1].trimmingCharacters(in: .whitespaces)
        if start.isEmpty {
            guard let suffix = Int(end), suffix > 0 else { return nil }
            return (max(0, size - suffix), size - 1)
        }
        guard let first = Int(start), first >= 0 else { return nil }
        if end.isEmpty { return (first, size - 1) }
        guard let last = Int(end) else { return nil }
        return (first, min(last, size - 1))
    }
}
