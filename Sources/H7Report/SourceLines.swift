import Foundation
import H7Model

/// Reads files as lines, once each (for carets, fingerprints and suppression comments); several threads may ask.
public final class SourceLines: @unchecked Sendable {
    /// Each file's lines as slices of its text: a report shows one or two lines of most files it reads.
    private var files: [String: [Substring]?] = [:]
    private let lock = NSLock()

    public init() {}

    /// The lines of a file without their line breaks; nil when unreadable or larger than 8 MB.
    public func lines(of url: URL) -> [String]? {
        load(url)?.map(String.init)
    }

    /// Line `number` (1-based) of a file.
    public func line(_ number: Int, of url: URL) -> String? {
        line(number, atPath: url.path)
    }

    /// Line `number` (1-based) of the file at `path` (absolute).
    public func line(_ number: Int, atPath path: String) -> String? {
        guard let lines = load(path), number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }

    private func load(_ url: URL) -> [Substring]? { load(url.path) }

    private func load(_ path: String) -> [Substring]? {
        // Most paths are in normal form already; Foundation's standardising costs more than reading a line.
        let key = PathText.isNormal(path) ? path : URL(fileURLWithPath: path).standardizedFileURL.path
        lock.lock()
        let cached = files[key]
        lock.unlock()
        if let cached { return cached }
        var result: [Substring]?
        if let data = FileOverlay.contents(atPath: key), data.count < 8_000_000 {
            result = String(decoding: data, as: UTF8.self).textLines
        }
        lock.lock()
        files[key] = .some(result)
        lock.unlock()
        return result
    }
}
