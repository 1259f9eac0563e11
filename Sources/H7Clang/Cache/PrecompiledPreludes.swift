import Foundation
import H7Model

/// The stand-in's fixed part (identifier values and declarations, Prelude.precompiledPart) precompiled once per
/// part, core, language and clang, and read by every unit of that kind instead of being parsed again: about
/// 3 ms of a 6–10 ms parse. Kept in the cache folder (`pch/`) under a hash of the exact header contents and
/// flags, or in a folder of the run's own with `--no-cache`. Made once per process (other workers wait);
/// several processes write to temporary names and rename, and a file whose bytes do not match the checksum
/// beside it is made again, so a corrupted or half-written one is never read.
///
/// A unit reads it only when that cannot change what it sees (`admits`): no `-D` of the unit names an
/// identifier the precompiled text contains (unless the header was made with that very `-D`), and no `-I`
/// folder of the unit holds a header the precompiled text included (stdint.h and the rest), which the
/// unit's search order would find first. Otherwise the unit reads the stand-in as text.
public final class PrecompiledPreludes: @unchecked Sendable {
    /// One precompiled header and what it depends on.
    struct Header: Codable, Sendable {
        var path: String
        /// The `-D` arguments it was made with (the part's and the core's).
        var defines: [String]
        /// Every identifier in the text it precompiled, comments and literals left out.
        var identifiers: Set<String>
        /// Headers it included, as `#include <…>` names them (the part below the search folder).
        var headers: [String]
        /// A hash of the file's bytes.
        var checksum: String
    }

    /// `H7LINT_PCH=0` reads the stand-in as text everywhere (for comparing; findings are the same).
    public static var enabled: Bool { ProcessInfo.processInfo.environment["H7LINT_PCH"] != "0" }

    private let directory: URL
    private let ownsDirectory: Bool
    private var made: [String: Header?] = [:]
    /// Units that asked for each header not yet made (a run's own folder only).
    private var asked: [String: Int] = [:]
    /// Made for a run without a cache folder only once this many units of its kind asked: making one costs about
    /// ten units' savings, so a run over one small project reads the stand-in as text (the same facts either way).
    static let unitsBeforeTemporary = 10
    private var shadowed: [String: Bool] = [:]
    private let lock = NSLock()

