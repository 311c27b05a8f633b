import AtelierContent
import AtelierSpeech
import Foundation

/// Lint's notes on sound: each language of the registry that no eSpeak NG voice may read (Pashto, Tigrinya),
/// at its line of languages.yaml. The kiosk reads those screens in French and says so; an author or a
/// coordinator should know before a participant finds out. Here and not in AtelierContent, which knows nothing
/// of voices (AtelierSpeech depends on it).
enum VoiceNotes {
    static func notes(_ registry: LanguageRegistry, registryPath: String) -> [ContentDiagnostic] {
        let lines = (try? String(contentsOfFile: registryPath, encoding: .utf8))?
            .split(separator: "\n", omittingEmptySubsequences: false) ?? []
        return registry.languages.compactMap { language in
            guard language.status != .source, SpeechVoice.espeakLanguage(for: language.code) == nil else { return nil }
            let line = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "- code: \(language.code)" }.map { $0 + 1 } ?? 1
            return ContentDiagnostic(
                location: SourceLocation(path: registryPath, line: line, column: 1), severity: .note, code: "no-voice",
                message: "'\(language.code)' (\(language.endonym)) has no voice: the listen key reads its screens in French, and the screen says so (docs/kiosk-setup.md)")
        }
    }
}
