/// A unified diff of two versions of a file whose lines were changed in place (a fix never adds or removes
/// a line), with three lines of context, as `diff -u` and `git apply` read it.
enum UnifiedDiff {
    static let context = 3

    static func render(path: String, old: [UInt8], new: [UInt8]) -> String {
        // `a/` and `b/` for paths relative to the current folder (`git apply`, `patch -p1`); absolute ones as they are.
        let (from, to) = path.hasPrefix("/") ? (path, path) : ("a/" + path, "b/" + path)
        let a = FileBytes(bytes: old).linesWithBreaks, b = FileBytes(bytes: new).linesWithBreaks
        guard a.count == b.count else { return "--- \(from)\n+++ \(to)\n@@ file changed its line count @@\n" }
        let changed = a.indices.filter { a[$0] != b[$0] }
        guard !changed.isEmpty else { return "" }
        // Group changed lines whose contexts touch into one hunk.
        var hunks: [[Int]] = []
        for index in changed {
            if let last = hunks.last?.last, index - last <= 2 * context { hunks[hunks.count - 1].append(index) } else { hunks.append([index]) }
        }
        var out = "--- \(from)\n+++ \(to)\n"
        for hunk in hunks {
            let start = max(0, hunk[0] - context), end = min(a.count, hunk[hunk.count - 1] + context + 1)
            let count = end - start
            out += "@@ -\(start + 1),\(count) +\(start + 1),\(count) @@\n"
            let set = Set(hunk)
            for i in start..<end {
                if set.contains(i) {
                    out += "-" + text(a[i]) + "+" + text(b[i])
                } else {
                    out += " " + text(a[i])
                }
            }
        }
        return out
    }

    static func text(_ line: ArraySlice<UInt8>) -> String {
        let s = String(decoding: line, as: UTF8.self)
        return s.hasSuffix("\n") ? s : s + "\n\\ No newline at end of file\n"
    }
}
