/// The limits of the group-quiz protocol (docs/quiz-protocol.md): what the host accepts from anyone on the
/// room's Wi-Fi.
public enum QuizProtocol {
    public static let version = 1
    /// A frame or message above this closes its connection; nothing honest comes near it.
    public static let maxMessageBytes = 4096
    public static let maxNicknameCharacters = 24
    /// Malformed messages a connection may send before the host closes it.
    public static let maxBadMessages = 20
    /// Messages queued for a client that does not read; past it the oldest error goes, then the oldest state message
    /// (each carries the whole state); welcome, ack and kicked are kept (docs/quiz-protocol.md, "Limits").
    public static let outboundBuffer = 64
}
