import Foundation
import H7Model

/// Replaces a project's files together (`--fix`), or none of them, never losing an edit made meanwhile:
/// each new content is staged in a temporary file of its own beside the file (mkstemp: unique, never an old
/// one), with the file's owner, group and mode; then every file is compared again with what was checked; only
/// when all are unchanged are they renamed over the originals.
public enum FileReplacer {
    public struct Change {
        public let url: URL
        /// The bytes the fix was planned on.
        public let original: [UInt8]
        public let fixed: [UInt8]
        public init(url: URL, original: [UInt8], fixed: [UInt8]) {
            self.url = url
            self.original = original
            self.fixed = fixed
        }
    }

    /// The part of a staged file's name that marks it as h7lint's (`.main.c.h7lint-fix-Ab12Cd`).
    public static let marker = ".h7lint-fix-"

    /// Why a file may not be replaced at all, before anything is staged.
    static func refusal(_ path: String, _ info: stat) -> String? {
        if (info.st_mode & S_IFMT) != S_IFREG { return "not a regular file" }
        if info.st_mode & 0o222 == 0 { return "read-only (mode \(String(info.st_mode & 0o7777, radix: 8))): h7lint does not write read-only files" }
        if info.st_nlink > 1 { return "has \(info.st_nlink) hard links: replacing it would split them" }
        return nil
    }

    public static func replace(_ changes: [Change]) throws {
        var staged: [(temporary: String, target: String, change: Change, info: stat)] = []
        defer { TemporaryFileGuard.disarm() }
        func discard() { for s in staged { unlink(s.temporary) } }
        for change in changes {
            let target = change.url.standardizedFileURL.path
            var info = stat()
            guard stat(target, &info) == 0 else { discard(); throw H7Error.input("\(target): \(String(cString: strerror(errno))), nothing changed") }
            if let refusal = refusal(target, info) { discard(); throw H7Error.input("\(target): \(refusal), nothing changed") }
            do {
                staged.append((try stage(change.fixed, beside: target, like: info), target, change, info))
            } catch let error as H7Error {
                discard()
                throw error
            }
        }
        // The last look: a file edited (or replaced) since the check keeps the edit, and the project keeps all its files.
        for s in staged {
            var now = stat()
            let same = stat(s.target, &now) == 0 && now.st_ino == s.info.st_ino && now.st_dev == s.info.st_dev
            guard same, let bytes = try? Data(contentsOf: URL(fileURLWithPath: s.target)), bytes.elementsEqual(s.change.original) else {
                discard()
                throw H7Error.input("\(s.target): changed while --fix ran (the edit is kept), nothing changed")
            }
        }
        for (n, s) in staged.enumerated() where rename(s.temporary, s.target) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in staged[n...] { unlink(rest.temporary) }
            let done = staged[..<n].map(\.target)
            throw H7Error.input("\(s.target): cannot replace the file (\(reason))"
                + (done.isEmpty ? ", nothing changed" : "; already replaced: \(done.joined(separator: ", ")) (run --fix again to finish)"))
        }
    }

    /// Writes `bytes` to a new temporary file beside `target` with the target's owner, group and mode.
    static func stage(_ bytes: [UInt8], beside target: String, like info: stat) throws -> String {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array("\(folder)/.\(name)\(marker)XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw H7Error.input("\(target): cannot write the fixed file (\(String(cString: strerror(errno)))), nothing changed") }
        let temporary = String(cString: template)
        TemporaryFileGuard.arm(temporary)
        func fail(_ what: String) -> H7Error {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            return H7Error.input("\(target): \(what) (\(reason)), nothing changed")
        }
        let error = StandardStreams.write(bytes, to: fd)
        if error != 0 { errno = error; throw fail("cannot write the fixed file") }
        if (info.st_uid != geteuid() || info.st_gid != getegid()) && fchown(fd, info.st_uid, info.st_gid) != 0 {
            throw fail("cannot keep its owner and group")
        }
        if fchmod(fd, info.st_mode & 0o7777) != 0 { throw fail("cannot keep its permissions") }
        if fsync(fd) != 0 { throw fail("cannot write the fixed file") }
        close(fd)
        return temporary
    }

    /// Staged files an interrupted `--fix` (killed before it could clean up) left in these folders.
    public static func leftovers(in folders: Set<String>) -> [String] {
        folders.sorted().flatMap { folder -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.filter { $0.hasPrefix(".") && ($0.contains(marker) || $0.hasSuffix(".h7lint-fix.tmp")) }
                .sorted().map { "\(folder)/\($0)" }
        }
    }
}
