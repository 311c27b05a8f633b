@testable import AtelierText

/// A small deterministic generator (SplitMix64) so that "random" cases are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Short sample sentences in every language the tests cover.
enum Samples {
    static let paragraphs: [String: String] = [
        "fr": "Le récépissé prouve que vous avez déposé votre demande à la préfecture.",
        "en": "The receipt proves that you have filed your application with the prefecture.",
        "ar": "الإيصال يثبت أنك قدمت طلبك إلى المحافظة (الولاية) في الوقت المحدد.",
        "prs": "رسید ثابت می‌کند که شما درخواست خود را به ولایت داده‌اید.",
        "ps": "رسید ښيي چې تاسو خپله غوښتنه ولایت ته سپارلې ده.",
        "ti": "እቲ ቅብሊት ሕቶኻ ናብ ፕረፈክቱር ከም ዘእቶኻ የረጋግጽ።",
        "am": "ደረሰኙ ማመልከቻዎን ለፕሪፌክቸር እንዳስገቡ ያረጋግጣል።",
        "bn": "রসিদ প্রমাণ করে যে আপনি প্রিফেকচারে আপনার আবেদন জমা দিয়েছেন।",
        "ta": "நீங்கள் உங்கள் விண்ணப்பத்தை மாகாண அலுவலகத்தில் சமர்ப்பித்ததை ரசீது நிரூபிக்கிறது.",
        "zh": "回执证明您已经向省政府提交了申请。请保管好所有文件的复印件。",
        "ru": "Квитанция подтверждает, что вы подали заявление в префектуру.",
        "uk": "Квитанція підтверджує, що ви подали заяву до префектури.",
        "tr": "Makbuz, başvurunuzu valiliğe yaptığınızı kanıtlar. Işık ılık, İstanbul.",
    ]
}
