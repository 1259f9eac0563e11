/// POSIX-shell-like word splitting for compile commands and make recipes.
enum ShellWords {
    struct UnterminatedQuote: Error {}

    /// Splits on unquoted blanks; honours `'...'`, `"..."` (with `\"`, `\\`, `\$`, `` \` ``) and backslash
    /// escapes. A backslash before an ordinary character is kept, so Windows paths survive.
    static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current: [Character] = []
        var inWord = false
        var chars = Array(text)[...]
        while let char = chars.popFirst() {
            switch char {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(String(current)); current = []; inWord = false }
            case "'":
                inWord = true
                guard let end = chars.firstIndex(of: "'") else { throw UnterminatedQuote() }
                current.append(contentsOf: chars[..<end])
                chars = chars[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let inner = chars.popFirst() {
                    if inner == "\"" { closed = true; break }
                    if inner == "\\", let next = chars.first, "\"\\$`".contains(next) {
                        current.append(next)
                        chars.removeFirst()
                    } else {
                        current.append(inner)
                    }
                }
                if !closed { throw UnterminatedQuote() }
            case "\\":
                inWord = true
                if let next = chars.first, " \t\"'\\$`".contains(next) {
                    current.append(next)
                    chars.removeFirst()
                } else {
                    current.append(char)
                }
            default:
                inWord = true
                current.append(char)
            }
        }
        if inWord { words.append(String(current)) }
        return words
    }
}
