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
        guard let lines = load(url), number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }

    private func load(_ url: URL) -> [Substring]? {
        let key = url.standardizedFileURL.path
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
