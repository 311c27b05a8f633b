import AtelierText
import Foundation
import Testing
@testable import AtelierContent

/// Read-aloud texts (`…/speech`): the displayed sentence with its vowel marks, for a voice that reads
/// unvocalised Arabic badly (issue #19). Lint refuses one that says anything else, and no loader reads it.
@Suite("Read-aloud texts")
struct SpeechTextTests {
    static let here = SourceLocation(path: "module.yaml", line: 1, column: 1)
    static let units = [TranslationUnit(context: "intro/body", source: "Il faut un {fr:titre de séjour}.", location: here, glossaryTerms: [])]

    static func po(shown: String, spoken: String?, spokenID: String = "Il faut un {fr:titre de séjour}.", flags: String = "",
                   shownFlags: String = "") -> String {
        var text = "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n\n\(shownFlags)msgctxt \"intro/body\"\nmsgid \"Il faut un {fr:titre de séjour}.\"\nmsgstr \"\(shown)\"\n"
        if let spoken { text += "\n\(flags)msgctxt \"intro/body/speech\"\nmsgid \"\(spokenID)\"\nmsgstr \"\(spoken)\"\n" }
        return text
    }

    static func check(_ po: String) -> TranslationChecker.Result {
        let (file, problems) = POReader.read(po, path: "ar.po")
        #expect(problems.isEmpty, "\(problems)")
        return TranslationChecker.check(file, path: "ar.po", units: units, language: .fromICU(code: "ar"))
    }

    @Test(arguments: [
        // The same words with harakat, shadda and sukun: accepted, and the displayed text's counts are unchanged.
        ("يجب {fr:titre de séjour}.", "يَجِبُ {fr:titre de séjour}.", nil, true),
        // Marks on both sides (a shadda the screen shows too) are compared without them.
        ("يجب {fr:titre de séjour} للشّركة.", "يَجِبُ {fr:titre de séjour} لِلشَّرِكَةِ.", nil, true),
        // Another word: refused (its place is checked below).
        ("يجب {fr:titre de séjour}.", "يَلْزَمُ {fr:titre de séjour}.", "speech-text", false),
        // A word left out at the end: refused.
        ("يجب {fr:titre de séjour}.", "يَجِبُ", "speech-text", false),
        // The French words must stay as the French has them, like in any translation.
        ("يجب {fr:titre de séjour}.", "يَجِبُ titre de séjour.", "speech-text", false),
    ] as [(String, String, String?, Bool)])
    func aReadAloudTextIsTheDisplayedTextWithMarks(_ shown: String, _ spoken: String, _ code: String?, _ usable: Bool) {
        let result = Self.check(Self.po(shown: shown, spoken: spoken))
        if let code {
            #expect(result.diagnostics.contains { $0.code == code && $0.severity == .error }, "\(result.diagnostics)")
        } else {
            #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        }
        #expect((result.states["intro/body/speech"] == .translated) == usable)
        #expect(result.counts.total == 1 && result.counts.translated == 1, "a read-aloud text is not a text of its own")
        #expect(result.unknownContexts.isEmpty)
    }

    @Test func aDifferenceIsReportedAtItsLineAndColumn() throws {
        let result = Self.check(Self.po(shown: "يجب ذلك {fr:titre de séjour}", spoken: "يَجِبُ هذا {fr:titre de séjour}"))
        let found = try #require(result.diagnostics.first { $0.code == "speech-text" })
        // Line 11 of the file; `msgstr "` is 8 columns, and "يَجِبُ " is 7 scalars before the first wrong one.
        #expect(found.location.line == 11 && found.location.column == 9 + 7, "\(found)")
    }

    @Test(arguments: [
        // Made for an older French: not read, and the translator is told.
        (po(shown: "يجب {fr:titre de séjour}", spoken: "يَجِبُ {fr:titre de séjour}", spokenID: "Il fallait un titre."), "stale"),
        // Fuzzy: not read until reviewed.
        (po(shown: "يجب {fr:titre de séjour}", spoken: "يَجِبُ {fr:titre de séjour}", flags: "#, fuzzy\n"), "fuzzy"),
        // The text it reads needs a review: it is not shown, so its read-aloud text is not read either.
        (po(shown: "يجب {fr:titre de séjour}", spoken: "يَجِبُ {fr:titre de séjour}", shownFlags: "#, fuzzy\n"), "speech-unused"),
    ])
    func aReadAloudTextNotReadSaysWhy(_ po: String, _ code: String) {
        let result = Self.check(po)
        #expect(result.diagnostics.contains { $0.code == code && $0.message.contains("intro/body/speech") }, "\(result.diagnostics)")
        #expect(result.states["intro/body/speech"] == nil)
    }

    @Test func aReadAloudContextForNoTextIsUnknown() {
        let po = "msgctxt \"outro/body/speech\"\nmsgid \"x\"\nmsgstr \"y\"\n"
        let result = Self.check(po)
        #expect(result.unknownContexts["outro/body/speech"] != nil)
    }

    @Test func theLoadersReadTheReadAloudTextAndShowTheOther() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speech-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // An interface string (MessageFormat, so no {fr:…} marks): read from a Locales/<lang>.po as the kiosk does.
        let units = [TranslationUnit(context: "profile.pin", source: "Choisissez un code.", location: Self.here, glossaryTerms: [])]
        let path = folder + "/ar.po"
        try "msgctxt \"profile.pin\"\nmsgid \"Choisissez un code.\"\nmsgstr \"اختر رمزا.\"\n\nmsgctxt \"profile.pin/speech\"\nmsgid \"Choisissez un code.\"\nmsgstr \"اِخْتَرْ رَمْزًا.\"\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let language = LanguageInfo.fromICU(code: "ar")
        let table = TranslationTable.load(path: path, units: units, language: language)
        let strings = InterfaceStrings(language: language, french: ["profile.pin": units[0].source], translated: table)
        #expect(strings.text("profile.pin") == "اختر رمزا.")
        #expect(strings.spoken("profile.pin") == "اِخْتَرْ رَمْزًا.")
        // A read-aloud text that no longer matches (taken from another file of the fallback chain) is not read.
        var other = table
        other["profile.pin"] = "اختر كلمة."
        #expect(InterfaceStrings(language: language, french: [:], translated: other).spoken("profile.pin") == "اختر كلمة.")
    }

