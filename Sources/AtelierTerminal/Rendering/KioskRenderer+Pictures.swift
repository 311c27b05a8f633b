import AtelierContent
import AtelierEngine
import AtelierText

/// The screens of a profile made or opened with three pictures (issue #19).
extension KioskRenderer {
    /// The picture screen: the title, the twelve pictures (number, symbol, name in the participant's language),
    /// the pictures chosen so far, what to do, and the command bar. Everything fits at 40x15 as at 80x24: the
    /// grid takes as many columns as the names leave room for (four at 80 columns, two at 40), and blank lines
    /// are added only where the height allows.
    public static func pictures(_ choice: PictureChoice, notice: String?, strings: InterfaceStrings, style: TerminalStyle) -> Screen {
        let direction = strings.language.direction
        var head = ScreenBuilder(style: style, direction: direction)
        header(&head, title: strings.text(choice.purpose == .newProfile ? "pictures.new-title" : "pictures.sign-in-title"),
               strings: strings)

        // The chosen pictures as symbols, with a mark for each one still to choose. Their names are not
        // repeated here (nor read aloud): in a shared room, only how many are chosen is said.
        var chosen = ScreenBuilder(style: style, direction: direction)
        let slots = choice.chosen.map(\.symbol) + Array(repeating: "__", count: max(0, PictureChoice.length - choice.chosen.count))
        chosen.paragraph(strings.text("pictures.count", ["count": .number(Double(choice.chosen.count))]) + "  " + slots.joined(separator: " "))

        var instruction = ScreenBuilder(style: style, direction: direction)
        instruction.paragraph(notice ?? strings.text(choice.isComplete ? "pictures.confirm" : "pictures.choose"))

        var commands = ScreenBuilder(style: style, direction: direction)
        bar(&commands, ["< " + strings.text(choice.chosen.isEmpty ? "commands.back" : "commands.remove"),
                        "L " + strings.text("commands.listen")])

        let grid = pictureGrid(strings: strings, style: style)
        // Blank lines where there is room, the most useful first: under the title, over the command bar, around
        // the grid; then between the grid's rows.
        var sections = [head.rows, grid, chosen.rows, instruction.rows, commands.rows]
        var room = style.height - sections.reduce(0) { $0 + $1.count }
        var gaps = [false, false, false, false]
        for gap in [0, 3, 1] where room > 0 {
            gaps[gap] = true
            room -= 1
        }
        let spaced = room >= grid.count - 1
        if spaced { sections[1] = grid.enumerated().flatMap { $0.offset == 0 ? [$0.element] : ["", $0.element] } }
        // Where each part begins, so that the listen key reads from the page shown (as on every screen).
        let parts: [[ScreenPart]] = [[.title], [], [.text], [.instruction], [.commands]]
        let columns = Picture.allCases.count / max(1, grid.count)
        var rows: [String] = []
        var marks: [String: Int] = [:]
        for (index, section) in sections.enumerated() {
            for part in parts[index] { marks[part.name] = rows.count }
            if index == 1 {
                for picture in Picture.allCases {
                    marks[ScreenPart.option(picture.number).name] = rows.count + (picture.number - 1) / columns * (spaced ? 2 : 1)
                }
            }
            rows += section
            if index < gaps.count, gaps[index] { rows.append("") }
        }
        return Screen(rows: rows, marks: marks)
    }

    /// The twelve pictures in rows: `12 ☔ parapluie`, each cell as wide as the terminal allows for its columns.
    /// Right to left (`--bidi app`), the cells are drawn from the right, each with its number at its right end,
    /// where reading starts, and the rows right-aligned, as `keyed` draws numbered options.
    static func pictureGrid(strings: InterfaceStrings, style: TerminalStyle) -> [String] {
        let builder = ScreenBuilder(style: style, direction: strings.language.direction)
        let mirrored = strings.language.direction == .rightToLeft && style.bidi == .app
        let gap = 2
        let numberWidth = 2
        let fixed = numberWidth + 1 + 2 + 1  // "12 ☔ "
        let names = Picture.allCases.map { strings.text($0.nameKey) }
        let needed = fixed + (names.map { DisplayWidth.of($0) }.max() ?? 0)
        let columns = [4, 3, 2].first { $0 * needed + ($0 - 1) * gap <= style.width } ?? 2
        let cellWidth = (style.width - (columns - 1) * gap) / columns
        let cells = Picture.allCases.map { picture -> String in
            // A name too long for its cell is cut (the number and the symbol say which picture it is).
            let name = DisplayWidth.truncate(names[picture.number - 1], to: max(1, cellWidth - fixed))
            let number = String(repeating: " ", count: max(0, numberWidth - String(picture.number).count)) + String(picture.number)
            let cell: String
            if mirrored {
                let layout = TextLayout(width: DisplayWidth.of(name) + 2, direction: .forced(builder.natural(name)), bidi: style.bidi)
                let shown = String((layout.lines(name).first ?? "").drop { $0 == " " })
                cell = shown + " " + picture.symbol + " " + number
            } else {
                let layout = TextLayout(width: DisplayWidth.of(name) + 2, direction: .forced(.leftToRight), bidi: style.bidi)
                cell = number + " " + picture.symbol + " " + (layout.lines(name).first ?? name)
            }
            let pad = String(repeating: " ", count: max(0, cellWidth - DisplayWidth.of(cell)))
            return mirrored ? pad + cell : cell + pad
        }
        let space = String(repeating: " ", count: gap)
        return stride(from: 0, to: cells.count, by: columns).map { start in
            let row = Array(cells[start..<min(cells.count, start + columns)])
            if mirrored {
                let line = row.reversed().joined(separator: space)
                return String(repeating: " ", count: max(0, style.width - DisplayWidth.of(line))) + line
            }
            var line = row.joined(separator: space)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The list of pseudonyms to sign in, with the picture key under it. A profile made with pictures is shown as
    /// its pictures, in the screen's direction (the first one where reading starts).
    /// `otherSite`: with sync on, how to open a profile made at another site, among the instructions (above the key
    /// bar, where a tester found it missing when it was drawn after the bar).
    public static func profileList(_ list: [KioskProfile], notice: String?, otherSite: String? = nil, strings: InterfaceStrings,
                                   style: TerminalStyle) -> Screen {
        var screen = ScreenBuilder(style: style, direction: strings.language.direction)
        header(&screen, title: strings.text("profile.choose"), strings: strings)
        for (index, profile) in list.enumerated() {
            let pictures = PictureChoice.pictures(inPseudonym: profile.pseudonym) != nil
            screen.mark(.option(index + 1))
            screen.keyed(index + 1, Picture.shown(pseudonym: profile.pseudonym), direction: pictures ? screen.direction : nil)
        }
        screen.blank()
        if let notice {
            screen.mark(.notice)
            screen.paragraph(notice)
        }
        screen.mark(.instruction)
        screen.paragraph(strings.text("pictures.offer"))
        if let otherSite { screen.paragraph(otherSite) }
        pictureKeyBar(&screen, strings: strings)
        return screen.screen
    }

    /// The command bar of the screens where a pseudonym is typed or chosen: `*` opens the pictures.
    public static func pictureKeyBar(_ screen: inout ScreenBuilder, strings: InterfaceStrings) {
        bar(&screen, [KioskFlow.picturesKey + " " + strings.text("commands.pictures"), "< " + strings.text("commands.back"),
                           "L " + strings.text("commands.listen")])
    }
}
