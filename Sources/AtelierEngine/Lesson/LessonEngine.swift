import AtelierContent

/// The lesson walk as a pure state machine: `state + event -> new state + effects`.
///
/// No terminal, clock, store or network in here: the shell feeds events (with their time) and carries out
/// the effects. Events that make no sense in the current state (an answer on a text page, "continue"
/// before answering) are ignored, so no key a participant presses can break a session.
public struct LessonEngine: Sendable {
    public let content: LessonContent
    var module: Module { content.module }

    public init(content: LessonContent) {
        self.content = content
    }

    public func initialState() -> LessonState {
        LessonState(moduleID: module.id, moduleVersion: module.version)
    }

    public func reduce(_ state: inout LessonState, _ event: LessonEvent) -> [LessonEffect] {
        // The session's time runs to the last event that did something; an ignored event changes nothing.
        let before = state.lastEventAt
        if let at = event.time { state.lastEventAt = at }
        let effects = apply(&state, event)
        if effects.isEmpty { state.lastEventAt = before }
        return effects
    }

    private func apply(_ state: inout LessonState, _ event: LessonEvent) -> [LessonEffect] {
        switch event {
        case .started(let language, let seed, let previous, let at):
            guard state.status == .notStarted else { return [] }
            return start(&state, language: language, seed: seed, previous: previous, at: at)
        case .resumed(let progress, let language, let at):
            guard state.status == .notStarted else { return [] }
            return start(&state, language: language, seed: progress.seed, previous: progress, at: at)
        case .answerSubmitted(let answer, let at):
            return submit(&state, answer, at: at)
        case .hintRequested:
            guard state.status == .inProgress, let step = currentStep(state), step.hint != nil, !state.hintShown else { return [] }
            if case .feedback(_, finished: true) = state.phase { return [] }
            state.hintShown = true
            state.records[step.id, default: StepRecord()].hintUsed = true
            return [.render]
        case .backRequested(let at):
            guard state.status == .inProgress, let previous = state.history.popLast() else { return [] }
            show(&state, previous, at: at)
            return [.saveProgress(state.progress), .render]
        case .continueRequested(let at):
            return proceed(&state, at: at)
        case .languageChanged(let language):
            guard state.language != language else { return [] }
            state.language = language
            return [.render]
        case .frenchToggled:
            state.showFrench.toggle()
            return [.render]
        case .idleTimeoutElapsed:
            guard state.status == .inProgress else { return [] }
            state.status = .ended
            return [.saveProgress(state.progress), .ended]
        }
    }

    // MARK: - Starting

    private func start(_ state: inout LessonState, language: String, seed: UInt64, previous: SavedProgress?,
                       at: Instant) -> [LessonEffect] {
        state.language = language
        state.status = .inProgress
        state.seed = previous?.seed ?? seed
        state.startedAt = at
        state.moduleVersion = module.version
        guard let previous else {
            guard let first = firstStep() else { return complete(&state, at: at) }
            show(&state, first, at: at)
            return [.saveProgress(state.progress), .render]
        }
        // Whatever changed in the module since, keep what still exists.
        let exists = Set(module.steps.map(\.id))
        let questions = Set(module.questions.map(\.id))
        state.records = previous.records.filter { exists.contains($0.key) }
        state.history = previous.history.filter(exists.contains)
        state.reviewQueue = inModuleOrder(previous.reviewQueue.filter(questions.contains))
        state.completedAt = previous.completedAt
        // Completed once and being walked again (a step is saved, not a review): resumed like a first walk below.
        let walkingAgain = previous.completed && previous.currentStep != nil && previous.reviewing != true
        if previous.completed && !walkingAgain {
            guard !state.reviewQueue.isEmpty else {
                // Done, nothing to review: the module starts again from the beginning.
                state.records = [:]
                state.history = []
                guard let first = firstStep() else { return complete(&state, at: at) }
                show(&state, first, at: at)
                return [.saveProgress(state.progress), .render]
            }
            state.mode = .review
            state.reviewSteps = state.reviewQueue
            state.history = []
            for id in state.reviewSteps {
                state.records[id, default: StepRecord()].attempts = 0
                state.records[id, default: StepRecord()].finished = false
            }
            show(&state, state.reviewSteps[0], at: at)
            return [.saveProgress(state.progress), .render]
        }
        // The time of the earlier sessions counts in the summary; the time away does not.
        state.earlierMilliseconds = previous.spentMilliseconds ?? 0
        // The nearest step that still exists: the one saved, or the last visited before it.
        let candidates = [previous.currentStep].compactMap { $0 } + previous.history.reversed()
        let resumeAt = candidates.first(where: exists.contains) ?? firstStep()
        guard let resumeAt else { return complete(&state, at: at) }
        if resumeAt != previous.currentStep, state.history.last == resumeAt { state.history.removeLast() }
        show(&state, resumeAt, at: at)
        // A question answered before the kiosk stopped is not asked again: its feedback is shown, and Enter goes on.
        if let record = state.records[resumeAt], record.finished, let step = module.step(resumeAt), !isText(step) {
            state.phase = .feedback(AnswerResult(correct: record.correct ?? true, credit: record.credit,
                                                 feedbackFor: record.chosen.map { [$0] } ?? []), finished: true)
        }
        return [.saveProgress(state.progress), .render]
    }