    @Test func mergeKeepsAReadAloudTextAfterItsText() throws {
        let (file, _) = POReader.read(Self.po(shown: "يجب {fr:titre de séjour}", spoken: "يَجِبُ {fr:titre de séjour}"), path: "ar.po")
        let date = CalendarDate(year: 2026, month: 12, day: 7)!
        let same = TranslationWorkflow.merge(file, units: Self.units, project: "m", language: "ar", date: date)
        #expect(same.entries.map(\.context) == ["intro/body", "intro/body/speech"])
        #expect(same.entries[1].string == "يَجِبُ {fr:titre de séjour}" && !same.entries[1].isFuzzy && !same.entries[1].isObsolete)
        // The French changes: the read-aloud text follows, marked fuzzy with the old French kept for review.
        let changed = [TranslationUnit(context: "intro/body", source: "Il faut un visa.", location: Self.here, glossaryTerms: [])]
        let merged = TranslationWorkflow.merge(file, units: changed, project: "m", language: "ar", date: date)
        let speech = try #require(merged.entries.first { $0.context == "intro/body/speech" })
        #expect(speech.isFuzzy && speech.id == "Il faut un visa." && speech.previousID == "Il faut un {fr:titre de séjour}.")
        #expect(!merged.entries.contains { $0.isObsolete && $0.context == "intro/body/speech" })
    }

    @Test(arguments: [("يَجِبُ", "يجب"), ("الشَّرِكَةُ", "الشركة"), ("قُرْآن", "قرآن"), ("Été", "Été")])
    func marksAreRemoved(_ marked: String, _ bare: String) {
        #expect(SpeechText.withoutMarks(marked) == bare)
    }
}
