import AtelierEngine
import AtelierStore
import Foundation

/// Writes quiz answers to the progress store on a thread of its own, in group commits: the answers that
/// arrive while one transaction is on disk go together into the next. A player's answer is acknowledged only
/// once its transaction is committed, and the room never waits for the disk.
public final class QuizRecorder: @unchecked Sendable {
    public let store: ProgressStore
    let session: String
    let module: String
    private let condition = NSCondition()
    private var pending: [(record: QuizAnswerRecord, done: @Sendable (Bool) -> Void)] = []
    private var stopped = false
    private var thread: Thread?
    /// Answers the store refused (a full disk, a file made read-only): the projector shows the count.
    public private(set) var failures = 0

    public init(store: ProgressStore, session: String, module: String) {
        self.store = store
        self.session = session
        self.module = module
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "atelier-quiz-recorder"
        self.thread = thread
        thread.start()
    }

    /// Queues one answer; `done` runs on the recorder's thread once it is committed (true) or refused (false).
    public func record(_ record: QuizAnswerRecord, done: @escaping @Sendable (Bool) -> Void) {
        condition.lock()
        pending.append((record, done))
        condition.signal()
        condition.unlock()
    }

    public var failureCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return failures
    }

    /// Writes what is queued and stops the thread.
    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
        while true {
            condition.lock()
            let finished = thread == nil
            condition.unlock()
            if finished { return }
            usleep(1000)
        }
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            let finish = stopped && batch.isEmpty
            condition.unlock()
            if finish { break }
            var committed = true
            do {
                try store.recordQuizAnswers(session: session, module: module, batch.map(\.record))
            } catch {
                committed = false
                condition.lock()
                failures += batch.count
                condition.unlock()
            }
            for item in batch { item.done(committed) }
        }
        condition.lock()
        thread = nil
        condition.unlock()
    }
}
