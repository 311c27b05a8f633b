import AtelierEngine
import AtelierStore
import Foundation

// atelier-stress record --data FILE --participant NAME --count N [--start I]
//   Records N answers, one durable transaction each, and prints "ack I" after each commit: the store's
//   crash test kills it at random moments and checks that every acknowledged answer survived; two of them
//   running at once check that writers wait for each other instead of failing.

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
guard arguments.first == "record", let path = option("--data"), let name = option("--participant"),
      let count = option("--count").flatMap(Int.init) else {
    FileHandle.standardError.write(Data("usage: atelier-stress record --data FILE --participant NAME --count N [--start I]\n".utf8))
    exit(2)
}
let start = option("--start").flatMap(Int.init) ?? 0

do {
    let store = try ProgressStore(path: path)
    let now = Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
    let participant: Participant
    switch try store.signIn(pseudonym: name, pin: nil, at: now) {
    case .success(let found): participant = found
    case .failure:
        guard case .success(let created) = try store.createParticipant(pseudonym: name, pin: nil, language: "ar", at: now) else {
            // Another process created it meanwhile.
            guard case .success(let found) = try store.signIn(pseudonym: name, pin: nil, at: now) else { exit(3) }
            participant = found
            break
        }
        participant = created
    }
    for index in start..<(start + count) {
        let at = Instant(milliseconds: now.milliseconds + Int64(index))
        let attempt = Attempt(moduleID: "stress", moduleVersion: 1, stepID: "q\(index % 50)", stepKind: "choice",
                              response: "answer-\(index)", correct: index % 3 != 0, credit: index % 3 != 0 ? 1 : 0,
                              attempt: 1, hintUsed: false, milliseconds: 1200, language: "ar", review: false, at: at)
        let progress = SavedProgress(moduleID: "stress", moduleVersion: 1, currentStep: "q\((index + 1) % 50)",
                                     history: [], records: [:], reviewQueue: [], completed: false, seed: 1,
                                     startedAt: now, completedAt: nil)
        try store.record(attempt, progress: progress, participant: participant.id)
        FileHandle.standardOutput.write(Data("ack \(index)\n".utf8))  // unbuffered: a kill loses no ack
    }
} catch {
    FileHandle.standardError.write(Data("atelier-stress: \(error)\n".utf8))
    exit(1)
}
