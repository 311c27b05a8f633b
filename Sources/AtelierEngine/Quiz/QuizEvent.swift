/// What happened in the room, as the game hears it: players' messages and the facilitator's keys, each
/// with the server's time (the server owns the time; the game reads no clock).
public enum QuizEvent: Hashable, Sendable {
    case playerJoined(id: String, nickname: String, language: String, participant: String?, at: Instant)
    case playerLeft(id: String)
    case playerRejoined(id: String)
    case answerSubmitted(player: String, choice: String, at: Instant)
    /// Room mode (no phones): the facilitator keys a team's answer as it is said aloud, `b3` for team B's third
    /// choice. Both as typed, checked by the game: a letter that is no team, a number that is no choice, are refused.
    case teamAnswerKeyed(team: Character, option: Int, at: Instant)
    /// The facilitator starts the quiz, or opens the next question.
    case nextRequested(at: Instant)
    /// Time passes (the shell ticks); locks the answers when the question's time is up.
    case clockTicked(at: Instant)
    /// The facilitator locks the answers before the time is up (the right answer is not shown yet).
    case closeRequested
    /// The facilitator shows the right answer and the distribution of a question whose answers are locked.
    case revealRequested(at: Instant)
    case pauseRequested(at: Instant)
    case resumeRequested(at: Instant)
    case skipRequested
    /// The player is removed and barred: their device coming back is refused for the rest of the game.
    case kickRequested(player: String)
    /// No new player may join (those already in still come back after a lost connection); or again open.
    case lockRequested(Bool)
    case endRequested
}

/// What the shell must do: tell players and the projector, and record.
public enum QuizEffect: Hashable, Sendable {
    case joined(player: String)
    case refused(player: String, QuizRefusal)
    case acknowledged(player: String, question: Int)
    case playersChanged
    case questionOpened(index: Int, closesAt: Instant)
    case answerCountChanged(index: Int, count: Int)
    /// Time is up or the facilitator closed the question: no more answers, the right one not shown yet.
    case answersLocked(index: Int)
    /// The facilitator revealed the results (the right answer, the distribution, the scores).
    case questionClosed(index: Int)
    case paused(remaining: Int64)
    case resumed(closesAt: Instant)
    case questionSkipped(index: Int)
    case kicked(player: String)
    case lockChanged(locked: Bool)
    case finished
    case recordAnswer(index: Int, QuizAnswer)
    /// Room mode: the facilitator keyed this team's answer; `replaced`, the choice it had before (the facilitator
    /// misheard), nil for its first. Written to the data file when the answers are locked, not now (`recordAnswer`).
    case teamAnswered(team: String, index: Int, choice: String, replaced: String?)
}

public enum QuizRefusal: String, Hashable, Sendable {
    /// `paused`: an answer while the facilitator has paused the question (it will open again; not `late`).
    /// `nicknameLookAlike`: the nickname differs from one in the room only by letters of another script drawn the
    /// same (ICU's confusable skeleton); `nicknameTaken`: it is the same name (matching key).
    case nicknameTaken, nicknameLookAlike, nicknameEmpty, late, paused, alreadyAnswered, noQuestionOpen, unknownChoice, unknownPlayer, gameOver
    /// The facilitator locked the game: no new player.
    case locked
    /// This player was removed by the facilitator: their device stays out.
    case barred
    /// Room mode: the letter the facilitator keyed is not one of the room's teams.
    case unknownTeam
}
