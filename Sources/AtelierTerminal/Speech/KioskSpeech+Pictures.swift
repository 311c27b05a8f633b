import AtelierContent
import AtelierEngine

extension KioskSpeech {
    /// The picture screen read aloud: the title, each picture's number and name, how many are chosen, then what
    /// to do. Which pictures are chosen is never said: in a shared room the sequence is the profile's identity,
    /// like a pseudonym (only their count is).
    static func pictures(_ choice: PictureChoice, strings: InterfaceStrings, reader: inout Reader) {
        reader.add(strings.spoken(choice.purpose == .newProfile ? "pictures.new-title" : "pictures.sign-in-title"), .title)
        for picture in Picture.allCases { reader.numbered(picture.number, strings.spoken(picture.nameKey)) }
        reader.add(strings.spoken("pictures.count", ["count": .number(Double(choice.chosen.count))]), .text)
        reader.add(strings.spoken(choice.isComplete ? "pictures.confirm" : "pictures.choose"), .instruction)
    }
}
