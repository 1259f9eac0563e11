import Foundation

/// The editor's unsaved buffers (`h7lint server`): the readers, the suppression scan and the C front end
/// read a file through here, so an open document's text wins over the disk. Empty in every other
/// command, where `contents(atPath:)` is a plain read.
public enum FileOverlay {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var buffers: [String: Data] = [:]

    /// The key a path is held under (absolute, `.`/`..` and links resolved).
    public static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Sets (or with nil, drops) the buffer of one file.
    public static func set(_ path: String, _ contents: Data?) {
        let key = key(path)
        lock.lock()
        buffers[key] = contents
        lock.unlock()
    }

    /// Every buffer held, by key.
    public static var all: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return buffers
    }

    /// The buffer for `path`, if the editor holds one.
    public static func buffer(atPath path: String) -> Data? {
        lock.lock()
        let empty = buffers.isEmpty
        lock.unlock()
        if empty { return nil }
        let key = key(path)
        lock.lock()
        defer { lock.unlock() }
        return buffers[key]
    }

    /// The buffer when there is one, else the file on disk (nil when unreadable).
    public static func contents(atPath path: String) -> Data? {
        ReadLog.note(path)
        return buffer(atPath: path) ?? FileManager.default.contents(atPath: path)
    }
}