    // MARK: - Answering

    private func submit(_ state: inout LessonState, _ answer: Answer, at: Instant) -> [LessonEffect] {
        // An answer typed on the feedback of a wrong try, with tries left, is the next try: a participant who
        // retries at once must not lose it (it used to be taken for "continue").
        if state.status == .inProgress, case .feedback(_, finished: false) = state.phase {
            state.phase = .asking
        }
        guard state.status == .inProgress, state.phase == .asking, let step = currentStep(state) else { return [] }
        guard let result = AnswerChecker.check(answer, step: step, content: content) else { return [] }
        var record = state.records[step.id] ?? StepRecord()
        let wasFinished = record.finished
        record.attempts += 1
        record.hintUsed = record.hintUsed || state.hintShown
        let isQuestion = step.content.isQuestion
        let finished = !isQuestion || result.correct || record.attempts >= content.attempts(for: step)
        switch answer {
        case .choices(let ids) where ids.count == 1: record.chosen = ids.first
        case .option(let id): record.chosen = id
        default: break
        }
        if isQuestion && !wasFinished {
            record.credit = max(record.credit, result.credit)
            if finished && record.correct == nil { record.correct = result.correct }
        }
        record.finished = wasFinished || finished
        state.records[step.id] = record
        if isQuestion && finished {
            switch state.mode {
            case .review:
                if result.correct { state.reviewQueue.removeAll { $0 == step.id } }
            case .lesson where !wasFinished:
                if result.correct {
                    state.reviewQueue.removeAll { $0 == step.id }
                } else if !state.reviewQueue.contains(step.id) {
                    state.reviewQueue = inModuleOrder(state.reviewQueue + [step.id])
                }
            case .lesson:
                break
            }
        }
        state.phase = .feedback(result, finished: finished)
        let attempt = Attempt(moduleID: module.id, moduleVersion: module.version, stepID: step.id, stepKind: step.content.kind,
                              response: answer.recorded, correct: isQuestion ? result.correct : nil,
                              credit: isQuestion ? result.credit : nil, attempt: record.attempts,
                              hintUsed: state.hintShown, milliseconds: at.since(state.stepShownAt),
                              language: state.language, review: state.mode == .review, at: at)
        return [.recordAttempt(attempt), .saveProgress(state.progress), .render]
    }

    // MARK: - Moving on

    private func proceed(_ state: inout LessonState, at: Instant) -> [LessonEffect] {
        guard state.status == .inProgress, let step = currentStep(state) else { return [] }
        switch state.phase {
        case .feedback(_, finished: false):
            // Another try.
            state.phase = .asking
            state.stepShownAt = at
            return [.render]
        case .asking:
            guard case .text = step.content else { return [] }
            state.records[step.id, default: StepRecord()].finished = true
        case .feedback(_, finished: true):
            break
        }
        state.history.append(step.id)
        guard let next = nextStep(after: step, in: state) else { return complete(&state, at: at) }
        show(&state, next, at: at)
        return [.saveProgress(state.progress), .render]
    }

    private func show(_ state: inout LessonState, _ id: String, at: Instant) {
        state.currentStep = id
        state.phase = .asking
        state.hintShown = false
        state.stepShownAt = at
        for term in module.step(id)?.glossary ?? [] where !state.glossaryMet.contains(term) {
            state.glossaryMet.append(term)
        }
    }

