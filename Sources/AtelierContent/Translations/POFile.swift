import Foundation

/// A gettext PO (or POT) file: its header and its entries, in order.
public struct POFile: Sendable, Equatable {
    public var header: POEntry?
    public var entries: [POEntry]

    public init(header: POEntry? = nil, entries: [POEntry] = []) {
        self.header = header
        self.entries = entries
    }

    /// The header's fields (`Language`, `Plural-Forms`, ...), in order.
    public var headerFields: [(String, String)] {
        (header?.string ?? "").split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    public func entry(context: String) -> POEntry? {
        entries.first { $0.context == context && !$0.isObsolete }
    }

    /// A header as Atelier writes it, with the fields `msgfmt --check` looks for.
    public static func makeHeader(project: String, language: String?, date: CalendarDate) -> POEntry {
        let fields = [
            "Project-Id-Version: \(project)",
            "PO-Revision-Date: \(date) 00:00+0000",
            "Last-Translator: Atelier translators",
            "Language-Team: \(language ?? "none")",
            "Language: \(language ?? "")",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
            "X-Generator: atelier",
        ]
        var header = POEntry(context: nil, id: "", string: fields.map { $0 + "\n" }.joined())
        if language == nil { header.flags = ["fuzzy"] }  // a template's header, as xgettext writes it
        return header
    }
}
