/// GNU make's conditional directives (`ifeq`, `ifneq`, `ifdef`, `ifndef`, `else`, `endif`), evaluated with
/// the makefile's own variables, as `make` with no variables on its command line does: only the branch make
/// would take is read. A condition h7lint cannot evaluate (a function call such as `$(filter ...)`, a
/// `$(shell ...)`) reads every branch and says so.
enum MakeConditional {
    enum Directive {
        case open(keyword: String, argument: String)
        case elseBranch(keyword: String?, argument: String)
        case close
    }

    static let keywords = ["ifeq", "ifneq", "ifdef", "ifndef"]

    /// The directive a comment-free logical line is, if any (leading blanks allowed, as make allows).
    static func directive(_ line: MakeLine) -> Directive? {
        let text = line.text.trimmingBlanks()
        if text == "endif" || text.hasPrefix("endif ") || text.hasPrefix("endif\t") { return .close }
        if text == "else" { return .elseBranch(keyword: nil, argument: "") }
        if text.hasPrefix("else ") || text.hasPrefix("else\t") {
            let rest = String(text.dropFirst(4)).trimmingBlanks()
            guard let (keyword, argument) = split(rest) else { return .elseBranch(keyword: nil, argument: "") }
            return .elseBranch(keyword: keyword, argument: argument)
        }
        return split(text).map { .open(keyword: $0.0, argument: $0.1) }
    }

    private static func split(_ text: String) -> (String, String)? {
        for keyword in keywords where text.hasPrefix(keyword) {
            let rest = text.dropFirst(keyword.count)
            guard let first = rest.first, first == " " || first == "\t" || first == "(" || first == "\"" || first == "'" else { continue }
            return (keyword, String(rest).trimmingBlanks())
        }
        return nil
    }

    /// The two operands of `ifeq`/`ifneq`: `(a,b)`, `"a" "b"`, `'a' 'b'` (mixed quotes too).
    static func operands(_ argument: String) -> (String, String)? {
        if argument.hasPrefix("(") && argument.hasSuffix(")") {
            let inner = Array(argument.dropFirst().dropLast())
            var depth = 0
            for (i, c) in inner.enumerated() {
                if c == "(" || c == "{" { depth += 1 }
                if c == ")" || c == "}" { depth -= 1 }
                if c == ",", depth == 0 {
                    return (String(inner[..<i]).trimmingBlanks(), String(inner[(i + 1)...]).trimmingBlanks())
                }
            }
            return nil
        }
        var parts: [String] = []
        var rest = Substring(argument)
        while let quote = rest.first, quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { return nil }
            parts.append(String(rest[..<end]))
            rest = rest[rest.index(after: end)...].drop { $0 == " " || $0 == "\t" }
        }
        return parts.count == 2 && rest.isEmpty ? (parts[0], parts[1]) : nil
    }

    /// Whether the text calls a make function (`$(filter a,b)`, `$(shell ...)`): h7lint does not evaluate those.
    static func callsFunction(_ text: String) -> Bool {
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            let after = rest[rest.index(after: dollar)...]
            if let open = after.first, open == "(" || open == "{" {
                let name = after.dropFirst().prefix { !")} \t$".contains($0) }
                if let next = after.dropFirst().dropFirst(name.count).first, next == " " || next == "\t" { return true }
            }
            rest = after
        }
        return false
    }
}

/// One conditional as the reader decided it, for the configuration's name and `--show-assumptions`.
struct MakeDecision {
    /// `ifeq ($(BOARD),custom)`, as written.
    var text: String
    var file: String
    var line: Int
    /// Whether its first branch was taken; nil when it could not be evaluated (every branch read).
    var firstBranchTaken: Bool?
    /// Variables assigned in branches that were not read.
    var skipped: Set<String> = []
    /// Variables assigned inside it (for a conditional that could not be evaluated).
    var assigned: Set<String> = []

    var description: String {
        let place = "\(file):\(line)"
        switch firstBranchTaken {
        case true?: return "\(text) (\(place)) taken"
        case false?: return "\(text) (\(place)) not taken"
        case nil: return "\(text) (\(place)) not evaluated: every branch read"
        }
    }
}
