import Foundation
import H7Model

/// Keeps the cache folder from growing for good: every edit of a file leaves its old parse entry behind, every
/// part or libclang its precompiled header, every moved project its kept report. Entries are touched when used;
/// those neither written nor used for `maxAge` are removed, and so are temporary files a stopped run left. Looked
/// at no more than once per `interval` (the time of the `pruned` file in the folder), after a check.
public enum CachePruning {
    public static let maxAge: Double = 30 * 24 * 3600
    static let interval: Double = 24 * 3600
    /// A temporary file older than this belongs to no running process.
    static let temporaryAge: Double = 24 * 3600
    static let marker = "pruned"

    /// Prunes `folder` when its last pruning is older than `interval` (or never happened). Returns the files removed.
    @discardableResult
    public static func pruneIfDue(_ folder: URL, now: Double = Date().timeIntervalSince1970) -> Int {
        let stamp = folder.appendingPathComponent(marker).path
        if let last = modified(stamp), now - last < interval { return 0 }
        guard FileManager.default.fileExists(atPath: folder.path) else { return 0 }
        // Claimed first, so that two runs do not both walk the folder (and a folder that cannot be written, where
        // nothing could be removed either, is not walked at every run).
        guard FileManager.default.createFile(atPath: stamp, contents: nil) else { return 0 }
        var removed = 0
        for path in files(under: folder.path, depth: 0) {
            guard let kind = kind(PathText.below(path, folder.path) ?? ""), let time = modified(path) else { continue }
            if now - time > (kind == .temporary ? temporaryAge : maxAge), unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    enum Kind { case entry, temporary }

    /// What h7lint itself writes there, by name (a `--cache-dir` may name a folder holding other files too, which
    /// are never touched): parse entries `<hash>.json`, `pch/<hash>.pch` and its `.json`, `results/<hash>/<hash>`,
    /// and the temporary files each is first written to.
    static func kind(_ relative: String) -> Kind? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func hash(_ text: Substring) -> Bool { text.count == 32 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
        func named(_ name: String, _ suffixes: [String]) -> Kind? {
            for suffix in suffixes where name.hasSuffix(suffix) && hash(name.dropLast(suffix.count)) { return .entry }
            let body = name.hasPrefix(".") ? name.dropFirst() : Substring(name)
            if name.hasSuffix(".tmp"), hash(body.prefix(32)), body.dropFirst(32).hasPrefix(".") { return .temporary }
            return nil
        }
        switch parts.count {
        case 1: return named(parts[0], [".json"])
        case 2 where parts[0] == "pch": return named(parts[1], [".pch", ".pch.json"])
        case 3 where parts[0] == "results" && hash(Substring(parts[1])): return named(parts[2], [""])
        default: return nil
        }
    }

    /// Marks an entry as used now (its age starts again).
    public static func touch(_ path: String) {
        utimes(path, nil)
    }

    static func modified(_ path: String) -> Double? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    /// The regular files under `path`, three folders deep at most (results/<executable>/<entry> is the deepest).
    private static func files(under path: String, depth: Int) -> [String] {
        guard depth < 3, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var found: [String] = []
        for name in names {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                found += files(under: child, depth: depth + 1)
            } else if info.st_mode & S_IFMT == S_IFREG {
                found.append(child)
            }
        }
        return found
    }
}
