import AtelierSpeech
@testable import AtelierQuiz
import AtelierText
import Foundation
import Testing

/// The projector's `a` key (à voix haute): the question through the host's audio output, in the second language
/// shown (`l`) when it has a voice, else in French; or "no sound" on screen.
@Suite struct ProjectorReadAloudTests {
    static func host(reader: (any Speech)?) async throws -> (QuizHost, QuizRoom) {
        let content = try QuizTestHost.content(only: ["who-owns"], seconds: 60)
        let room = QuizRoom(content: content, settings: .init(code: "4821", session: "s"), scoring: .accuracy, teams: 0, recorder: nil,
                            clock: QuizTestHost.now)
        return (QuizHost(room: room, address: "http://127.0.0.1:1", recorder: nil, clock: QuizTestHost.now, reader: reader), room)
    }

    @Test func theKeyReadsTheOpenQuestionAndItsChoicesInFrench() async throws {
        let speech = RecordingSpeech(outcome: .speaking)
        let (host, room) = try await Self.host(reader: speech)
        #expect(await host.readAloud() == "Pas de question à lire maintenant.")
        #expect(speech.spoken.isEmpty)
        await room.command(.next)
        #expect(await host.readAloud().hasPrefix("🔊 Lecture de la question 1 en français"))
        let said = try #require(speech.spoken.first)
        #expect(said.allSatisfy { $0.language == "fr" })
        let french = room.content.french(0)
        let text = said.map(\.text).joined(separator: " ")
        #expect(text.contains(french.choices[0]) && text.contains("3."), "\(text)")
        // Pressed again while it reads: it stops.
        #expect(await host.readAloud() == "Lecture arrêtée.")
        #expect(!speech.isSpeaking)
    }

    /// The second language shown: read in its voice (its own words, the terms kept in French in French), or, for a
    /// language no voice may read (Pashto, Tigrinya), in French with the reason on the projector.
    @Test(arguments: [("ar", "ar", "🔊 Lecture de la question 1 en {name}… (a : arrêter)"),
                      ("zh", "zh", "🔊 Lecture de la question 1 en {name}… (a : arrêter)"),
                      ("ti", "fr", "🔊 Lecture de la question 1 en français : pas de voix pour {name} ici… (a : arrêter)"),
                      ("ps", "fr", "🔊 Lecture de la question 1 en français : pas de voix pour {name} ici… (a : arrêter)"),
                      ("fr", "fr", "🔊 Lecture de la question 1 en français… (a : arrêter)")])
    func theKeyReadsInTheSecondLanguageWhenItHasAVoice(second: String, read: String, notice: String) async throws {
        let speech = RecordingSpeech(outcome: .speaking)
        let (host, room) = try await Self.host(reader: speech)
        await room.command(.next)
        let name = try #require(room.content.language(second)).endonym
        let expected = notice.replacingOccurrences(of: "{name}", with: name)
        #expect(await host.readAloud(in: second) == expected)
        let said = try #require(speech.spoken.first)
        let spoken = try #require(room.content.spokenQuestion(0, language: read))
        #expect(said == spoken.text + spoken.choices.flatMap { $0 })
        #expect(said.contains { $0.language == read })
    }

    @Test(arguments: [true, false])
    func withoutSoundTheProjectorSaysSo(hasReader: Bool) async throws {
        let (host, room) = try await Self.host(reader: hasReader ? RecordingSpeech(outcome: .noSound) : nil)
        await room.command(.next)
        #expect(await host.readAloud() == QuizHost.noSoundNotice)
        let style = TerminalStyle(width: 80, height: 40, color: false)
        let screen = ProjectorScreen(content: room.content, style: style)
            .render(await room.game, room: .init(address: "http://x", code: "4821", notice: QuizHost.noSoundNotice), now: QuizTestHost.now())
        #expect(screen.rows.contains { $0.contains("Pas de son") }, "\(screen.rows)")
        // The footer names the keys (on two rows at 80 columns).
        #expect(screen.rows.suffix(2).joined().contains("a : lire"), "\(screen.rows.suffix(2))")
        #expect(screen.rows.suffix(2).joined().contains("l : langue"), "\(screen.rows.suffix(2))")
    }

    @Test(arguments: [("x", "Touche « x » : pas d'action. Les touches sont en bas de l'écran."),
                      ("\u{1B}", "Touche « Échap » : pas d'action. Les touches sont en bas de l'écran."),
                      ("é", "Touche « ? » : pas d'action. Les touches sont en bas de l'écran.")])
    func anUnknownKeyIsNamedOnTheProjector(key: String, notice: String) {
        #expect(QuizHost.unknownKey(Character(key)) == notice)
    }
}
