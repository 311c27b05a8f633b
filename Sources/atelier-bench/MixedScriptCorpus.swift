/// The layout benchmark's input: French, Arabic, Tigrinya and Chinese paragraphs, as a lesson file holds
/// them, repeated with variation up to the requested size. Deterministic, so runs compare.
enum MixedScriptCorpus {
    static let sentences: [[String]] = [
        ["Le récépissé prouve que vous avez déposé votre demande à la préfecture.",
         "Gardez toujours une copie de chaque document dans un dossier.",
         "Dans une coopérative, une personne a une voix, quel que soit son capital.",
         "La CAE vous accueille d'abord avec un CAPE, puis avec un CESA."],
        ["الإيصال يثبت أنك قدمت طلبك إلى المحافظة (الولاية) في الوقت المحدد.",
         "احتفظ دائمًا بنسخة من كل وثيقة في ملف خاص.",
         "في التعاونية، لكل شخص صوت واحد مهما كان رأس ماله.",
         "تستقبلك CAE أولاً بعقد CAPE ثم بعقد CESA."],
        ["እቲ ቅብሊት ሕቶኻ ናብ ፕረፈክቱር ከም ዘእቶኻ የረጋግጽ።",
         "ካብ ነፍሲ ወከፍ ሰነድ ቅዳሕ ኣብ ፋይል ሓዝ።",
         "ኣብ ኮፐራቲቭ ነፍሲ ወከፍ ሰብ ሓደ ድምጺ ኣለዎ።",
         "CAE ብመጀመርታ ብ CAPE ትቕበለካ፡ ድሕሪኡ ብ CESA።"],
        ["回执证明您已经向省政府提交了申请。",
         "请把每份文件的复印件保存在一个文件夹里。",
         "在合作社里，每个人都有一票，不论出资多少。",
         "CAE首先通过CAPE合同接待您，然后是CESA合同。"],
    ]

    static func make(bytes target: Int) -> [UInt8] {
        var generator: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            generator = generator &* 6364136223846793005 &+ 1442695040888963407
            return Int((generator >> 33) % UInt64(bound))
        }
        var out: [UInt8] = []
        out.reserveCapacity(target + 4096)
        var language = 0
        while out.count < target {
            let pool = sentences[language % sentences.count]
            let count = 3 + next(8)
            let paragraph = (0..<count).map { _ in pool[next(pool.count)] }.joined(separator: " ")
            out.append(contentsOf: paragraph.utf8)
            out.append(0x0A)
            if next(4) == 0 { out.append(0x0A) }
            language += 1
        }
        return out
    }
}
