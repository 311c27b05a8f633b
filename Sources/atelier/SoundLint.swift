import AtelierContent
import AtelierSpeech
import Foundation

/// What lint says about sound, here and not in AtelierContent, which knows nothing of voices or audio files
/// (AtelierSpeech depends on it): each language of the registry that no eSpeak NG voice may read (Pashto,
/// Tigrinya), as a note at its line of languages.yaml (the kiosk reads those screens in French and says so; an
/// author or a coordinator should know before a participant finds out); and each recording libsndfile cannot
/// decode, as an error at its path.
enum SoundLint {
    static func diagnostics(_ report: ContentReport, repository: ContentRepository) -> [ContentDiagnostic] {
        notes(report.registry, registryPath: repository.registryPath) + unreadable(report, repository: repository)
    }

    /// Files already refused for their name (unknown language, text or format) are not decoded too: one error
    /// per file.
    static func unreadable(_ report: ContentReport, repository: ContentRepository) -> [ContentDiagnostic] {
        let refused = Set(report.diagnostics.filter { $0.severity == .error }.map(\.location.path))
        return report.modules.flatMap { module in
            Recordings.files(moduleFolder: "\(repository.lessons)/\(module.id)").compactMap { file -> ContentDiagnostic? in
                guard file.context != nil, !refused.contains(file.path), case .failure(let failure) = AudioFile.decode(file.path) else { return nil }
                return ContentDiagnostic(location: SourceLocation(path: file.path, line: 1, column: 1), severity: .error,
                                         code: "unreadable-recording", message: "the recording cannot be decoded (\(failure.reason))")
            }
        }
    }

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
