/// "Did you mean": the known name closest to a mistyped one, when it is close enough to be the intended one.
public enum Suggestion {
    /// ` (did you mean 'X'?)`, or an empty string when no known name is within a few edits.
    public static func didYouMean(_ typed: String, among known: some Sequence<String>) -> String {
        closest(typed, among: known).map { " (did you mean '\($0)'?)" } ?? ""
    }

    public static func closest(_ typed: String, among known: some Sequence<String>) -> String? {
        let wanted = Array(typed.uppercased())
        let limit = max(1, min(3, wanted.count / 3))
        var best: (name: String, distance: Int)?
        for name in known.sorted() {
            let distance = editDistance(wanted, Array(name.uppercased()))
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (name, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance, with an adjacent swap counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], previous2[j - 2] + 1) }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
