import Foundation
import H7Model

/// Writes a report file whole or not at all: a temporary file in the same folder, then rename(2).
/// A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a pipe) is written
/// straight through: renaming over it would replace the device.
public enum ReportWriter {
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    public static func write(_ data: Data, to url: URL) throws {
        let target = url.standardizedFileURL
        var info = stat()
        if stat(target.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            guard let handle = FileHandle(forWritingAtPath: target.path) else {
                throw H7Error.usage("\(target.path): cannot write to it")
            }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: data)
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
            try data.write(to: temporary, options: [.withoutOverwriting])
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
