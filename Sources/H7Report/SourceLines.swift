import Foundation
import H7Model

/// Reads files as lines, once each (for carets, fingerprints and suppression comments).
public final class SourceLines {
    private var files: [String: [String]?] = [:]

    public init() {}

    /// The lines of a file without their line breaks; nil when unreadable or larger than 8 MB.
    public func lines(of url: URL) -> [String]? {
        let key = url.standardizedFileURL.path
        if let cached = files[key] { return cached }
        var result: [String]?
        if let data = FileOverlay.contents(atPath: key), data.count < 8_000_000 {
            result = String(decoding: data, as: UTF8.self).textLines.map(String.init)
        }
        files[key] = .some(result)
        return result
    }

    /// Line `number` (1-based) of a file.
    public func line(_ number: Int, of url: URL) -> String? {
        guard let lines = lines(of: url), number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
