import Foundation
import Yams

/// Every fact of `Lessons/facts.yaml`, by id. Loaded with the modules (the loader finds it beside their
/// folders), so every place that shows a lesson resolves `{fact.ID}` the same way.
public struct FactTable: Sendable {
    public static let fileName = "facts.yaml"
    public static let empty = FactTable(facts: [:], path: nil)

    public var facts: [String: Fact]
    /// The file they came from; nil when there is none.
    public var path: String?

    public init(facts: [String: Fact], path: String?) {
        self.facts = facts
        self.path = path
    }

    public subscript(id: String) -> Fact? { facts[id] }

    /// Ids in file order.
    public var ordered: [Fact] { facts.values.sorted { $0.location < $1.location } }

    /// `text` with every `{fact.ID}` replaced by its value formatted for `locale`. An unknown id stays as written:
    /// the loader refuses the module that contains it, so no participant ever sees it.
    public func resolve(_ text: String, locale: String) -> String {
        FactReference.replacing(in: text) { id in facts[id]?.formatted(locale: locale) ?? "{fact.\(id)}" }
    }

    /// The facts file of a lessons folder (`<lessons>/facts.yaml`). A folder without one has no facts: every
    /// reference is then unknown.
    public static func load(lessonsFolder: String, today: CalendarDate? = nil) -> (FactTable, [ContentDiagnostic]) {
        let path = lessonsFolder + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return (.empty, []) }
        return load(path: path, today: today)
    }

    /// Reads a facts file, with every problem at its place. With `today`, a fact checked more than 12 months
    /// before is a warning (laws change every year).
    public static func load(path: String, today: CalendarDate? = nil) -> (FactTable, [ContentDiagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (FactTable(facts: [:], path: path), [ContentDiagnostic(
                location: SourceLocation(path: path, line: 1, column: 1), severity: .error, code: "unreadable-file",
                message: "cannot read the facts file")])
        }
        switch YAMLGuard.text(of: [UInt8](data), path: path) {
        case .failure(let diagnostic):
            return (FactTable(facts: [:], path: path), [diagnostic])
        case .success(let text):
            var document = YAMLDocument(path: path)
            let facts = read(text, document: &document, today: today)
            return (FactTable(facts: facts, path: path), document.diagnostics)
        }
    }

    static let fields = ["amount", "number", "percent", "date", "year", "source", "url", "checked", "note"]

    static func read(_ text: String, document: inout YAMLDocument, today: CalendarDate?) -> [String: Fact] {
        guard let root = document.parse(text),
              let top = document.fields(of: root, in: "the facts file", known: ["facts"], required: ["facts"]),
              let node = top.values["facts"], document.spend(node) else { return [:] }
        guard case .mapping(let mapping) = node else {
            document.error(at: node.mark, "wrong-type", "'facts' must map each fact id to its value, year and source")
            return [:]
        }
        var facts: [String: Fact] = [:]
        for (key, value) in mapping {
            guard let id = key.string, !id.isEmpty, id.allSatisfy(FactReference.isIDCharacter), id.first != "-" else {
                document.error(at: key.mark, "invalid-id",
                               "'\(key.string ?? "?")' is not a valid fact id: use lowercase letters, digits and hyphens")
                continue
            }
            let where_ = "fact '\(id)'"
            guard let fields = document.fields(of: value, in: where_, known: Self.fields,
                                               required: ["year", "source", "url", "checked"]) else { continue }
            let kinds = Fact.Value.kinds.filter { fields.has($0) }
            guard kinds.count == 1, let kind = kinds.first else {
                document.error(at: value.mark, "invalid-value",
                               "\(where_) needs exactly one value: amount, number, percent or date")
                continue
            }
            let factValue: Fact.Value
            if kind == "date" {
                guard let text = document.string(fields, "date", in: where_), let date = CalendarDate(iso: text) else {
                    document.error(at: fields.mark("date"), "invalid-value", "'date' must be a date written 2024-07-17")
                    continue
                }
                factValue = .date(date)
            } else {
                guard let number = document.number(fields, kind, in: where_) else { continue }
                factValue = kind == "amount" ? .amount(number) : kind == "percent" ? .percent(number) : .number(number)
            }
            let year = document.integer(fields, "year", in: where_, range: 1900...9999) ?? 0
            let url = document.string(fields, "url", in: where_) ?? ""
            if fields.has("url") && !url.hasPrefix("https://") {
                document.error(at: fields.mark("url"), "invalid-value", "'url' must start with https://")
            }
            let checkedText = document.string(fields, "checked", in: where_)
            let checked = checkedText.flatMap(CalendarDate.init(iso:))
            if checkedText != nil && checked == nil {
                document.error(at: fields.mark("checked"), "invalid-value", "'checked' must be a date written 2026-12-06")
            }
            if let checked, let today, checked.adding(months: 12) < today {
                document.warning(at: fields.mark("checked"), "stale-fact",
                                 "\(where_) was last checked on \(checked): check it against its source again and update 'checked' (docs/facilitator-guide.md)")
            }
            if let checked, let today, today < checked {
                document.error(at: fields.mark("checked"), "invalid-value", "\(where_) says it was checked on \(checked), a day still to come")
            }
            let source = document.string(fields, "source", in: where_) ?? ""
            if fields.has("source") && source.trimmingCharacters(in: .whitespaces).isEmpty {
                document.error(at: fields.mark("source"), "empty-text", "\(where_) has an empty 'source'")
            }
            let note = fields.has("note") ? document.string(fields, "note", in: where_) : nil
            facts[id] = Fact(id: id, value: factValue, year: year, source: source, url: url, checked: checked, note: note,
                             location: document.location(key.mark))
        }
        return facts
    }
}
