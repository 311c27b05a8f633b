/// How fast the kiosk reads: three steps, slower than eSpeak NG's default (175 words a minute) for people
/// who are learning the language of the screen or hear it through a small loudspeaker.
public enum SpeechRate: String, Sendable, CaseIterable {
    case slow, normal, fast

    public var wordsPerMinute: Int {
        switch self {
        case .slow: return 120
        case .normal: return 150
        case .fast: return 185
        }
    }
}
