internal import CClang
import Foundation
import H7Model

/// The libclang a run parses with, as the parse cache's keys name it: its version and its resource folder (the
/// built-in headers, stddef.h and stdint.h). Debian's libclang is loaded from /usr/lib/<triple>, where clang
/// cannot derive its resource folder, so h7lint names it. A libclang without one (PyPI's wheel) gets h7lint's
/// BuiltinHeaders; `H7LINT_RESOURCE_DIR` names the folder (`none`: the stand-ins).
///
/// Loading libclang costs about 20 ms of CPU, half of checking an unchanged project. So a run with a cache
/// keeps what it learnt in the cache folder (ClangRecord), and a later run whose parses are all answered by the
/// cache takes the version and folder from there without loading libclang, as long as nothing that decides
/// which libclang would be loaded has changed. The first parse that misses loads it.
public enum ClangResources {
    public struct Identity: Codable, Equatable, Sendable {
        public var version: String
        public var directory: String?
    }

    /// libclang's version text (part of every key).
    static var version: String { identity.version }
    /// The resource folder, or nil for h7lint's BuiltinHeaders.
    static var directory: String? { identity.directory }
    /// Both, as one text for other caches' keys.
    public static var keyText: String { version + "\n" + (directory ?? "-") }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: Identity?
    nonisolated(unsafe) private static var recordFolder: URL?

    /// Keep and read the record in this (cache) folder. Returns whether a valid record was found there, in which
    /// case libclang is loaded only when a parse needs it; otherwise the caller loads it now (and reports a
    /// missing one).
    public static func useRecord(in folder: URL) -> Bool {
        lock.withLock {
            recordFolder = folder
            // Once loading was tried, `ClangLibrary.require()` answers at no cost (and reports a failed load); this
            // folder gets the record too.
            guard !ClangLibrary.attempted else {
                if let known { Self.keep(known, in: folder) }
                return false
            }
            if known == nil, let record = ClangRecord.read(in: folder), record.isValid() { known = record.identity }
            return known != nil
        }
    }

    /// The identity, from the record or from the loaded libclang (loading it if needed).
    static var identity: Identity {
        lock.withLock {
            if let known { return known }
            let loaded = fromLibrary()
            known = loaded
            if let recordFolder { keep(loaded, in: recordFolder) }
            return loaded
        }
    }

    /// Writes the loaded libclang's record to `folder` unless it is there already.
    private static func keep(_ identity: Identity, in folder: URL) {
        if let record = ClangRecord.current(identity), ClangRecord.read(in: folder) != record { record.write(in: folder) }
    }

    /// Version and folder as the loaded libclang gives them.
    static func fromLibrary() -> Identity {
        guard case .success = ClangLibrary.loaded else { return Identity(version: "", directory: nil) }
        let version = clang_getClangVersion().consume()  // "Debian clang version 14.0.6"
        return Identity(version: version, directory: directory(version: version))
    }

    static func directory(version: String) -> String? {
        if let forced = ProcessInfo.processInfo.environment["H7LINT_RESOURCE_DIR"], !forced.isEmpty {
            return forced == "none" ? nil : forced
        }
        return candidates(version: version).first { FileManager.default.fileExists(atPath: $0 + "/include/stddef.h") }
    }

    /// Resource folders tried for a version, in order.
    static func candidates(version: String) -> [String] {
        let number = version.split(separator: " ").first { $0.first?.isNumber == true }.map(String.init) ?? ""
        let major = number.split(separator: ".").first.map(String.init) ?? ""
        return ["/usr/lib/llvm-\(major)/lib/clang/\(number)", "/usr/lib/llvm-\(major)/lib/clang/\(major)",
                "/usr/lib/clang/\(number)", "/usr/lib/clang/\(major)"]
    }
}

/// What decided which libclang a run loaded, and what it was: the candidates tried, the environment that steers
/// the dynamic loader, and the size and modification time of every file and folder whose change could make
/// another libclang or resource folder win (the library, ld.so.cache, the library folders, the absolute
/// candidates, the resource folders). Valid while all of them are as recorded.
struct ClangRecord: Codable, Equatable {
    var candidates: [String]
    var environment: [String]
    var stamps: [String: String]
    var path: String
    var identity: ClangResources.Identity

    /// Not `.json`: the cache's entries are the folder's `.json` files.
    static let fileName = "libclang.record"
    static let folders = ["/etc/ld.so.cache", "/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib",
                          "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                          "/usr/lib/aarch64-linux-gnu"]

    static func environmentNow() -> [String] {
        let environment = ProcessInfo.processInfo.environment
        return ["LD_LIBRARY_PATH", "H7LINT_RESOURCE_DIR", "H7LINT_LIBCLANG"].map { "\($0)=\(environment[$0] ?? "")" }
    }

    /// `size.mtime` of a file or folder, `-` when absent.
    static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "-" }
        return "\(info.st_size).\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The record of the loaded libclang, when its file can be named.
    static func current(_ identity: ClangResources.Identity) -> ClangRecord? {
        guard let path = ClangLibrary.loadedFile else { return nil }
        let candidates = ClangLibrary.candidates()
        var watched = folders + [path] + candidates.filter { $0.hasPrefix("/") }
        watched += ClangResources.candidates(version: identity.version).map { $0 + "/include/stddef.h" }
        return ClangRecord(candidates: candidates, environment: environmentNow(),
                           stamps: Dictionary(watched.map { ($0, stamp($0)) }, uniquingKeysWith: { first, _ in first }),
                           path: path, identity: identity)
    }

    func isValid() -> Bool {
        candidates == ClangLibrary.candidates() && environment == Self.environmentNow()
            && stamps.allSatisfy { Self.stamp($0.key) == $0.value }
    }

    static func read(in folder: URL) -> ClangRecord? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else { return nil }
        return try? JSONDecoder().decode(ClangRecord.self, from: data)
    }

    /// Best effort, like the cache: written to a temporary name and renamed.
    func write(in folder: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        CacheFile.replace(folder.appendingPathComponent(Self.fileName), with: data)
    }
}
