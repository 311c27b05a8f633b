import ArgumentParser
import AtelierText

struct LayoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layout",
        abstract: "Lay out UTF-8 text from standard input exactly as the kiosk shows it.",
        discussion: """
        One output line per terminal row. Escape sequences and control characters are removed, lines are \
        wrapped at Unicode line-break opportunities, and right-to-left paragraphs are reordered, shaped and \
        right-aligned (with --bidi app). Invalid UTF-8 stops with exit status 2 and the byte offset.
        """
    )

    enum DirectionChoice: String, ExpressibleByArgument, CaseIterable {
        /// The language's direction for every paragraph, as the kiosk lays out a translation.
        case language
        /// Each paragraph from its first strong character, the language's direction when it has none.
        case auto
    }

    @Option(help: "Language code (fr, ar, prs, ti, zh, ...).")
    var lang: String

    @Option(help: "Terminal width in columns (2-10000).")
    var width: Int

    @Option(help: "app: Atelier reorders and shapes right-to-left text; terminal: the terminal does bidi.")
    var bidi: BidiMode = .app

    @Option(help: "Paragraph direction: language or auto.")
    var direction: DirectionChoice = .language

    @Option(help: "Folder of the languages registry (default: ./Locales).")
    var locales: String?

    func validate() throws {
        guard (2...10_000).contains(width) else { throw ValidationError("--width must be between 2 and 10000") }
    }

    func run() throws {
        let (registry, _) = ContentPaths.registry(localesDirectory: ContentPaths.locales(locales))
        let language = registry.resolve(lang)
        guard language.icuHasData || registry.language(lang) != nil else {
            throw ValidationError("unknown language '\(lang)': not in the registry and unknown to ICU")
        }
        let paragraphs: ParagraphDirection = direction == .language
            ? .forced(language.direction) : .firstStrong(fallback: language.direction)

        // Decoded whole (the check and the decoding are one pass) so that bad input stops before any output.
        let decoded = StandardStreams.readAll().withUnsafeBufferPointer { UTF8Validation.decode($0) }
        let units: [UInt16]
        switch decoded {
        case .success(let text):
            units = text
        case .failure(let invalid):
            StandardStreams.writeError("atelier layout: standard input is not valid UTF-8 (byte offset \(invalid.byteOffset))\n")
            throw ExitCode(2)
        }
        let stream = LayoutStream(width: width, direction: paragraphs, bidi: bidi)
        let output = UTF8Output()
        let emit: (UnsafeBufferPointer<UInt16>) -> Void = { row in
            output.appendLine(row)
            if output.count >= 1 << 16 {
                StandardStreams.write(output.bytes)
                output.removeAll()
            }
        }
        units.withUnsafeBufferPointer { stream.feed(unsanitized: $0, emit: emit) }
        stream.finish(emit: emit)
        StandardStreams.write(output.bytes)
    }
}

extension BidiMode: ExpressibleByArgument {}
