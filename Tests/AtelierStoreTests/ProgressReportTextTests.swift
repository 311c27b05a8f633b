import AtelierStore
import AtelierText
import Testing

/// `atelier progress report` at the terminal's width: nothing past the edge, no word cut, no count parted from
/// what it counts.
@Suite struct ProgressReportTextTests {
    static let prompt = "Dans une coopérative d'habitants, qui décide du montant des loyers et des travaux communs quand "
        + "l'assemblée générale ne peut pas se réunir avant la fin de l'année ?"
    static let report = ProgressReport(module: "cooperatives-habitat", started: 41, completed: 37, questions: [
        .init(step: "who-decides", kind: "choice", prompt: prompt, answered: 37, right: 21,
              byLanguage: ["ar": .init(answered: 6, right: 2), "fr": .init(answered: 12, right: 9), "fa": .init(answered: 4, right: 1),
                           "prs": .init(answered: 5, right: 3), "ta": .init(answered: 3, right: 2), "ti": .init(answered: 7, right: 4)],
              missedChoices: [.init(response: "le conseil d'administration seul", count: 9),
                              .init(response: "la mairie", count: 5), .init(response: "le bailleur", count: 2)]),
        .init(step: "vote-rule", kind: "choice", prompt: "Une personne, une voix ?", answered: 0, right: 0, byLanguage: [:],
              missedChoices: []),
    ])

    static func words(_ text: String) -> [String] {
        text.split { $0 == " " || $0 == "\n" }.map(String.init)
    }

    @Test(arguments: [40, 80, 120])
    func theReportFitsTheWidthWithoutCuttingWords(width: Int) {
        let text = Self.report.text(width: width)
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for row in rows { #expect(DisplayWidth.of(row) <= width, "too wide at \(width): \(row)") }
        #expect(!text.contains("…"))
        // Every word of the prompt and of the missed answers is whole on some row.
        let shown = Set(Self.words(text))
        for word in Self.words(Self.prompt) + Self.words("le conseil d'administration seul") {
            #expect(shown.contains(word) || shown.contains { $0.hasPrefix(word + "\u{A0}") }, "\(word) cut at \(width)")
        }
        // Counts stay with their language or answer.
        for tally in ["ar\u{A0}2/6", "fr\u{A0}9/12", "ti\u{A0}4/7", "seul\u{A0}×9", "mairie\u{A0}×5"] {
            #expect(rows.contains { $0.contains(tally) }, "\(tally) at \(width)")
        }
        #expect(rows.contains("   not answered yet"))
        #expect(rows.prefix(2).joined(separator: " ").hasPrefix("cooperatives-habitat: 41 started, 37 completed"))
        // The room a wider terminal gives is used: fewer rows.
        let prompt = rows.firstIndex { $0.hasPrefix("1. who-decides") }!
        let promptRows = rows[(prompt + 1)...].prefix { $0.hasPrefix("   ") && !$0.hasPrefix("   right:") }.count + 1
        #expect(promptRows == [40: 6, 80: 3, 120: 2][width], "\(promptRows) rows for the prompt at \(width)")
    }

    /// Erasures (issue #23): how many and on which days, on their own rows; without any, no line at all.
    @Test func erasuresAreCountedByDayNeverNamed() {
        var report = Self.report
        #expect(!report.text(width: 80).contains("erased"))
        report.erasures = [ErasureDay(day: "2026-11-30", count: 2), ErasureDay(day: "2026-12-07", count: 1)]
        let text = report.text(width: 120)
        #expect(text.hasSuffix("\n3 participants erased (answers left every report): 2\u{A0}on\u{A0}2026-11-30, 1\u{A0}on\u{A0}2026-12-07\n"))
    }

    @Test func aNarrowerWidthIsRaisedToForty() {
        #expect(Self.report.text(width: 10) == Self.report.text(width: 40))
    }
}
