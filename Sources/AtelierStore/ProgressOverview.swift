import AtelierContent

/// What the HTML report (`progress report --html`) shows, computed from the export's rows: the same rows whether they
/// come from this kiosk's data file (`ProgressStore.exportRows`) or from the shared server (`ServerReports.exportRows`),
/// so the page cannot differ between the two sources, and its numbers are those of `progress export`.
///
/// Counts are exact here; hiding the small ones ("< 5") is the page's job, done where a number is drawn or written.
/// Pseudonyms are read to count people once and never kept in the value.
public struct ProgressOverview: Hashable, Sendable {
    /// Participants with a profile who answered anything (lesson or quiz) in the week starting on `monday`.
    public struct Week: Hashable, Sendable {
        public var monday: String  // yyyy-mm-dd
        public var participants: Int
    }

    /// How far people get in one module: participants who answered each question, in the module's order.
    public struct Funnel: Hashable, Sendable {
        public struct Stage: Hashable, Sendable {
            public var step: String
            public var prompt: String
            public var participants: Int
        }
        public var module: String
        public var title: String
        /// Participants who answered at least one of the module's questions in a lesson.
        public var started: Int
        public var stages: [Stage]
    }

    /// One question's first tries: a lesson participant's first attempt (not a review) and every quiz answer (a
    /// quiz gives one try), per language of the answer.
    public struct Question: Hashable, Sendable {
        public var module: String
        public var step: String
        public var prompt: String
        public var byLanguage: [String: ProgressReport.Tally]

        public var total: ProgressReport.Tally {
            byLanguage.values.reduce(into: ProgressReport.Tally()) { $0.answered += $1.answered; $0.right += $1.right }
        }
        public var missed: Int { total.answered - total.right }
    }

    /// One group quiz: when, which module, how many played, how many answers were right. No names: the store keeps
    /// none for quizzes, and the page never shows a ranking.
    public struct QuizSession: Hashable, Sendable {
        public var id: String
        public var module: String
        public var day: String  // yyyy-mm-dd of its first answer
        /// The most answers any one question got: each player answers a question at most once.
        public var players: Int
        /// Answers to the questions that were not skipped.
        public var answers: Int
        public var right: Int
    }

    public var weeks: [Week]
    public var funnels: [Funnel]
    public var questions: [Question]
    public var sessions: [QuizSession]
    /// Every language that answered something, in code order: the per-language columns.
    public var languages: [String]
    /// Days on which participants were erased, with how many (never whom): lines under the title. From the
    /// data file's erasure log, or from the server's tombstones over every site (#23, synced erase).
    public var erasures: [ErasureDay] = []

    /// The questions most often missed at the first try (at least one miss), most missed first (ties in the
    /// modules' order), at most `limit`.
    public func mostMissed(limit: Int = 10) -> [Question] {
        Array(questions.enumerated().filter { $0.element.missed > 0 }
            .sorted { ($0.element.missed, $1.offset) > ($1.element.missed, $0.offset) }
            .prefix(limit).map(\.element))
    }

    public init(weeks: [Week], funnels: [Funnel], questions: [Question], sessions: [QuizSession], languages: [String]) {
        self.weeks = weeks
        self.funnels = funnels
        self.questions = questions
        self.sessions = sessions
        self.languages = languages
    }

    /// The overview of `rows` (one kiosk's or the server's export) for `modules` (their questions, in order).
    public init(rows: [ExportRow], modules: [Module]) {
        var weekPeople: [String: Set<String>] = [:]
        var stagePeople: [String: [String: Set<String>]] = [:]  // module -> step -> pseudonyms
        var firstTries: [String: [String: [String: ProgressReport.Tally]]] = [:]  // module -> step -> language
        var sessionRows: [String: [ExportRow]] = [:]
        var languages: Set<String> = []
        for row in rows {
            if let pseudonym = row.pseudonym { weekPeople[Self.monday(of: row.at), default: []].insert(pseudonym) }
            switch row.source {
            case "lesson":
                if let pseudonym = row.pseudonym, !row.review { stagePeople[row.module, default: [:]][row.step, default: []].insert(pseudonym) }
                guard row.attempt == 1, !row.review, let correct = row.correct else { continue }
                firstTries[row.module, default: [:]][row.step, default: [:]][row.language, default: .init()].answered += 1
                if correct { firstTries[row.module, default: [:]][row.step, default: [:]][row.language, default: .init()].right += 1 }
                languages.insert(row.language)
            default:
                sessionRows[row.session ?? "", default: []].append(row)
                // A skipped question's answers are kept as given and counted for nobody, as in the text report.
                guard !row.skipped else { continue }
                let correct = row.correct ?? false
                firstTries[row.module, default: [:]][row.step, default: [:]][row.language, default: .init()].answered += 1
                if correct { firstTries[row.module, default: [:]][row.step, default: [:]][row.language, default: .init()].right += 1 }
                languages.insert(row.language)
            }
        }
        weeks = weekPeople.map { Week(monday: $0.key, participants: $0.value.count) }.sorted { $0.monday < $1.monday }
        funnels = modules.map { module in
            let people = stagePeople[module.id] ?? [:]
            return Funnel(module: module.id, title: module.title,
                          started: people.values.reduce(into: Set<String>()) { $0.formUnion($1) }.count,
                          stages: module.questions.map { Funnel.Stage(step: $0.id, prompt: module.facts.resolve($0.prompt, locale: "fr"),
                                                                       participants: people[$0.id]?.count ?? 0) })
        }
        questions = modules.flatMap { module in
            module.questions.map { Question(module: module.id, step: $0.id, prompt: module.facts.resolve($0.prompt, locale: "fr"),
                                            byLanguage: firstTries[module.id]?[$0.id] ?? [:]) }
        }
        sessions = sessionRows.map { id, rows in
            var perStep: [String: Int] = [:]
            for row in rows { perStep[row.step, default: 0] += 1 }
            let counted = rows.filter { !$0.skipped }
            return QuizSession(id: id, module: rows[0].module, day: String(rows.map(\.at).min()?.prefix(10) ?? ""),
                               players: perStep.values.max() ?? 0, answers: counted.count, right: counted.filter { $0.correct == true }.count)
        }.sorted { ($0.day, $0.id) < ($1.day, $1.id) }
        self.languages = languages.sorted()
    }

    /// The Monday (yyyy-mm-dd) of the ISO week of an export's `at` (`2026-11-29T19:45:00Z`).
    static func monday(of at: String) -> String {
        let parts = at.prefix(10).split(separator: "-").compactMap { Int64($0) }
        guard parts.count == 3 else { return String(at.prefix(10)) }
        let days = daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
        let weekday = ((days % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday: 0 = Monday
        let iso = ProgressStore.iso8601((days - weekday) * 86_400_000)
        return String(iso.prefix(10))
    }

    /// Howard Hinnant's days-from-civil: days since 1970-01-01.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
