/// A unified diff of two versions of a file whose lines were changed in place (a fix never adds or removes
/// a line), with three lines of context, as `diff -u` and `git apply` read it. Built from bytes: line endings
/// (CRLF stays CRLF) and bytes that are not UTF-8 come out as they are in the file.
enum UnifiedDiff {
    static let context = 3

    static func render(path: String, old: [UInt8], new: [UInt8]) -> [UInt8] {
        // `a/` and `b/` for paths relative to the current folder (`git apply`, `patch -p1`); absolute ones as they are.
        let (from, to) = path.hasPrefix("/") ? (path, path) : ("a/" + path, "b/" + path)
        let a = FileBytes(bytes: old).linesWithBreaks, b = FileBytes(bytes: new).linesWithBreaks
        guard a.count == b.count else { return Array("--- \(from)\n+++ \(to)\n@@ file changed its line count @@\n".utf8) }
        let changed = a.indices.filter { a[$0] != b[$0] }
        guard !changed.isEmpty else { return [] }
        // Group changed lines whose contexts touch into one hunk.
        var hunks: [[Int]] = []
        for index in changed {
            if let last = hunks.last?.last, index - last <= 2 * context { hunks[hunks.count - 1].append(index) } else { hunks.append([index]) }
        }
        var out = Array("--- \(from)\n+++ \(to)\n".utf8)
        for hunk in hunks {
            let start = max(0, hunk[0] - context), end = min(a.count, hunk[hunk.count - 1] + context + 1)
            let count = end - start
            out += Array("@@ -\(start + 1),\(count) +\(start + 1),\(count) @@\n".utf8)
            let set = Set(hunk)
            for i in start..<end {
                if set.contains(i) {
                    out += line("-", a[i]) + line("+", b[i])
                } else {
                    out += line(" ", a[i])
                }
            }
        }
        return out
    }

    /// One diff line: the marker, the file's bytes, and git's note when the file's last line has no break.
    static func line(_ marker: String, _ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let text = Array(marker.utf8) + bytes
        return bytes.last == UInt8(ascii: "\n") ? text : text + Array("\n\\ No newline at end of file\n".utf8)
    }
}
