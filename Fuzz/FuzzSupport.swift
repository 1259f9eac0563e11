import Foundation
import H7Model

/// Shared by the harnesses: a private folder for the input file, and the one rule every reader keeps:
/// bad input gives an `H7Error` whose message is one line naming the file; anything else is a bug.
enum FuzzSupport {
    static let folder: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: base).appendingPathComponent("h7lint-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `bytes` to `name` in the private folder.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, as name: String) -> URL {
        let url = folder.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url
    }

    /// Crashes (so libFuzzer keeps the input) unless `error` is a one-line H7Error starting with `prefix`.
    static func expectReported(_ error: Error, prefix: String) {
        guard let error = error as? H7Error else { fatalError("not an H7Error: \(error)") }
        guard error.kind == .input else { fatalError("kind \(error.kind): \(error.message)") }
        guard !error.message.contains("\n") else { fatalError("message of several lines: \(error.message)") }
        guard error.message.hasPrefix(prefix) else { fatalError("message does not name the file: \(error.message)") }
    }
}