    /// `cacheDirectory`: the facts cache's folder; nil for a folder of this run's own, removed at exit.
    public init(cacheDirectory: URL?) {
        if let cacheDirectory {
            directory = cacheDirectory.appendingPathComponent("pch")
            ownsDirectory = false
        } else {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("h7lint-pch-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            ownsDirectory = true
            TemporaryFolders.removeAtExit(directory)
        }
    }

    deinit {
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The precompiled header for these flags, made on first use; nil when it cannot be made (then the
    /// stand-in is read as text).
    /// `standIn`: the digest of `virtualFiles` (the stand-in's and built-in headers' contents), already worked out.
    func header(arguments: [String], defines: [String], virtualFiles: [VirtualFile], standIn: String,
                session: ClangSession) -> Header? {
        var hash = StableHash()
        hash.add(ClangResources.version)
        for argument in arguments + defines { hash.add(argument); hash.add([0]) }
        hash.add(standIn)
        let key = hash.hex
        lock.lock()
        defer { lock.unlock() }
        if let known = made[key] { return known }
        if ownsDirectory {
            asked[key, default: 0] += 1
            if asked[key]! < Self.unitsBeforeTemporary { return nil }
        }
        let header = stored(key) ?? make(key, arguments: arguments + defines, defines: defines, virtualFiles: virtualFiles,
                                         session: session)
        made[key] = .some(header)
        return header
    }

    /// Whether a unit with these `-D` arguments and `-I` folders sees the same through the header as through text.
    func admits(_ header: Header, defines: [String], includePaths: [String]) -> Bool {
        for define in defines where !header.defines.contains(define) {
            let name = define.dropFirst(2).prefix { $0 != "=" }
            if header.identifiers.contains(String(name)) { return false }
        }
        let key = includePaths.joined(separator: "\n") + "\n\n" + header.path
        lock.lock()
        defer { lock.unlock() }
        if let known = shadowed[key] { return !known }
        let fm = FileManager.default
        let shadows = includePaths.contains { folder in header.headers.contains { fm.fileExists(atPath: folder + "/" + $0) } }
        if shadowed.count < 10_000 { shadowed[key] = shadows }
        return !shadows
    }

    /// Forgets a header clang would not read, and removes its file.
    func discard(_ header: Header) {
        lock.lock()
        defer { lock.unlock() }
        for (key, value) in made where value?.path == header.path { made[key] = .some(nil) }
        try? FileManager.default.removeItem(atPath: header.path)
        try? FileManager.default.removeItem(atPath: header.path + ".json")
    }

    private func stored(_ key: String) -> Header? {
        let path = directory.appendingPathComponent(key + ".pch").path
        guard let meta = FileManager.default.contents(atPath: path + ".json"),
              let header = try? JSONDecoder().decode(Header.self, from: meta), header.path == path,
              let bytes = FileManager.default.contents(atPath: path), Self.checksum(bytes) == header.checksum
        else { return nil }
        CachePruning.touch(path)
        CachePruning.touch(path + ".json")
        return header
    }

    private func make(_ key: String, arguments: [String], defines: [String], virtualFiles: [VirtualFile],
                      session: ClangSession) -> Header? {
        let fm = FileManager.default
        let path = directory.appendingPathComponent(key + ".pch").path
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        defer { try? fm.removeItem(atPath: temporary) }
        guard (try? fm.createDirectory(at: directory, withIntermediateDirectories: true)) != nil,
              let included = try? session.precompile(header: Prelude.precompiledSource, arguments: arguments,
                                                     virtualFiles: virtualFiles, to: temporary),
              let bytes = fm.contents(atPath: temporary)
        else { return nil }
        let texts = Dictionary(virtualFiles.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        var identifiers: Set<String> = []
        for file in included {
            guard let text = texts[file] ?? fm.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
            identifiers.formUnion(CIdentifiers.in(text))
        }
        let folders = Self.searchFolders(arguments)
        let headers = included.compactMap { file in
            folders.lazy.compactMap { PathText.below(file, $0) }.first
        }
        let header = Header(path: path, defines: defines, identifiers: identifiers, headers: Array(Set(headers)).sorted(),
                            checksum: Self.checksum(bytes))
        guard let meta = try? JSONEncoder().encode(header),
              rename(temporary, path) == 0,
              (try? meta.write(to: URL(fileURLWithPath: path + ".json"), options: .atomic)) != nil
        else { return nil }
        // Another process may have renamed its own file over this one in between: read back what is there.
        return stored(key)
    }

    /// The `-isystem` folders and the resource folder's include/, where `#include <…>` finds the system headers.
    static func searchFolders(_ arguments: [String]) -> [String] {
        var folders: [String] = []
        for (index, argument) in arguments.enumerated() where index + 1 < arguments.count {
            if argument == "-isystem" { folders.append(arguments[index + 1]) }
            if argument == "-resource-dir" { folders.append(arguments[index + 1] + "/include") }
        }
        return folders
    }

    static func checksum(_ bytes: Data) -> String {
        var hash = StableHash()
        hash.add([UInt8](bytes))
        return hash.hex
    }
}

/// The identifiers of C text, without those in comments, strings and character literals.
enum CIdentifiers {
    static func `in`(_ text: String) -> Set<String> {
        var result: Set<String> = []
        let bytes = Array(text.utf8)
        var i = 0
        func isStart(_ b: UInt8) -> Bool { b == 95 || (b | 0x20 >= 97 && b | 0x20 <= 122) }
        func isPart(_ b: UInt8) -> Bool { isStart(b) || (b >= 48 && b <= 57) }
        while i < bytes.count {
            let b = bytes[i]
            if b == 47, i + 1 < bytes.count, bytes[i + 1] == 47 {            // line comment
                while i < bytes.count, bytes[i] != 10 { i += 1 }
            } else if b == 47, i + 1 < bytes.count, bytes[i + 1] == 42 {     // block comment
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == 42 && bytes[i + 1] == 47) { i += 1 }
                i += 2
            } else if b == 34 || b == 39 {                                    // string or character literal
                i += 1
                while i < bytes.count, bytes[i] != b, bytes[i] != 10 { i += bytes[i] == 92 ? 2 : 1 }
                i += 1
            } else if isStart(b) {
                let start = i
                while i < bytes.count, isPart(bytes[i]) { i += 1 }
                result.insert(String(decoding: bytes[start..<i], as: UTF8.self))
            } else if b >= 48 && b <= 57 {                                    // a number with its suffix
                while i < bytes.count, isPart(bytes[i]) || bytes[i] == 46 { i += 1 }
            } else {
                i += 1
            }
        }
        return result
    }
}

/// Folders removed when the process exits normally (a run's own precompiled headers).
enum TemporaryFolders {
    nonisolated(unsafe) private static var folders: [String] = []
    private static let lock = NSLock()
    private static let installed: Void = { atexit { TemporaryFolders.removeAll() } }()

    static func removeAtExit(_ url: URL) {
        _ = installed
        lock.withLock { folders.append(url.path) }
    }

    private static func removeAll() {
        let paths = lock.withLock { folders }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}
