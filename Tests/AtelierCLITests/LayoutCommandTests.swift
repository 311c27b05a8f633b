import AtelierText
import Foundation
import Testing

@Suite("atelier layout, end to end", .serialized)
struct LayoutCommandTests {
    @Test func wrapsFrenchAsTheKioskWould() throws {
        let outcome = try AtelierProcess.run(["layout", "--lang", "fr", "--width", "10"],
                                             input: Data("Bonjour à tous, voici un texte.\n\nFin.\n".utf8))
        #expect(outcome.status == 0)
        #expect(outcome.rows == ["Bonjour à", "tous,", "voici un", "texte.", "", "Fin."])
    }

    @Test func dariUsesTheRegistryAndIsRightAligned() throws {
        let outcome = try AtelierProcess.run(["layout", "--lang", "prs", "--width", "10"],
                                             input: Data("سلام CAF\n".utf8))
        #expect(outcome.status == 0)
        #expect(outcome.rows == ["   CAF \u{FEE1}\u{FEFC}\u{FEB3}"])
        let terminal = try AtelierProcess.run(["layout", "--lang", "prs", "--width", "10", "--bidi", "terminal"],
                                              input: Data("سلام CAF\n".utf8))
        #expect(terminal.rows == ["سلام CAF"])
    }

    @Test(arguments: [
        (Data([0x61, 0x62, 0x63, 0xFF]), 3),
        (Data([0xC3]), 0),
        (Data("Bonjour ".utf8) + Data([0xE2, 0x82]) + Data(" à tous".utf8), 8),
        (Data([0xED, 0xA0, 0x80]), 0),  // an encoded surrogate is not UTF-8
        (Data([0xC0, 0xAF]), 0),        // nor is an overlong "/"
    ])
    func invalidUTF8StopsWithTheByteOffset(input: Data, offset: Int) throws {
        let outcome = try AtelierProcess.run(["layout", "--lang", "fr", "--width", "40"], input: input)
        #expect(outcome.status == 2)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains("not valid UTF-8 (byte offset \(offset))"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("Fatal error"))
    }

    @Test func hostileBytesNeverReachTheTerminal() throws {
        let hostile = "Bon\u{0}jour \u{1B}[2J\u{1B}]52;c;SGVsbG8=\u{7}tout \u{9B}31mle \u{202E}monde\u{1B}]8;;http://x\u{1B}\\lien\n"
        let outcome = try AtelierProcess.run(["layout", "--lang", "fr", "--width", "40"], input: Data(hostile.utf8))
        #expect(outcome.status == 0)
        #expect(outcome.rows == ["Bonjour tout le mondelien"])
        #expect(!outcome.standardOutput.contains(0x1B))
        #expect(!outcome.standardOutput.contains(0x00))
    }

    @Test func aTenMegabyteLineInBoundedMemory() throws {
        let paragraph = [
            "Le récépissé prouve que vous avez déposé votre demande.",
            "الإيصال يثبت أنك قدمت طلبك إلى المحافظة.",
            "እቲ ቅብሊት ሕቶኻ ናብ ፕረፈክቱር ከም ዘእቶኻ የረጋግጽ።",
            "回执证明您已经向省政府提交了申请。",
        ].joined(separator: " ")
        var input = Data()
        while input.count < 10 * 1024 * 1024 { input.append(Data((paragraph + " ").utf8)) }
        let outcome = try AtelierProcess.run(["layout", "--lang", "fr", "--width", "60", "--direction", "auto"],
                                             input: input, measureMemory: true)
        #expect(outcome.status == 0)
        let rows = outcome.rows
        #expect(rows.count > 100_000)
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 60 })
        // The input itself is 10 MB, decoded once (about 12 MB of UTF-16); the layout adds a few 16K-unit
        // windows, not copies of the line.
        #expect(outcome.peakKilobytes > 0 && outcome.peakKilobytes < 100_000, "peak \(outcome.peakKilobytes) kB")
    }

    @Test(arguments: [
        (["layout", "--lang", "fr", "--width", "0"], "--width must be between 2 and 10000"),
        (["layout", "--lang", "xx-nowhere", "--width", "40"], "unknown language 'xx-nowhere'"),
        (["layout", "--width", "40"], "Missing expected argument '--lang <lang>'"),
    ])
    func badOptionsAreExplained(arguments: [String], message: String) throws {
        let outcome = try AtelierProcess.run(arguments, input: Data("x".utf8))
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
    }

    @Test func theKioskNeedsATerminalAndSaysSo() throws {
        let outcome = try AtelierProcess.run([])
        #expect(outcome.status == 2)
        #expect(outcome.standardError == "atelier kiosk needs a terminal (try atelier preview for text output)\n")
    }

    @Test(arguments: [
        (["--locales", "/nonexistent"], "atelier kiosk: /nonexistent/interface.yaml not found (check --locales)\n"),
        (["--lessons", "/nonexistent"], "atelier kiosk: /nonexistent not found (check --lessons)\n"),
    ])
    func aMistypedContentPathStopsTheKioskWithTheOptionToCheck(arguments: [String], error: String) throws {
        let outcome = try AtelierProcess.run(["kiosk"] + arguments)
        #expect(outcome.status == 2)
        #expect(outcome.standardError == error)
    }
}
