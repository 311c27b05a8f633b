import AtelierQuiz
import AtelierTestSupport
import Foundation
import Testing

/// The phone page in a real browser (Debian's chromium, headless): pick a language, join, answer, see the result.
@Suite(.serialized) struct PhonePageBrowserTests {
    @Test func aPhoneJoinsInArabicAnswersAndSeesItsOwnResult() async throws {
        guard let chromium = DevTools.executable else {
            Issue.record("chromium is not installed: `make test` installs it (apt-get install chromium)")
            return
        }
        let host = try await QuizTestHost.start(only: ["who-owns"], seconds: 60, clock: QuizTestHost.frozen)
        defer { host.stop() }
        let browser = try await DevTools(executable: chromium)
        defer { browser.close() }
        try await browser.open(host.url + "/?code=4821")

        try await browser.wait(for: "document.querySelectorAll('button.language').length >= 14")
        let names = try await browser.evaluate("[...document.querySelectorAll('button.language')].map(b => b.textContent.trim())") as? [String]
        #expect(names?.contains("العربية") == true && names?.contains("தமிழ்") == true && names?.contains("ትግርኛ") == true)
        _ = try await browser.evaluate("document.querySelector('button.language[data-code=\"ar\"]').click()")
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'join'")
        #expect(try await browser.evaluate("document.documentElement.dir") as? String == "rtl")
        #expect(try await browser.evaluate("document.querySelector('#code').value") as? String == "4821")
        _ = try await browser.evaluate("""
            (() => { const n = document.querySelector('#nickname'); n.value = 'مريم'; n.dispatchEvent(new Event('input'));
                     document.querySelector('#join').click(); })()
            """)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'lobby'")
        #expect(await host.room.game.players.values.map(\.nickname) == ["مريم"])
        #expect(await host.room.game.players.values.first?.language == "ar")

        await host.room.command(.next)
        try await browser.wait(for: "document.querySelectorAll('button.choice').length === 3")
        let text = try await browser.evaluate("document.querySelector('#screen').textContent") as? String ?? ""
        #expect(text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "no Arabic in \(text)")
        let output = QuizTestHost.root + "/.build/test-output"
        try await browser.screenshot(to: output + "/quiz-phone-question-ar.png")
        _ = try await browser.evaluate("document.querySelector('button.choice[data-choice=\"members\"]').click()")
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'answered'")
        try await waitUntil { await host.room.game.answers[0]?.values.first?.choice == "members" }

        // Answers locked: the phone says so in Arabic, the right answer not shown yet.
        await host.room.command(.close)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'closed'")
        let closed = try await browser.evaluate("document.querySelector('#screen h1')?.textContent ?? ''") as? String
        #expect(closed == host.room.content.strings("ar").text("quiz.closed"))
        #expect(closed?.hasPrefix("Les réponses") == false)
        await host.room.command(.reveal)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'result'")
        // Its own result only (the host ranks nobody by default): right, its score, and no place.
        #expect(try await browser.evaluate("document.querySelector('h1.verdict.right') !== null") as? Bool == true)
        let score = try await browser.evaluate("document.querySelector('p.score')?.textContent ?? ''") as? String ?? ""
        #expect(!score.isEmpty, "no score")
        #expect(try await browser.evaluate("document.querySelector('#rank') === null") as? Bool == true)
        try await browser.screenshot(to: output + "/quiz-phone-result-ar.png")
        // The answer reached the store, in Arabic.
        #expect(try host.store.exportRows().filter { $0.source == "quiz" }.map(\.language) == ["ar"])
    }
}

/// The listen buttons in a real browser: beside the question and each choice, on the reading side's end in Arabic,
/// and for Pashto (no voice) the French reading, said in Pashto.
@Suite(.serialized) struct PhonePageListenBrowserTests {
    @Test(arguments: [("ar", "ar"), ("ps", "fr")])
    func theListenButtonsPlayTheQuestionFromTheHost(language: String, voice: String) async throws {
        guard let chromium = DevTools.executable else {
            Issue.record("chromium is not installed: `make test` installs it (apt-get install chromium)")
            return
        }
        let espeak = try #require(QuizTestHost.espeak, "eSpeak NG could not start: install espeak-ng-data (make deps)")
        let cache = SpeechCache(speech: espeak)
        let host = try await QuizTestHost.start(only: ["who-owns"], seconds: 120, speech: cache)
        defer { host.stop() }
        let browser = try await DevTools(executable: chromium)
        defer { browser.close() }
        try await browser.open(host.url + "/?code=4821")
        try await browser.wait(for: "document.querySelector('button.language[data-code=\"\(language)\"]')")
        _ = try await browser.evaluate("document.querySelector('button.language[data-code=\"\(language)\"]').click()")
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'join'")
        _ = try await browser.evaluate("""
            (() => { const n = document.querySelector('#nickname'); n.value = 'Soraya'; n.dispatchEvent(new Event('input'));
                     document.querySelector('#join').click(); })()
            """)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'lobby'")
        await host.room.command(.next)
        try await browser.wait(for: "document.querySelectorAll('button.choice').length === 3")

        // One button for the question, one per choice, each with its words for a screen reader and a large target.
        let buttons = try await browser.evaluate("""
            [...document.querySelectorAll('button.listen')].map(b => { const r = b.getBoundingClientRect();
              return [b.dataset.listen, b.getAttribute('aria-label'), Math.round(r.width), Math.round(r.height)]; })
            """) as? [[Any]] ?? []
        #expect(buttons.map { $0[0] as? String } == ["text", "members", "state", "boss"], "\(buttons)")
        let strings = host.room.content.strings(language)
        #expect(buttons.first?[1] as? String == strings.text("quiz.listen.question"))
        #expect(buttons.dropFirst().allSatisfy { $0[1] as? String == strings.text("quiz.listen.choice") })
        #expect(buttons.allSatisfy { ($0[2] as? Int ?? 0) >= 48 && ($0[3] as? Int ?? 0) >= 48 }, "\(buttons)")
        // Right to left, the button sits at the end of the line: on the left of the question.
        let sides = try await browser.evaluate("""
            (() => { const b = document.querySelector('button.listen[data-listen="text"]').getBoundingClientRect();
                     const q = document.querySelector('.question-text').getBoundingClientRect(); return [b.left, q.left]; })()
            """) as? [Double] ?? []
        #expect(sides.count == 2 && (sides[0] < sides[1]) == true, "\(sides)")
        let note = try await browser.evaluate("document.querySelector('.listen-note')?.textContent ?? ''") as? String
        #expect(note == (voice == language ? "" : strings.text("quiz.listen.in-french")))

        // The question's text was made ahead; the choice is made when the phone asks for it.
        try await waitUntil { cache.pending == 0 }
        let made = cache.synthesisCount
        _ = try await browser.evaluate("document.querySelector('button.listen[data-listen=\"members\"]').click()")
        // The page asked the host (a synthesis happened) for the choice in the voice it may use.
        try await waitUntil { cache.synthesisCount == made + 1 }
        let source = try await browser.evaluate("document.querySelector('audio').src") as? String ?? ""
        #expect(source.contains("/api/listen?token=") && source.contains("&question=0") && source.contains("&lang=\(voice)")
                && source.contains("&choice=members"), "\(source)")
        #expect(try await browser.evaluate("document.querySelector('#error').textContent") as? String == "")
        try await browser.screenshot(to: QuizTestHost.root + "/.build/test-output/quiz-phone-listen-\(language).png")
    }
}
