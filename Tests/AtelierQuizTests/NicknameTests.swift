import AtelierQuiz
import Testing

@Suite struct NicknameTests {
    @Test(arguments: [
        ("Amina", "Amina"),
        ("  Amina  ", "Amina"),
        ("\u{1B}[2JAmina", "Amina"),
        ("Ami\u{1B}]52;c;ZXZpbA==\u{07}na", "Amina"),
        ("\u{1B}]8;;http://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "click"),
        ("\u{9B}31mAmina", "Amina"),
        ("\u{202E}anima", "anima"),
        ("Am\u{200B}in\u{FEFF}a", "Amina"),
        ("two\nlines", "two lines"),
        ("عائشة", "عائشة"),
        ("نرگس\u{200C}گل", "نرگس\u{200C}گل"),
        ("ሰላማዊት", "ሰላማዊት"),
        ("தமிழ்செல்வி", "தமிழ்செல்வி"),
        ("小明", "小明"),
        ("abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwx"),
        ("\u{1B}[2J\u{200B}", ""),
    ])
    func nicknamesAreMadeSafeToShow(raw: String, expected: String) {
        #expect(Nickname.clean(raw) == expected)
    }
}
