import H7Model

/// One compiler argument and the line that states it.
struct FlagToken: Sendable {
    var text: String
    var line: Int?
    /// Project-relative file that states it, when not the build file being read (make `include`).
    var file: String?

    init(text: String, line: Int?, file: String? = nil) {
        self.text = text
        self.line = line
        self.file = file
    }
}

/// The `-D` and `-I` parts of a compiler command line.
struct CompilerFlags: Sendable {
    var defines: [Define] = []
    /// Include folders as written (not yet resolved), with their lines.
    var includes: [FlagToken] = []

    /// Picks `-DNAME[=VALUE]`, `-D NAME`, `-Ipath`, `-I path`, `-isystem path`, `-iquote path`.
    static func scan(_ tokens: [FlagToken]) -> CompilerFlags {
        var flags = CompilerFlags()
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let text = token.text
            func operand(after prefix: String) -> FlagToken? {
                let attached = String(text.dropFirst(prefix.count))
                if !attached.isEmpty { return FlagToken(text: attached, line: token.line, file: token.file) }
                guard index + 1 < tokens.count else { return nil }
                index += 1
                return tokens[index]
            }
            if text.hasPrefix("-D") {
                if let value = operand(after: "-D"), var define = Define(parsing: unquote(value.text), line: value.line) {
                    define.file = value.file
                    flags.defines.append(define)
                }
            } else if text.hasPrefix("-isystem") {
                if let value = operand(after: "-isystem") { flags.includes.append(value) }
            } else if text.hasPrefix("-iquote") {
                if let value = operand(after: "-iquote") { flags.includes.append(value) }
            } else if text.hasPrefix("-I") {
                if let value = operand(after: "-I") { flags.includes.append(value) }
            } else if text == "-include" || text == "-imacros" || text == "-o" || text == "-MF" || text == "-MT" {
                index += 1
            }
            index += 1
        }
        flags.includes = flags.includes.map { FlagToken(text: unquote($0.text), line: $0.line, file: $0.file) }
        return flags
    }

    /// Strips one pair of matching outer quotes (`"x"`, `'x'`), as make leaves them in variables.
    static func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" else {
            return text
        }
        return String(text.dropFirst().dropLast())
    }
}
