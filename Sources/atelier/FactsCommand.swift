import ArgumentParser
import AtelierContent
import Foundation

/// `atelier facts`: every dated fact, its value, year, check date, source and the modules that use it; the
/// table of docs/content-sources.md.
struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "List the dated facts of Lessons/facts.yaml with their sources and the modules that use them.",
        discussion: "The output is the Markdown table of docs/content-sources.md. Facts checked more than 12 months ago are reported by `atelier lint`."
    )

    @OptionGroup var content: ContentOptions

    func run() throws {
        let report = ContentLinter.run(content.repository, today: .today)
        let (facts, _) = FactTable.load(lessonsFolder: content.repository.lessons)
        let table = FactCatalog.markdown(facts, usage: FactCatalog.usage(modules: report.modules, texts: report.texts))
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.line(String($0)) }
        StandardStreams.write(Array(lines.joined(separator: "\n").utf8))
    }
}
