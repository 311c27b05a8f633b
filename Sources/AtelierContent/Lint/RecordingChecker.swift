import AtelierText

/// Lint's view of a module's recorded voices (`audio/<lang>/<msgctxt>.<ext>`): a file for a language the
/// registry does not have, for a text the module does not have (a typo, or a text removed since), or in a
/// format not read, is an error at its path; and each language with recordings gets a note saying how many of
/// the module's texts it covers. (Whether each file decodes is checked by `atelier lint`, which links the
/// audio library.)
public enum RecordingChecker {
    public static func check(moduleFolder: String, units: [TranslationUnit], registry: LanguageRegistry)
        -> (counts: [String: Int], diagnostics: [ContentDiagnostic]) {
        var diagnostics: [ContentDiagnostic] = []
        var counts: [String: Int] = [:]
        let contexts = Set(units.map(\.context).filter { !$0.hasSuffix("/accept") })
        for file in Recordings.files(moduleFolder: moduleFolder) {
            let here = SourceLocation(path: file.path, line: 1, column: 1)
            guard registry.language(file.language) != nil else {
                diagnostics.append(ContentDiagnostic(location: here, severity: .error, code: "unknown-language",
                                                     message: "recording for unknown language '\(file.language)': add it to Locales/languages.yaml first"))
                continue
            }
            guard let context = file.context else {
                diagnostics.append(ContentDiagnostic(location: here, severity: .error, code: "recording-format",
                                                     message: "a recording must end in \(Recordings.extensions.map { "." + $0 }.joined(separator: ", "))"))
                continue
            }
            guard contexts.contains(context) else {
                diagnostics.append(ContentDiagnostic(location: here, severity: .error, code: "unknown-recording",
                                                     message: "records '\(context)', which is no text of this module (name the file after a msgctxt of its PO file)\(DidYouMean.hint(for: context, among: contexts))"))
                continue
            }
            counts[file.language, default: 0] += 1
        }
        for (language, count) in counts.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(ContentDiagnostic(
                location: SourceLocation(path: "\(moduleFolder)/\(Recordings.folder)/\(language)", line: 1, column: 1), severity: .note,
                code: "recordings", message: "\(count) of \(contexts.count) texts have a recording in '\(language)' (played instead of synthesis)"))
        }
        return (counts, diagnostics)
    }
}
