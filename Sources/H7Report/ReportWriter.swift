import Foundation
import H7Model

/// Writes a report file whole or not at all: a temporary file in the same folder, then rename(2).
/// A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a pipe) is written
/// straight through: renaming over it would replace the device.
public enum ReportWriter {
    public static func write(_ text: String, to url: URL) throws {
        let target = url.standardizedFileURL
        var info = stat()
        if stat(target.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            guard let handle = FileHandle(forWritingAtPath: target.path) else {
                throw H7Error.usage("\(target.path): cannot write to it")
            }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: Data(text.utf8))
            } catch {
                throw H7Error.usage("\(target.path): cannot write the report (\(Self.reason(error)))")
            }
            return
        }
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw H7Error.usage("\(target.path): the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        TemporaryFileGuard.arm(temporary.path)
        defer { TemporaryFileGuard.disarm() }
        do {
            try Data(text.utf8).write(to: temporary, options: [.withoutOverwriting])
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw H7Error.usage("\(target.path): cannot write the report in \(folder.path) (\(Self.reason(error)))")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw H7Error.usage("\(target.path): cannot replace the file (\(reason))")
        }
    }

    /// Replaces project files together (`--fix`): each new content is written beside its file first, keeping the
    /// file's permissions; only when every one is written are they renamed over the originals, so a failure
    /// (a full disk, a read-only folder) changes nothing.
    public static func replaceContents(_ changes: [(url: URL, data: Data)]) throws {
        var staged: [(temporary: URL, target: URL)] = []
        defer { TemporaryFileGuard.disarm() }
        func discard() { for s in staged { try? FileManager.default.removeItem(at: s.temporary) } }
        for (url, data) in changes {
            let target = url.standardizedFileURL
            var info = stat()
            // A linked build file (a monorepo's shared makefile) is read, never replaced by a copy.
            if lstat(target.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                discard()
                throw H7Error.input("\(target.path): a symbolic link (other projects may share its target), nothing changed")
            }
            guard stat(target.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                discard()
                throw H7Error.input("\(target.path): not a regular file, nothing changed")
            }
            let temporary = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).h7lint-fix.tmp")
            TemporaryFileGuard.arm(temporary.path)
            do {
                try data.write(to: temporary, options: [.withoutOverwriting])
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                discard()
                throw H7Error.input("\(target.path): cannot write the fixed file (\(Self.reason(error))), nothing changed")
            }
            chmod(temporary.path, info.st_mode & 0o7777)
            staged.append((temporary, target))
        }
        for (n, s) in staged.enumerated() where rename(s.temporary.path, s.target.path) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in staged[n...] { try? FileManager.default.removeItem(at: rest.temporary) }
            let done = staged[..<n].map(\.target.path)
            throw H7Error.input("\(s.target.path): cannot replace the file (\(reason))" + (done.isEmpty ? ", nothing changed" : "; already replaced: \(done.joined(separator: ", "))"))
        }
    }

    /// The operating system's reason (`No space left on device`), not Foundation's error dump.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}


/// Removes the report's temporary file when SIGINT or SIGTERM arrives between writing it and renaming it
/// (a signal handler may only call async-signal-safe functions: unlink and _exit).
enum TemporaryFileGuard {
    /// The armed paths (C strings), at most `capacity`; the handler may only call unlink and _exit.
    static let capacity = 256
    nonisolated(unsafe) private static let paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var installed = false

    static func arm(_ file: String) {
        if !installed {
            paths.initialize(repeating: nil, count: capacity)
            installed = true
            for sig in [SIGINT, SIGTERM] {
                signal(sig) { received in
                    for i in 0..<TemporaryFileGuard.capacity { if let p = TemporaryFileGuard.paths[i] { unlink(p) } }
                    _exit(128 + received)
                }
            }
        }
        guard count < capacity else { return }
        paths[count] = strdup(file)
        count += 1
    }

    static func disarm() {
        guard installed else { return }
        for i in 0..<count {
            let old = paths[i]
            paths[i] = nil
            free(old)
        }
        count = 0
    }
}
