/// A module open at the kiosk: the lesson engine for the participant's language, its state, and whether the
/// glossary is shown.
public struct KioskLesson: Sendable, Equatable {
    public var module: Int
    public var engine: LessonEngine
    public var state: LessonState
    public var glossaryOpen = false

    public init(module: Int, engine: LessonEngine, state: LessonState, glossaryOpen: Bool = false) {
        self.module = module
        self.engine = engine
        self.state = state
        self.glossaryOpen = glossaryOpen
    }

    public static func == (a: KioskLesson, b: KioskLesson) -> Bool {
        a.module == b.module && a.state == b.state && a.glossaryOpen == b.glossaryOpen
            && a.engine.content.matchLocale == b.engine.content.matchLocale
    }
}
