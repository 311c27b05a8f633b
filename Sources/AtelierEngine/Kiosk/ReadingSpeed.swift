/// How fast a screen is read aloud, in the three steps a participant may choose. The engine's own word for it:
/// the shell turns it into the speech library's rate (AtelierSpeech sits beside the engine, not under it).
public enum ReadingSpeed: String, Sendable, CaseIterable, Hashable {
    case slow, normal, fast
}
