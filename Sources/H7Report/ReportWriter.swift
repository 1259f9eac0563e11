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

    /// Replaces a project file's bytes whole or not at all, keeping its permissions (`--fix`).
    public static func replaceContents(of url: URL, with data: Data) throws {
        let target = url.standardizedFileURL
        var info = stat()
        guard stat(target.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw H7Error.input("\(target.path): not a regular file, not changed")
        }
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).h7lint-fix.tmp")
        TemporaryFileGuard.arm(temporary.path)
        defer { TemporaryFileGuard.disarm() }
        do {
            try data.write(to: temporary, options: [.withoutOverwriting])
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw H7Error.input("\(target.path): cannot write the fixed file (\(Self.reason(error)))")
        }
        chmod(temporary.path, info.st_mode & 0o7777)
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw H7Error.input("\(target.path): cannot replace the file (\(reason))")
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
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    static func arm(_ file: String) {
        path = strdup(file)
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { received in
                if let path = TemporaryFileGuard.path { unlink(path) }
                _exit(128 + received)
            }
        }
    }

    static func disarm() {
        let old = path
        path = nil
        free(old)
    }
}
