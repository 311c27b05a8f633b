import AtelierQuiz
import AtelierTestSupport
import Foundation
import Testing

/// The phone page's text-size button in a real browser (Debian's chromium, headless): three steps of the root font
/// size, remembered on the device; no screen scrolls sideways at any step, nor at 200 % zoom on a 360 px phone, in
/// French and in Arabic (right to left); screenshots at the largest step are golden PNGs.
///
/// Goldens: `Fixtures/phone-<screen>-<language>-largest.png`, rewritten by
/// `ATELIER_RECORD_GOLDEN=1 .build/debug/AtelierPackageTests.xctest --testing-library swift-testing --filter PhoneTextSize`
/// (refused in CI). A missing golden fails. They are compared with a small tolerance, not byte for byte: at most
/// 1 % of the pixels may differ by more than 32 in a channel. Alone, runs are byte-identical; under a loaded
/// machine (the whole Quiz filter) the result screens came out with 0.4 % of their pixels changed, cause not found
/// yet. A moved or resized block changes far more than 1 %; a small change ("A++" drawn as "++A", 0.5 %) does not.
@Suite(.serialized) struct PhoneTextSizeBrowserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The step the page shows (1-3), from the root element and the button.
    static let step = "[document.documentElement.dataset.textSize, document.getElementById('text-size').textContent, getComputedStyle(document.documentElement).fontSize]"

    @Test func theTextSizeIsAButtonOnEveryScreenAndSurvivesAReload() async throws {
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
        let french = host.room.content.strings("fr")

        // Before any choice: the normal step, said in words for a screen reader, on a large target.
        #expect(try await browser.evaluate(Self.step) as? [String] == ["1", "A", "16px"])
        let button = try await browser.evaluate("""
            (() => { const b = document.getElementById('text-size'); const r = b.getBoundingClientRect();
                     return [b.getAttribute('aria-label'), Math.round(r.width), Math.round(r.height), b.offsetParent !== null]; })()
            """) as? [Any] ?? []
        #expect(button.first as? String == french.text("quiz.text-size.normal"))
        #expect((button[safe: 1] as? Int ?? 0) >= 48 && (button[safe: 2] as? Int ?? 0) >= 48 && button[safe: 3] as? Bool == true, "\(button)")

        // Each press goes one step up, then back to normal; the whole page scales with the root's font size.
        let heading = "parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
        let normal = try await browser.evaluate(heading) as? Double ?? 0
        _ = try await browser.evaluate("document.getElementById('text-size').click()")
        #expect(try await browser.evaluate(Self.step) as? [String] == ["2", "A+", "20px"])
        #expect(try await browser.evaluate(heading) as? Double == normal * 1.25)
        _ = try await browser.evaluate("document.getElementById('text-size').click()")
        #expect(try await browser.evaluate(Self.step) as? [String] == ["3", "A++", "24px"])
        #expect(try await browser.evaluate(heading) as? Double == normal * 1.5)
        #expect(try await browser.evaluate("document.getElementById('text-size').getAttribute('aria-label')") as? String
                == french.text("quiz.text-size.largest"))
        #expect(try await browser.evaluate("localStorage.getItem('atelier.quiz.text-size')") as? String == "3")

        // A reload keeps it, and so does choosing a language; the label then comes in that language.
        try await browser.reload()
        try await browser.wait(for: "document.querySelectorAll('button.language').length >= 14")
        #expect(try await browser.evaluate(Self.step) as? [String] == ["3", "A++", "24px"])
        _ = try await browser.evaluate("document.querySelector('button.language[data-code=\"ar\"]').click()")
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'join'")
        #expect(try await browser.evaluate(Self.step) as? [String] == ["3", "A++", "24px"])
        let arabic = host.room.content.strings("ar").text("quiz.text-size.largest")
        #expect(arabic != french.text("quiz.text-size.largest"))
        #expect(try await browser.evaluate("document.getElementById('text-size').getAttribute('aria-label')") as? String == arabic)
        #expect(try await browser.evaluate("document.getElementById('text-size').offsetParent !== null") as? Bool == true)

        // Storage that throws (private browsing, storage disabled): the button still works, it only forgets.
        _ = try await browser.evaluate("Storage.prototype.setItem = () => { throw new Error('no storage'); }")
        _ = try await browser.evaluate("document.getElementById('text-size').click()")
        #expect(try await browser.evaluate(Self.step) as? [String] == ["1", "A", "16px"])
        #expect(try await browser.evaluate("localStorage.getItem('atelier.quiz.text-size')") as? String == "3")
    }

    @Test(arguments: ["fr", "ar"])
    func noScreenScrollsSidewaysAtAnyStepNorAtDoubleZoom(language: String) async throws {
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
        try await fits(browser, screen: "languages", language: language)

        _ = try await browser.evaluate("document.querySelector('button.language[data-code=\"\(language)\"]').click()")
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'join'")
        #expect(try await browser.evaluate("document.documentElement.dir") as? String == (language == "ar" ? "rtl" : "ltr"))
        try await fits(browser, screen: "join", language: language)
        try await matchesGolden(browser, screen: "join", language: language)

        // A long nickname, in the bar beside the buttons.
        let nickname = language == "ar" ? "عبدالرحمنالمحمدي" : "Marie-Christine"
        _ = try await browser.evaluate("""
            (() => { const n = document.querySelector('#nickname'); n.value = '\(nickname)'; n.dispatchEvent(new Event('input'));
                     document.querySelector('#join').click(); })()
            """)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'lobby'")
        try await fits(browser, screen: "lobby", language: language)

        await host.room.command(.next)
        try await browser.wait(for: "document.querySelectorAll('button.choice').length === 3")
        try await fits(browser, screen: "question", language: language)
        _ = try await browser.evaluate("document.querySelector('button.choice[data-choice=\"members\"]').click()")
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'answered'")
        try await waitUntil { await host.room.game.answers[0]?.values.first?.choice == "members" }
        try await fits(browser, screen: "answered", language: language)

        await host.room.command(.close)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'closed'")
        try await fits(browser, screen: "closed", language: language)
        await host.room.command(.reveal)
        try await browser.wait(for: "document.querySelector('#screen').dataset.screen === 'result'")
        try await fits(browser, screen: "result", language: language)
        try await matchesGolden(browser, screen: "result", language: language)
    }

    /// At each step, on a 360 px phone and at 200 % zoom on it (180 CSS px), nothing sticks out sideways: the page
    /// does not scroll, and no element reaches past either edge (body's `overflow-x: hidden` would hide the scroll).
    func fits(_ browser: DevTools, screen: String, language: String) async throws {
        for (width, scale) in [(360, 1.0), (180, 2.0)] {
            try await browser.viewport(width: width, height: 800, scale: scale)
            for step in 1...3 {
                try await setStep(browser, step)
                let measure = try await browser.evaluate("""
                    (() => { const w = window.innerWidth; const out = [];
                      for (const e of document.querySelectorAll('body *')) {
                        const r = e.getBoundingClientRect();
                        if (!r.width || !r.height) continue;
                        if (r.right > w + 0.5 || r.left < -0.5)
                          out.push((e.id || e.className || e.tagName) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
                      }
                      return [document.documentElement.scrollWidth, w, out.slice(0, 5).join(', ')]; })()
                    """) as? [Any] ?? []
                let scrollWidth = measure[safe: 0] as? Int ?? .max, innerWidth = measure[safe: 1] as? Int ?? 0
                let outside = measure[safe: 2] as? String ?? "?"
                #expect(scrollWidth <= innerWidth && outside.isEmpty,
                        "\(language) \(screen) at \(width) px, step \(step): scrollWidth \(scrollWidth) > \(innerWidth), outside: \(outside)")
            }
        }
    }

    /// Presses the button until the page shows `step`.
    func setStep(_ browser: DevTools, _ step: Int) async throws {
        let shown = try await browser.evaluate("""
            (() => { const b = document.getElementById('text-size');
              for (let i = 0; i < 3 && document.documentElement.dataset.textSize !== '\(step)'; i++) b.click();
              return document.documentElement.dataset.textSize; })()
            """) as? String
        #expect(shown == String(step))
    }

    /// The screen at the largest step on a 360 px phone equals its golden PNG, within the tolerance above.
    func matchesGolden(_ browser: DevTools, screen: String, language: String) async throws {
        try await browser.viewport(width: 360, height: 760, scale: 1)
        try await setStep(browser, 3)
        // Nothing blinks or moves on these screens; the focus ring of a pressed button is taken away.
        // The page is shown from its top (a narrower layout before may have left it scrolled), once drawn again.
        _ = try await browser.evaluate("""
            (async () => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);
              await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); return true; })()
            """)
        let actual = try await browser.screenshot()
        let name = "phone-\(screen)-\(language)-largest.png"
        let golden = Self.fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ATELIER_RECORD_GOLDEN"] == "1" {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "golden files are never recorded in CI")
            try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
            try actual.write(to: golden)
        }
        let output = QuizTestHost.root + "/.build/test-output/" + name
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try actual.write(to: URL(fileURLWithPath: output))
        guard let expected = try? Data(contentsOf: golden) else {
            Issue.record("no golden \(golden.path): record it with ATELIER_RECORD_GOLDEN=1")
            return
        }
        if expected == actual { return }
        let difference = try await browser.differingPixels(expected, actual)
        #expect(difference != nil, "\(name): not the golden's size (this run's screenshot: \(output))")
        if let difference {
            #expect(difference.count * 100 <= difference.total,
                    "\(name): \(difference.count) of \(difference.total) pixels differ from the golden (this run's: \(output))")
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
