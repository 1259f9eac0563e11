/// Messages are one line each (stderr, annotations, SARIF): text quoted from an input is escaped.
public enum MessageText {
    /// `text` with control characters written as escapes, so that a message quoting the file's own
    /// values stays one line (a scheme name holding carriage returns was found by fuzzing).
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// The longest headline kept whole; a longer one is cut at a word and ends in `…`.
    public static let headlineLimit = 72

    /// The short form of a finding's message for one-line reports: its first clause (up to `: `, `; ` or ` — `
    /// outside brackets), without bracketed asides, at most `headlineLimit` characters.
    public static func headline(_ message: String) -> String {
        // depth: brackets open at this point; aside: the depth of the outermost aside being dropped (an
        // opening bracket after a space), 0 outside one. A call's brackets (`f()`, `f(x)`) are kept.
        var clause = "", depth = 0, aside = 0
        var rest = Substring(message)
        while let c = rest.first {
            if depth == 0, !clause.isEmpty, ["; ", ": ", " — "].contains(where: { rest.hasPrefix($0) }) { break }
            if c == "(" || c == "[" {
                depth += 1
                if aside == 0, clause.isEmpty || clause.last == " " { aside = depth }
            }
            if aside == 0 { clause.append(c) }
            if c == ")" || c == "]" {
                if aside == depth { aside = 0 }
                depth = max(0, depth - 1)
            }
            rest = rest.dropFirst()
        }
        // An aside dropped before a comma leaves "MHz , APB2": the comma goes back to its word.
        let words = clause.replacingOccurrences(of: " ,", with: ",").split(separator: " ", omittingEmptySubsequences: true)
        var out = words.joined(separator: " ")
        guard out.count > headlineLimit else { return out }
        out = ""
        for word in words {
            if out.count + word.count + 1 > headlineLimit - 1 { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        return out + "…"
    }
}
