import Testing
@testable import AtelierText

@Suite("Confusable skeletons")
struct ConfusableSkeletonTests {
    /// Two nicknames look alike when they share a skeleton form (`ConfusableSkeleton.forms`).
    func lookAlike(_ a: String, _ b: String) -> Bool {
        !ConfusableSkeleton.forms(of: a).isDisjoint(with: ConfusableSkeleton.forms(of: b))
    }

    @Test(arguments: [
        // Another script's letters drawn like Latin ones.
        ("Anna", "\u{0410}nna", "Cyrillic capital A"),
        ("Anna", "\u{0430}nna", "Cyrillic small a, where the room saw a capital"),
        ("Maria", "\u{041C}\u{0430}r\u{0456}\u{0430}", "four Cyrillic letters among Latin ones"),
        ("paypal", "p\u{0430}yp\u{0430}l", "Cyrillic a twice"),
        ("Alex", "\u{0391}lex", "Greek capital alpha"),
        ("NIKO", "\u{039D}\u{0399}\u{039A}\u{039F}", "all Greek"),
        ("niko", "nik\u{03BF}", "Greek small omicron"),
        // Within Latin: letters and digits a reader takes for others.
        ("Ivan", "lvan", "capital I and small l"),
        ("Omar", "0mar", "zero for O"),
        ("Karim", "Karirn", "r n for m"),
        ("Anna", "\u{0410}nna.", "Cyrillic A and a full stop"),
    ])
    func lookAlikesShareASkeleton(_ a: String, _ b: String, _ why: String) {
        #expect(lookAlike(a, b), "\(why)")
        #expect(lookAlike(b, a), "\(why)")
        #expect(MatchKey(a, locale: "root") != MatchKey(b, locale: "root"),
                "the matching key already tells them apart, so this pair is the skeleton's to catch: \(why)")
    }

    @Test(arguments: [
        ("Ivan", "\u{0418}\u{0432}\u{0430}\u{043D}", "a Cyrillic name is not its Latin transliteration"),
        ("Anna", "Ana", "one letter fewer"),
        ("Alexandre", "Alexandra", "one letter differs"),
        ("Nikos", "Nikolas", "other names"),
        // Arabic names that differ in one letter or one sign: different people.
        ("\u{062D}\u{0633}\u{0646}", "\u{062D}\u{0633}\u{064A}\u{0646}", "Hassan and Hussein"),
        ("\u{0645}\u{062D}\u{0645}\u{062F}", "\u{0623}\u{062D}\u{0645}\u{062F}", "Mohammed and Ahmed"),
        ("\u{0639}\u{0644}\u{064A}", "\u{0639}\u{0645}\u{0631}", "Ali and Omar"),
        ("\u{0646}\u{0648}\u{0631}", "\u{0646}\u{0648}\u{0631}\u{0627}", "Nour and Noura"),
        ("\u{0632}\u{064A}\u{0646}\u{0628}", "\u{0632}\u{064A}\u{0646}\u{0629}", "Zeinab and Zeina"),
        ("\u{0633}\u{0627}\u{0631}\u{0629}", "\u{0646}\u{0627}\u{062F}\u{064A}\u{0629}", "Sara and Nadia"),
        ("\u{0639}\u{0627}\u{0626}\u{0634}\u{0629}", "Aisha", "an Arabic name and its Latin spelling"),
        ("\u{5C0F}\u{660E}", "\u{5C0F}\u{7EA2}", "Xiaoming and Xiaohong"),
    ])
    func differentNamesDoNotCollide(_ a: String, _ b: String, _ why: String) {
        #expect(!lookAlike(a, b), "\(why)")
    }

    @Test func theSkeletonIsICUsNotATableOfOurs() {
        // ICU's data maps these; a home-made Latin/Cyrillic table would not know the Cherokee or the Armenian.
        #expect(ConfusableSkeleton("\u{13AA}nna") == ConfusableSkeleton("Anna"))  // Cherokee A
        #expect(ConfusableSkeleton("\u{0555}mar") == ConfusableSkeleton("Omar"))  // Armenian capital oh
        // The same Arabic name with the Arabic yeh and the Persian one (the matching key unifies them too).
        #expect(lookAlike("\u{0639}\u{0644}\u{064A}", "\u{0639}\u{0644}\u{06CC}"))
        #expect(ConfusableSkeleton("").isEmpty && ConfusableSkeleton.forms(of: "  ").isEmpty)
        // Long names grow the buffer rather than being cut.
        let long = String(repeating: "\u{FDFA}", count: 40)  // one character whose skeleton is many
        #expect(ConfusableSkeleton(long).units.count > 40)
    }
}
