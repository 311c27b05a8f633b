import AtelierQuiz
import Foundation
import Testing

/// The phone page in a real browser (Debian's chromium, headless): pick a language, join, answer, see the result.
@Suite(.serialized) struct PhonePageBrowserTests {
    @Test func aPhoneJoinsInArabicAnswersAndSeesItsRank() async throws {
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

        await host.room.command(.reveal)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'result'")
        let rank = try await browser.evaluate("document.querySelector('#rank')?.textContent ?? ''") as? String ?? ""
        #expect(rank.contains("1"), "rank text: \(rank)")
        try await browser.screenshot(to: output + "/quiz-phone-result-ar.png")
        // The answer reached the store, in Arabic.
        #expect(try host.store.exportRows().filter { $0.source == "quiz" }.map(\.language) == ["ar"])
    }
}
