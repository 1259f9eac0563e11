import Foundation
import H7Model

/// Remembers what libclang read from a translation unit, so an unchanged file is not parsed again.
/// An entry is keyed by h7lint's version, the clang arguments, h7lint's stand-in headers and the
/// file's contents, and holds the contents hash of every file the unit included: any change to any
/// of them misses. Lives outside the user's sources (see `defaultDirectory`).
public final class FactsCache: @unchecked Sendable {
    public let directory: URL
    private let lock = NSLock()
    private var counts = (hits: 0, misses: 0)

    /// Look-ups answered from the cache and look-ups that missed, in this run.
    public var statistics: (hits: Int, misses: Int) {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    private func count(hit: Bool) {
        lock.lock()
        if hit { counts.hits += 1 } else { counts.misses += 1 }
        lock.unlock()
    }

    public init(directory: URL) {
        self.directory = directory
    }

    /// `$H7LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/h7lint`, else `~/.cache/h7lint`.
    public static var defaultDirectory: URL { defaultDirectory(environment: ProcessInfo.processInfo.environment) }

    /// `~` is `$HOME` when set (as the XDG base directory rules say), else the account's home folder.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let dir = environment["H7LINT_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("h7lint")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/h7lint")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/h7lint")
    }

    struct Dependency: Codable {
        var path: String
        var hash: String
    }

    /// An entry's file: this header as JSON on the first line, then the facts as JSON. The checksum is a hash
    /// of the facts' bytes as stored: an entry changed on disk (a flipped byte that is still JSON) is dropped,
    /// and the facts are decoded only once the version, every dependency and the checksum match.
    struct Header: Codable {
        var version: String
        var dependencies: [Dependency]
        var checksum: String
    }

    /// Marks a dependency that did not exist (an include that was not found there): if the file appears
    /// later, the entry is stale.
    static let absent = "-"

    /// Hashes of files already read in this run (many projects share the same headers).
    private var memo: [String: String] = [:]

    func contentHash(_ path: String) -> String? {
        lock.lock()
        let known = memo[path]
        lock.unlock()
        if let known { return known }
        if let buffer = FileOverlay.buffer(atPath: path) { return Self.hash(buffer) }  // an editor's buffer: not memoized
        // Only regular files are read: a header replaced by a link to /dev/zero or a pipe is a miss, not a hang.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        var hash = StableHash()
        hash.add([UInt8](data))
        let value = hash.hex
        lock.lock()
        memo[path] = value
        lock.unlock()
        return value
    }

    static func hash(_ data: Data) -> String {
        var hash = StableHash()
        hash.add([UInt8](data))
        return hash.hex
    }

    /// Forgets the hashes and stamps taken so far (`--fix` changed files between two checks of one run).
    public func forgetFiles() {
        lock.lock()
        memo = [:]
        listings = [:]
        lock.unlock()
    }

    /// Marks a folder's stamp (never a content hash, which is hex): `folder:` and a hash of the names in it, or
    /// `folder:-` when the folder does not exist. Names, not the folder's time: a header that appears adds a name, and
    /// a fresh checkout of the same tree (new times, as in CI) keeps every entry.
    static let folderMark = "folder:"

    /// The folder's stamp now (memoized for the run: folders that change during a run are not this cache's case).
    func folderStamp(_ path: String) -> String {
        guard let names = listing(path) else { return Self.folderMark + Self.absent }
        return Self.folderMark + StableHash.of(names: names)
    }

    /// Names listed in folders this run (nil: not a folder).
    private var listings: [String: Set<String>?] = [:]

    /// The names in a folder, read once per run (nil when it is not a folder).
    func listing(_ path: String) -> Set<String>? {
        lock.lock()
        let known = listings[path]
        lock.unlock()
        if let known { return known }
        var info = stat()
        var names: Set<String>?
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, let listed = try? FileManager.default.contentsOfDirectory(atPath: path) {
            names = Set(listed)
        }
        lock.lock()
        listings[path] = .some(names)
        lock.unlock()
        return names
    }

    /// The key for one parse; nil when the file cannot be read (then nothing is cached).
    /// `standIn` is the digest of the stand-in headers (`VirtualFile.digest`), computed once per part and run.
    static func key(file: URL, root: URL, arguments: [String], standIn: String) -> String? {
        guard let data = FileOverlay.contents(atPath: file.path) else { return nil }
        var hash = StableHash()
        hash.add(H7LintVersion.cacheTag)
        hash.add(root.path)
        hash.add(file.path)
        for argument in arguments { hash.add(argument) }
        hash.add(standIn)
        hash.add([UInt8](data))
        return hash.hex
    }

    func lookup(_ key: String) -> SourceFacts? {
        let facts = entry(key)
        count(hit: facts != nil)
        return facts
    }

    private func entry(_ key: String) -> SourceFacts? {
        let url = directory.appendingPathComponent(key + ".json")
        guard let data = FileManager.default.contents(atPath: url.path),
              let newline = data.firstIndex(of: UInt8(ascii: "\n")),
              let header = try? JSONDecoder().decode(Header.self, from: data[..<newline]),
              header.version == H7LintVersion.cacheTag else { return nil }
        for dependency in header.dependencies {
            let now = dependency.hash.hasPrefix(Self.folderMark) ? folderStamp(dependency.path) : (contentHash(dependency.path) ?? Self.absent)
            if now != dependency.hash { return nil }
        }
        let body = data[data.index(after: newline)...]
        guard Self.hash(body) == header.checksum, let facts = try? JSONDecoder().decode(SourceFacts.self, from: body) else { return nil }
        ReadLog.note(header.dependencies.map(\.path))
        CachePruning.touch(url.path)
        return facts
    }

    /// Best effort: a cache that cannot be written is simply not used.
    /// `absentFolders`: the folders where an include was looked for and not found; the entry holds while their names
    /// stay the same (a header that appears there adds one: one stamp per folder instead of one per place, hundreds
    /// per unit with the HAL).
    func store(_ key: String, facts: SourceFacts, dependencies: [String], absentFolders: Set<String>) {
        let hashed = dependencies.compactMap { path in contentHash(path).map { Dependency(path: path, hash: $0) } }
        let folders = absentFolders.sorted()
        let missing = folders.map { Dependency(path: $0, hash: folderStamp($0)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard hashed.count == dependencies.count, let body = try? encoder.encode(facts),
              let header = try? encoder.encode(Header(version: H7LintVersion.cacheTag, dependencies: hashed + missing,
                                                      checksum: Self.hash(body)))
        else { return ReadLog.markIncomplete() }
        ReadLog.note(dependencies + folders)
        if !CacheFile.replace(directory.appendingPathComponent(key + ".json"), with: header + Data("\n".utf8) + body) {
            ReadLog.markIncomplete()
        }
    }
}
