import Foundation

/// Reads files as lines, once each (for carets, fingerprints and suppression comments).
public final class SourceLines {
    private var files: [String: [String]?] = [:]

    public init() {}

    /// The lines of a file without their line breaks; nil when unreadable or larger than 8 MB.
    public func lines(of url: URL) -> [String]? {
        let key = url.standardizedFileURL.path
        if let cached = files[key] { return cached }
        var result: [String]?
        if let data = try? Data(contentsOf: URL(fileURLWithPath: key)), data.count < 8_000_000 {
            result = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }
        }
        files[key] = .some(result)
        return result
    }

    /// Whether a file's bytes contain `word` (read without splitting it into lines, and not kept).
    public static func mentions(_ word: String, in url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return false }
        let needle = Array(word.utf8)
        guard let first = needle.first else { return true }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            guard let base = raw.baseAddress, raw.count >= needle.count else { return false }
            var offset = 0
            while offset + needle.count <= raw.count {
                guard let hit = memchr(base + offset, Int32(first), raw.count - offset - needle.count + 1) else { return false }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if needle.indices.allSatisfy({ raw[at + $0] == needle[$0] }) { return true }
                offset = at + 1
            }
            return false
        }
    }

    /// Line `number` (1-based) of a file.
    public func line(_ number: Int, of url: URL) -> String? {
        guard let lines = lines(of: url), number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
