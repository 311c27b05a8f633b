import Foundation

/// What translators' tools need: POT templates, and PO files kept in step with the French (gettext
/// `msgmerge` semantics).
public enum TranslationWorkflow {
    /// A template: every French text with an empty translation.
    public static func template(project: String, units: [TranslationUnit], date: CalendarDate) -> POFile {
        POFile(header: POFile.makeHeader(project: project, language: nil, date: date), entries: units.map { entry(for: $0) })
    }

    static func entry(for unit: TranslationUnit) -> POEntry {
        var entry = POEntry(context: unit.context, id: unit.source)
        let kept = unit.glossaryTerms.filter { unit.source.lowercased().contains($0.lowercased()) }
        if !kept.isEmpty && !unit.context.hasPrefix("glossary/") {
            entry.extractedComments = ["Keep in French: \(kept.joined(separator: ", "))"]
        }
        if unit.context.hasSuffix("/accept") {
            entry.extractedComments.append("Accepted answers, separated by ' | '. Add answers in your language; keep the French ones.")
        }
        return entry
    }

    /// `existing` brought up to date with `units`: new texts added empty, changed ones kept but marked fuzzy
    /// with the old French as `#| msgid`, texts gone from the source kept as obsolete (`#~`) when they were
    /// translated. Translators' own comments stay.
    public static func merge(_ existing: POFile, units: [TranslationUnit], project: String, language: String,
                             date: CalendarDate) -> POFile {
        var old: [String: POEntry] = [:]
        for entry in existing.entries {
            guard let context = entry.context, old[context] == nil || !entry.isObsolete else { continue }
            old[context] = entry
        }
        var entries: [POEntry] = []
        var used: Set<String> = []
        for unit in units {
            var entry = entry(for: unit)
            if let previous = old[unit.context] {
                used.insert(unit.context)
                entry.translatorComments = previous.translatorComments
                entry.strings = previous.strings.count == 1 ? previous.strings : [previous.string]
                entry.flags = previous.flags
                if previous.id != unit.source && previous.isTranslated {
                    entry.setFuzzy(true)
                    entry.previousID = previous.previousID ?? previous.id
                } else if previous.id == unit.source {
                    entry.previousID = previous.isFuzzy ? previous.previousID : nil
                } else {
                    entry.strings = [""]
                    entry.setFuzzy(false)
                }
            }
            entries.append(entry)
        }
        for entry in existing.entries where !entry.isObsolete {
            guard let context = entry.context, !used.contains(context), entry.isTranslated else { continue }
            var obsolete = entry
            obsolete.isObsolete = true
            obsolete.extractedComments = []
            entries.append(obsolete)
        }
        for entry in existing.entries where entry.isObsolete && !(entry.context.map(used.contains) ?? false) {
            if !entries.contains(where: { $0.isObsolete && $0.context == entry.context && $0.id == entry.id }) {
                entries.append(entry)
            }
        }
        var header = existing.header ?? POFile.makeHeader(project: project, language: language, date: date)
        if !header.string.contains("Language:") { header.strings = [header.string + "Language: \(language)\n"] }
        header.setFuzzy(false)
        return POFile(header: header, entries: entries)
    }
}
