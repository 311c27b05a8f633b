import AtelierContent
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for content files to change, through Linux's inotify (no polling): the lessons folder, each module's
/// folder (a new one is watched as soon as it appears) and the locales folder.
final class ContentWatcher {
    let repository: ContentRepository
    private let descriptor: Int32
    private var watched: Set<String> = []

    static let events = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE_SELF)

    init?(repository: ContentRepository) {
        self.repository = repository
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        watchFolders()
    }

    deinit { close(descriptor) }

    private func watchFolders() {
        var folders = [repository.lessons, repository.locales]
        folders += repository.moduleFolders().map { repository.lessons + "/" + $0 }
        for folder in folders where !watched.contains(folder) {
            if inotify_add_watch(descriptor, folder, Self.events) >= 0 { watched.insert(folder) }
        }
    }

    /// Blocks until something changed, then lets a burst of writes settle (an editor saves through a temporary
    /// file and a rename: several events for one save) before returning.
    func waitForChange() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var descriptorSet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&descriptorSet, 1, -1) < 0 && errno == EINTR {}
        _ = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        // The rest of the same save: whatever arrives within a moment of the last event.
        while true {
            descriptorSet.revents = 0
            guard poll(&descriptorSet, 1, 150) > 0 else { break }
            _ = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        }
        watchFolders()  // a module folder created meanwhile
    }
}
