import AtelierEngine
import Logging
import NIOPosix
import NIOConcurrencyHelpers

/// Writes quiz answers to the progress store in group commits: the answers that arrive while one transaction is
/// on disk go together into the next. A player's answer is acknowledged only once its transaction is
/// committed, and the room never waits for the disk.
///
/// The commits are blocking SQLite calls (an fsync each), so they run on a thread of NIO's pool of their own,
/// never on Swift's cooperative threads (two on this machine: one blocked on a disk would halve the room). The
/// queue is behind a lock (`NIOLockedValueBox`); a writer is submitted only when none is running, and it drains the queue until empty.
public final class QuizRecorder: Sendable {
    /// The data file (the program gives the SQLite store).
    public let store: any QuizRecords
    let session: String
    let module: String

    typealias Done = @Sendable (Bool) -> Void

    /// What waits for the disk, in the order it happened: a skip written after the answers it voids.
    private enum Entry {
        case answer(QuizAnswerRecord, Done)
        case skip(questionIndex: Int, at: Instant)
    }

    private struct State {
        var pending: [Entry] = []
        var writing = false
        var stopped = false
        /// Answers the store refused (a full disk, a file made read-only): the projector shows the count.
        var failures = 0
    }

    private let state = NIOLockedValueBox(State())
    private let pool = NIOThreadPool(numberOfThreads: 1)
    let logger: Logger

    public init(store: any QuizRecords, session: String, module: String,
                logger: Logger = Logger(label: "atelier.quiz.recorder") { _ in SwiftLogNoOpLogHandler() }) {
        self.store = store
        self.session = session
        self.module = module
        self.logger = logger
        pool.start()
    }

    /// Queues one answer; `done` runs on the writer's thread once it is committed (true) or refused (false).
    /// After `stop()`, an answer is refused at once.
    public func record(_ record: QuizAnswerRecord, done: @escaping @Sendable (Bool) -> Void) {
        if !enqueue(.answer(record, done)) { done(false) }
    }

    /// Queues the facilitator's skip of a question (after the answers already queued). Refused after `stop()`,
    /// like an answer; a failure is counted with the answers' on the projector.
    public func skip(questionIndex: Int, at now: Instant) {
        _ = enqueue(.skip(questionIndex: questionIndex, at: now))
    }

    /// False when stopped.
    private func enqueue(_ entry: Entry) -> Bool {
        let startWriter = state.withLockedValue { state -> Bool? in
            if state.stopped { return nil }
            state.pending.append(entry)
            if state.writing { return false }
            state.writing = true
            return true
        }
        switch startWriter {
        case nil: return false
        case true?: pool.submit { [self] _ in drain() }
        case false?: break  // the running writer takes it with the next batch
        }
        return true
    }

    public var failureCount: Int { state.withLockedValue { $0.failures } }

    /// Writes what is queued, then stops the writer's thread. Answers recorded later are refused.
    public func stop() {
        state.withLockedValue { $0.stopped = true }
        // Waits for the submitted writer, which drains the queue before it returns.
        try? pool.syncShutdownGracefully()  // fails only when already shut down: stop() called twice
    }

    /// Batches until the queue is empty; the writer flag goes down in the same lock that sees it empty, so an
    /// answer queued after that starts a new writer.
    private func drain() {
        while true {
            let batch = state.withLockedValue { state -> [Entry] in
                let batch = state.pending
                state.pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            if batch.isEmpty { return }
            // Runs of answers go in one transaction each; a skip between them keeps its place.
            var answers: [(record: QuizAnswerRecord, done: Done)] = []
            for entry in batch {
                switch entry {
                case .answer(let record, let done):
                    answers.append((record, done))
                case .skip(let index, let at):
                    write(answers)
                    answers.removeAll(keepingCapacity: true)
                    do {
                        try store.recordQuizSkip(session: session, questionIndex: index, at: at)
                    } catch {
                        state.withLockedValue { $0.failures += 1 }
                        logger.error("a skipped question could not be written", metadata: ["error": "\(error)"])
                    }
                }
            }
            write(answers)
        }
    }

    private func write(_ batch: [(record: QuizAnswerRecord, done: Done)]) {
        guard !batch.isEmpty else { return }
        var committed = true
        do {
            try store.recordQuizAnswers(session: session, module: module, batch.map(\.record))
        } catch {
            committed = false
            state.withLockedValue { $0.failures += batch.count }
            // The data file's own words (SQLite's, the file system's); never an answer or a nickname.
            logger.error("answers could not be written", metadata: ["answers": "\(batch.count)", "error": "\(error)"])
        }
        for item in batch { item.done(committed) }
    }
}
