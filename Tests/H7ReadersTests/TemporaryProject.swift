import Foundation

/// A throw-away project folder for reader tests; removed when the test ends.
final class TemporaryProject {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("h7readers-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` (UTF-8) at `relativePath`, creating folders.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> URL {
        try write(relativePath, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relativePath: String, bytes: [UInt8]) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// Absolute, normalized path of a project-relative path.
    func path(_ relativePath: String) -> String {
        root.appendingPathComponent(relativePath).standardizedFileURL.path
    }
}

/// 1-based line of the `occurrence`-th appearance of `needle` in `text` (0 when absent).
func line(of needle: String, in text: String, occurrence: Int = 1) -> Int {
    var seen = 0
    for (offset, line) in text.components(separatedBy: "\n").enumerated() where line.contains(needle) {
        seen += 1
        if seen == occurrence { return offset + 1 }
    }
    return 0
}
