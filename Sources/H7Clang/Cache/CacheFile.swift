import Foundation

/// A file of the cache folder written whole or not at all: to a temporary name beside it (`.<name>.<random>.tmp`,
/// which CachePruning knows), then renamed over the old one, so a reader never sees half of it and several
/// processes may write the same entry.
public enum CacheFile {
    /// Best effort: false when the folder cannot be made or written.
    @discardableResult
    public static func replace(_ final: URL, with data: Data) -> Bool {
        let folder = final.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(final.lastPathComponent).\(UUID().uuidString).tmp").path
        var descriptor = create(temporary)
        if descriptor < 0, errno == ENOENT {  // the folder is made at its first entry only
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            descriptor = create(temporary)
        }
        guard descriptor >= 0 else { return false }
        let written = data.withUnsafeBytes { writeAll(descriptor, $0) }
        close(descriptor)
        guard written, rename(temporary, final.path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    private static func create(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    }

    /// Every byte, across short writes and interruptions.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
