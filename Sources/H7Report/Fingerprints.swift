import Foundation
import H7Model

/// Fingerprints that survive unrelated edits: they hash the rule id, the file and the text of the
/// finding's line (trimmed), never its number; `occurrence` tells apart equal lines in one file.
public enum Fingerprints {
    /// The `h7lint/v1` fingerprint, also the baseline key.
    public static func finding(ruleID: String, path: String, lineText: String?, occurrence: Int) -> String {
        var hash = StableHash()
        hash.add("h7lint/v1")
        hash.add(ruleID)
        hash.add(path)
        hash.add(trimmed(lineText))
        hash.add(String(occurrence))
        return hash.hex
    }

    /// GitHub's `primaryLocationLineHash`: the trimmed line text's hash and its occurrence in the file.
    public static func lineHash(lineText: String?, occurrence: Int) -> String {
        String(StableHash.of(trimmed(lineText)).prefix(16)) + ":\(occurrence)"
    }

    static func trimmed(_ text: String?) -> String {
        (text ?? "").trimmingWhitespace()
    }

    /// Numbers repeated keys 1, 2, 3... in the order given.
    public struct Counter {
        private var seen: [String: Int] = [:]
        public init() {}
        public mutating func next(_ parts: String...) -> Int {
            let key = parts.joined(separator: "\u{0}")
            let n = (seen[key] ?? 0) + 1
            seen[key] = n
            return n
        }
    }
}
