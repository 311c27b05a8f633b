import AtelierEngine
import AtelierQuiz
import AtelierText
import Foundation
import Testing

/// The projector's QR code as a phone sees it: the screen's text drawn into pixels as a terminal with a light or a
/// dark background would show it, then read by a real decoder (zbarimg, from zbar-tools).
@Suite struct QRCodeTests {
    static let address = "http://192.168.1.20:8080/?code=4821"

    /// A terminal's default colours, as grey levels.
    struct Theme: CustomStringConvertible {
        var foreground: UInt8
        var background: UInt8
        var description: String { background > foreground ? "light terminal" : "dark terminal" }
        static let light = Theme(foreground: 0, background: 255)
        static let dark = Theme(foreground: 230, background: 30)
    }

    /// Rows of terminal text as a greyscale picture: each cell 4 pixels wide and 8 high (so that a half block is a
    /// square module of 4), with a margin of the terminal's own background around the screen. Half blocks are drawn
    /// exactly; other letters as a blot of the foreground colour, as text looks to a camera.
    static func picture(_ rows: [String], width: Int, theme: Theme) -> (pixels: [UInt8], width: Int, height: Int) {
        let margin = 16, cellWidth = 4, cellHeight = 8
        let pixelWidth = width * cellWidth + 2 * margin, pixelHeight = rows.count * cellHeight + 2 * margin
        var pixels = [UInt8](repeating: theme.background, count: pixelWidth * pixelHeight)
        func fill(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ level: UInt8) {
            for row in y..<(y + h) { for column in x..<(x + w) { pixels[row * pixelWidth + column] = level } }
        }
        for (line, text) in rows.enumerated() {
            var foreground = theme.foreground, background = theme.background
            var cell = 0
            var scalars = text.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                if scalar == "\u{1B}" {
                    // SGR: `ESC [ n;n m`; the colours the QR code uses, the rest (bold) leaves the grey as it is.
                    var parameters = ""
                    _ = scalars.next()  // [
                    while let next = scalars.next(), next != "m" { parameters.unicodeScalars.append(next) }
                    for parameter in parameters.split(separator: ";", omittingEmptySubsequences: false).map({ Int($0) ?? 0 }) {
                        switch parameter {
                        case 0: (foreground, background) = (theme.foreground, theme.background)
                        case 30: foreground = 0
                        case 37, 97: foreground = 255
                        case 40: background = 0
                        case 47: background = 229
                        case 107: background = 255
                        default: break
                        }
                    }
                    continue
                }
                let columns = max(1, DisplayWidth.of(scalar))
                if DisplayWidth.of(scalar) == 0 { continue }  // combining marks: part of the cell before
                let x = margin + cell * cellWidth, y = margin + line * cellHeight
                fill(x, y, columns * cellWidth, cellHeight, background)
                switch scalar {
                case " ": break
                case "█": fill(x, y, cellWidth, cellHeight, foreground)
                case "▀": fill(x, y, cellWidth, cellHeight / 2, foreground)
                case "▄": fill(x, y + cellHeight / 2, cellWidth, cellHeight / 2, foreground)
                default: fill(x + 1, y + 2, columns * cellWidth - 2, cellHeight - 4, foreground)
                }
                cell += columns
            }
        }
        return (pixels, pixelWidth, pixelHeight)
    }

    /// What zbarimg reads in the picture; nil when it finds no code.
    static func decode(_ picture: (pixels: [UInt8], width: Int, height: Int)) throws -> String? {
        let zbarimg = try #require(["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "zbarimg is missing: apt-get install zbar-tools (make test installs it)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-qr-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: file) }
        try (Data("P5\n\(picture.width) \(picture.height)\n255\n".utf8) + Data(picture.pixels)).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }  // 4: no code found
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    func lobby(color: Bool, qr: QRCode.Drawing?) -> [String] {
        var game = QuizGame(questions: ProjectorScreenTests.content.questions)
        for (number, name) in ["Amélie", "عائشة", "ሰላማዊት", "小明", "தமிழ்செல்வி"].enumerated() {
            _ = game.reduce(.playerJoined(id: "p\(number)", nickname: name, language: "fr", participant: nil, at: Instant(milliseconds: 0)))
        }
        let room = ProjectorScreen.Room(address: "http://192.168.1.20:8080", code: "4821", qr: qr)
        return ProjectorScreen(content: ProjectorScreenTests.content, style: TerminalStyle(width: 120, height: 40, color: color))
            .render(game, room: room, now: Instant(milliseconds: 0)).rows
    }

    /// The default with colours reads on both terminals; without colours, each terminal has its drawing, and the
    /// other one (dark on a light terminal) is what phones cannot read: the reason for `--qr`.
    @Test(arguments: [
        (true, nil, Theme.light, true), (true, nil, Theme.dark, true),
        (true, QRCode.Drawing.colors, Theme.light, true), (true, QRCode.Drawing.colors, Theme.dark, true),
        (false, nil, Theme.dark, true), (false, QRCode.Drawing.dark, Theme.dark, true), (false, QRCode.Drawing.light, Theme.light, true),
        (false, QRCode.Drawing.dark, Theme.light, false), (false, QRCode.Drawing.light, Theme.dark, false),
    ] as [(Bool, QRCode.Drawing?, Theme, Bool)])
    func theProjectorsQRCodeDecodesToTheJoinAddress(color: Bool, qr: QRCode.Drawing?, theme: Theme, reads: Bool) throws {
        let rows = lobby(color: color, qr: qr)
        #expect(rows.count <= 40)
        let decoded = try Self.decode(Self.picture(rows, width: 120, theme: theme))
        #expect(decoded == (reads ? Self.address : nil), "\(theme), colours \(color), --qr \(qr?.rawValue ?? "auto")")
    }

    @Test(arguments: QRCode.Drawing.allCases)
    func aQuietZoneOfFourModulesOnEverySide(drawing: QRCode.Drawing) throws {
        let code = try #require(QRCode(Self.address))
        let lines = code.lines(drawing)
        #expect(lines.count == (code.side + 8 + 1) / 2)
        let cells = lines.map { line in
            line.replacingOccurrences(of: "\u{1B}[30;47;107m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "").map { $0 }
        }
        #expect(cells.allSatisfy { $0.count == code.width } && code.width == code.side + 8)
        // Light is a space where the dark modules are drawn, a full block where the light ones are.
        let light: Character = drawing == .dark ? "█" : " "
        for row in 0..<2 { #expect(cells[row].allSatisfy { $0 == light }, "row \(row)") }  // 4 modules above
        for row in cells.indices.dropFirst(2) { #expect(cells[row].prefix(4).allSatisfy { $0 == light } && cells[row].suffix(4).allSatisfy { $0 == light }) }
        // Below: the last code row shares its line with the first quiet one, then 2 lines are quiet.
        for row in cells.indices.suffix(2) { #expect(cells[row].allSatisfy { $0 == light }, "row \(row)") }
        #expect(!cells[cells.count - 3].allSatisfy { $0 == light })
        if drawing == .colors { #expect(lines.allSatisfy { $0.hasPrefix("\u{1B}[30;47;107m") && $0.hasSuffix("\u{1B}[0m") }) }
    }
}
