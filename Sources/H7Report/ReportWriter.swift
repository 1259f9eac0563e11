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
            try handle.write(contentsOf: Data(text.utf8))
            return
        }
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw H7Error.usage("\(target.path): the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw H7Error.usage("\(target.path): cannot write to \(folder.path)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw H7Error.usage("\(target.path): cannot replace the file (\(reason))")
        }
    }
}
