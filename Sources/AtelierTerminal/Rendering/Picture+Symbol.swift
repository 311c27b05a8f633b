import AtelierEngine

/// How the terminal draws a picture: one emoji.
///
/// Why an emoji and not a few characters: a participant who cannot read must recognise the thing at a glance,
/// and no three-character drawing of a key or a bird does that. An emoji is safe only where the kiosk and the
/// terminal agree on its width (two columns), or every row after it is shifted. So each one is a single code
/// point with Emoji_Presentation and East Asian Width W, in Unicode since 6.0: AtelierText (ICU) measures it 2,
/// and so does glibc's wcwidth (measured on Debian 12) and every terminal that follows Unicode 9 or later. The
/// obvious ☀ (sun) and ☂ (umbrella) are left out on purpose: they are one column wide unless followed by VS16,
/// which ICU counts as 2 and most terminals as 1. The number and the name are always drawn beside the symbol,
/// so a terminal without an emoji font still shows which picture is which.
extension Picture {
    public var symbol: String {
        switch self {
        case .sun: return "\u{1F31E}"        // 🌞 sun with face
        case .moon: return "\u{1F319}"       // 🌙 crescent moon
        case .tree: return "\u{1F333}"       // 🌳 deciduous tree
        case .fish: return "\u{1F41F}"       // 🐟 fish
        case .house: return "\u{1F3E0}"      // 🏠 house building
        case .key: return "\u{1F511}"        // 🔑 key
        case .bicycle: return "\u{1F6B2}"    // 🚲 bicycle
        case .apple: return "\u{1F34E}"      // 🍎 red apple
        case .flower: return "\u{1F337}"     // 🌷 tulip
        case .umbrella: return "\u{2614}"    // ☔ umbrella with rain drops (W, unlike ☂)
        case .hand: return "\u{270B}"        // ✋ raised hand
        case .bird: return "\u{1F426}"       // 🐦 bird
        }
    }

    /// A pseudonym as the screens show it: a sequence of pictures as its symbols ("🌞 🌙 🔑"), any other as typed.
    public static func shown(pseudonym: String) -> String {
        PictureChoice.pictures(inPseudonym: pseudonym).map { $0.map(\.symbol).joined(separator: " ") } ?? pseudonym
    }
}