    private func isText(_ step: Step) -> Bool {
        if case .text = step.content { return true }
        return false
    }

    private func complete(_ state: inout LessonState, at: Instant) -> [LessonEffect] {
        let summary: LessonSummary
        switch state.mode {
        case .lesson:
            let answered = module.questions.filter { state.records[$0.id]?.correct != nil }
            let missed = answered.filter { state.records[$0.id]?.correct == false }.map(\.id)
            summary = LessonSummary(score: answered.reduce(0) { $0 + (state.records[$1.id]?.credit ?? 0) },
                                    maximum: answered.count, milliseconds: state.spentMilliseconds(upTo: at), missed: missed,
                                    glossaryMet: state.glossaryMet, review: false)
            if state.completedAt == nil { state.completedAt = at }
        case .review:
            let missed = state.reviewSteps.filter(state.reviewQueue.contains)
            summary = LessonSummary(score: Double(state.reviewSteps.count - missed.count), maximum: state.reviewSteps.count,
                                    milliseconds: at.since(state.startedAt), missed: missed,
                                    glossaryMet: state.glossaryMet, review: true)
        }
        state.status = .completed(summary)
        state.currentStep = nil
        state.phase = .asking
        return [.saveProgress(state.progress), .completed(summary), .render]
    }

    // MARK: - Navigation

    func currentStep(_ state: LessonState) -> Step? {
        state.currentStep.flatMap(module.step)
    }

    func firstStep() -> String? {
        guard let first = module.steps.first else { return nil }
        return visible(from: first.id, records: [:])
    }

    /// The step after `step`: the option's target after a scenario, `next`, or the following one; steps
    /// whose `when` does not hold are skipped. In a review, the next question of the review.
    func nextStep(after step: Step, in state: LessonState) -> String? {
        if state.mode == .review {
            guard let index = state.reviewSteps.firstIndex(of: step.id), index + 1 < state.reviewSteps.count else { return nil }
            return state.reviewSteps[index + 1]
        }
        var target = defaultSuccessor(of: step)
        if case .scenario(_, let options) = step.content, let chosen = state.records[step.id]?.chosen,
           let option = options.first(where: { $0.id == chosen }), let next = option.next {
            target = next
        }
        return target.flatMap { visible(from: $0, records: state.records) }
    }

    /// `id`, or the first step after it whose condition holds. Bounded: unlinted content cannot loop here.
    func visible(from id: String, records: [String: StepRecord]) -> String? {
        var target: String? = id
        for _ in 0...module.steps.count {
            guard let current = target, let step = module.step(current) else { return nil }
            guard let condition = step.condition, !holds(condition, records) else { return current }
            target = defaultSuccessor(of: step)
        }
        return nil
    }

    func defaultSuccessor(of step: Step) -> String? {
        if let next = step.next { return next }
        guard let index = module.index(of: step.id), index + 1 < module.steps.count else { return nil }
        return module.steps[index + 1].id
    }

    func holds(_ condition: Step.Condition, _ records: [String: StepRecord]) -> Bool {
        switch condition {
        case .answered(let step, let correct): return records[step]?.correct == correct
        case .chose(let step, let option): return records[step]?.chosen == option
        }
    }

    func inModuleOrder(_ ids: [String]) -> [String] {
        let wanted = Set(ids)
        return module.steps.map(\.id).filter(wanted.contains)
    }
}

extension LessonState {
    /// The order in which the current participant sees a step's choices, items, meanings or options: shuffled
    /// with their seed (the same on every screen and after a resume), keyed 1, 2, 3... on screen.
    public func presentation(of step: Step) -> [String] {
        switch step.content {
        case .choice(_, let choices, _): return choices.map(\.id).seededShuffle(seed: seed, salt: step.id)
        case .order(_, let items):
            let ids = items.map(\.id)
            var shuffled = ids.seededShuffle(seed: seed, salt: step.id)
            if shuffled == ids && ids.count > 1 { shuffled.append(shuffled.removeFirst()) }  // never already solved
            return shuffled
        case .match(_, let pairs): return pairs.map(\.id).seededShuffle(seed: seed, salt: step.id + "/meanings")
        case .scenario(_, let options): return options.map(\.id)
        case .trueFalse: return ["true", "false"]
        case .text, .input, .reflection: return []
        }
    }
}
