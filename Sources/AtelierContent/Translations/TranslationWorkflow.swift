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
        // Where the text comes from, as xgettext writes it (file:line, relative to the translation file's
        // folder, where module.yaml and interface.yaml live): Poedit and Weblate show it beside the text.
        if unit.location.line > 0, !unit.location.path.isEmpty {
            entry.references = ["\((unit.location.path as NSString).lastPathComponent):\(unit.location.line)"]
        }
        var kept = unit.glossaryTerms.filter { unit.source.lowercased().contains($0.lowercased()) }
        for words in FrenchSpan.words(in: unit.source) where !kept.contains(words) { kept.append(words) }
        if !kept.isEmpty && !unit.context.hasPrefix("glossary/") {
            entry.extractedComments = ["Keep in French: \(kept.joined(separator: ", "))"]
        }
        if unit.context.hasSuffix("/accept") {
            entry.extractedComments.append("Accepted answers, separated by ' | '. Add answers in your language; keep the French ones.")
        }
        return entry
    }

    /// `existing` brought up to date with `units`, as GNU `msgmerge --previous` does it:
    /// - a text whose context and French are in the file (obsolete entries included) keeps its entry as it is;
    /// - otherwise the most similar translated entry (obsolete ones included, any context, a tiny bonus for
    ///   the same context) gives its translation when the similarity passes 0.6, marked fuzzy, with the old
    ///   French (and context) as `#|`: a reworded sentence or a renamed step keeps its translation for review;
    /// - otherwise the text comes empty;
    /// - translated entries no text used become obsolete (`#~`), kept in case the text comes back.
    /// Translators' comments follow their entry.
    public static func merge(_ existing: POFile, units: [TranslationUnit], project: String, language: String,
                             date: CalendarDate) -> POFile {
        let definitions = existing.entries
        var exact: [String: Int] = [:]
        for (index, entry) in definitions.enumerated() {
            let key = (entry.context ?? "") + "\u{4}" + entry.id
            if let other = exact[key], !definitions[other].isObsolete || entry.isObsolete { continue }
            exact[key] = index
        }
        // Read-aloud texts (`…/speech`) are optional and follow the text they read; they are never offered as
        // a fuzzy translation of another text (their vowel marks would be shown on screen).
        var speech: [String: Int] = [:]
        for (index, entry) in definitions.enumerated() where !entry.isObsolete {
            if let base = entry.context.flatMap(SpeechText.base(of:)) { speech[base] = index }
        }
        let speechIndices = Set(speech.values)
        let candidates = definitions.indices.filter {
            !speechIndices.contains($0) && (definitions[$0].strings.first.map { !$0.isEmpty } ?? false)
        }
        var used: Set<Int> = []
        var entries: [POEntry] = []
        for unit in units {
            var entry = entry(for: unit)
            if let index = exact[unit.context + "\u{4}" + unit.source] {
                let previous = definitions[index]
                used.insert(index)
                entry.translatorComments = previous.translatorComments
                entry.strings = previous.strings.count == 1 ? previous.strings : [previous.string]
                entry.flags = previous.flags
                entry.previousContext = previous.isFuzzy ? previous.previousContext : nil
                entry.previousID = previous.isFuzzy ? previous.previousID : nil
            } else if let index = Similarity.best(for: unit.source, context: unit.context, among: candidates, in: definitions) {
                let previous = definitions[index]
                used.insert(index)
                entry.translatorComments = previous.translatorComments
                entry.strings = [previous.string]
                entry.flags = previous.flags
                entry.setFuzzy(true)
                if previous.isFuzzy, let id = previous.previousID {
                    entry.previousContext = previous.previousContext
                    entry.previousID = id
                } else {
                    entry.previousContext = previous.context
                    entry.previousID = previous.id
                }
            }
            entries.append(entry)
            if let index = speech[unit.context] {
                used.insert(index)
                var kept = definitions[index]
                kept.references = entry.references
                kept.extractedComments = ["Read aloud instead of the text above: the same text with its vowel marks, nothing else."]
                if kept.id != unit.source {
                    // The French changed: the read-aloud text waits for a review, like its displayed text.
                    kept.previousContext = kept.context
                    kept.previousID = kept.id
                    kept.id = unit.source
                    kept.setFuzzy(true)
                }
                entries.append(kept)
            }
        }
        for (index, entry) in definitions.enumerated() where !used.contains(index) && entry.isTranslated {
            var obsolete = entry
            if !obsolete.isObsolete { obsolete.extractedComments = [] }
            obsolete.isObsolete = true
            entries.append(obsolete)
        }
        var header = existing.header ?? POFile.makeHeader(project: project, language: language, date: date)
        if !header.string.contains("Language:") { header.strings = [header.string + "Language: \(language)\n"] }
        header.setFuzzy(false)
        return POFile(header: header, entries: entries)
    }
}
