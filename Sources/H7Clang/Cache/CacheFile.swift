import Foundation

/// A file of the cache folder written whole or not at all: to a temporary name beside it (`.<name>.<random>.tmp`,
/// which CachePruning knows), then renamed over the old one, so a reader never sees half of it and several
/// processes may write the same entry.
public enum CacheFile {
    /// Best effort: false when the folder cannot be made or written.
    @discardableResult
    public static func replace(_ final: URL, with data: Data) -> Bool {
        let fm = FileManager.default
        let folder = final.deletingLastPathComponent()
        try? fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(final.lastPathComponent).\(UUID().uuidString).tmp")
        guard fm.createFile(atPath: temporary.path, contents: data) else { return false }
        guard rename(temporary.path, final.path) == 0 else {
            try? fm.removeItem(at: temporary)
            return false
        }
        return true
    }
}
