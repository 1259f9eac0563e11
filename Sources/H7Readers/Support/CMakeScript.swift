/// One argument of a CMake command invocation.
struct CMakeArgument: Sendable {
    var text: String
    /// Quoted (`"..."`) and bracket (`[[...]]`) arguments are never split on `;`.
    var quoted: Bool
    var line: Int
}

/// `name(arg ...)`, name lower-cased.
struct CMakeCommand: Sendable {
    var name: String
    var arguments: [CMakeArgument]
    var line: Int
}

/// Tokenizes the CMake language (commands, quoted/bracket/unquoted arguments, line and bracket
/// comments) in one pass. Throws `Failure` with the line of the problem.
struct CMakeScript {
    struct Failure: Error {
        var message: String
        var line: Int
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    static func parse(_ bytes: [UInt8]) throws(Failure) -> [CMakeCommand] {
        var script = CMakeScript(bytes: bytes)
        return try script.commands()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        if bytes[index] == 0x0A { line += 1 }
        index += 1
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_")
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private mutating func commands() throws(Failure) -> [CMakeCommand] {
        var result: [CMakeCommand] = []
        while let byte = current {
            if Self.isSpace(byte) { advance(); continue }
            if byte == UInt8(ascii: "#") { try skipComment(); continue }
            guard Self.isIdentifierStart(byte) else {
                throw Failure(message: "unexpected character '\(Character(Unicode.Scalar(byte)))'", line: line)
            }
            let start = index
            let startLine = line
            while let next = current, Self.isIdentifier(next) { advance() }
            let name = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
            while let next = current, next == 0x20 || next == 0x09 { advance() }
            guard current == UInt8(ascii: "(") else {
                throw Failure(message: "expected '(' after '\(name)'", line: line)
            }
            advance()
            result.append(CMakeCommand(name: name, arguments: try arguments(command: name, startLine: startLine),
                                       line: startLine))
        }
        return result
    }

    /// `#...` to end of line, or `#[[...]]` / `#[==[...]==]`.
    private mutating func skipComment() throws(Failure) {
        advance()
        if let level = bracketLevel() {
            _ = try bracketContent(level: level)
            return
        }
        while let byte = current, byte != 0x0A { advance() }
    }

    /// At `[` followed by `=`* and `[`: consumes the opener and returns the number of `=`.
    private mutating func bracketLevel() -> Int? {
        guard current == UInt8(ascii: "[") else { return nil }
        var probe = index + 1
        while probe < bytes.count, bytes[probe] == UInt8(ascii: "=") { probe += 1 }
        guard probe < bytes.count, bytes[probe] == UInt8(ascii: "[") else { return nil }
        let level = probe - index - 1
        while index <= probe { advance() }
        return level
    }

    private mutating func bracketContent(level: Int) throws(Failure) -> String {
        let startLine = line
        if current == 0x0D { advance() }
        if current == 0x0A { advance() }
        let start = index
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "]") {
                var probe = index + 1
                while probe < bytes.count, bytes[probe] == UInt8(ascii: "=") { probe += 1 }
                if probe < bytes.count, bytes[probe] == UInt8(ascii: "]"), probe - index - 1 == level {
                    let text = String(decoding: bytes[start..<index], as: UTF8.self)
                    while index <= probe { advance() }
                    return text
                }
            }
            advance()
        }
        throw Failure(message: "unterminated bracket argument or comment", line: startLine)
    }

    private mutating func arguments(command: String, startLine: Int) throws(Failure) -> [CMakeArgument] {
        var result: [CMakeArgument] = []
        var depth = 0
        while true {
            guard let byte = current else {
                throw Failure(message: "missing ')' for '\(command)('", line: startLine)
            }
            if Self.isSpace(byte) { advance(); continue }
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
                advance()
            case UInt8(ascii: ")"):
                advance()
                if depth == 0 { return result }
                depth -= 1
            case UInt8(ascii: "#"):
                try skipComment()
            case UInt8(ascii: "\""):
                let argLine = line
                result.append(CMakeArgument(text: try quoted(), quoted: true, line: argLine))
            case UInt8(ascii: "["):
                let argLine = line
                if let level = bracketLevel() {
                    result.append(CMakeArgument(text: try bracketContent(level: level), quoted: true, line: argLine))
                } else {
                    result.append(CMakeArgument(text: unquoted(), quoted: false, line: argLine))
                }
            default:
                let argLine = line
                result.append(CMakeArgument(text: unquoted(), quoted: false, line: argLine))
            }
        }
    }

    /// A `"..."` argument; handles escapes (`\;` stays escaped so it never splits a list) and
    /// backslash-newline continuations.
    private mutating func quoted() throws(Failure) -> String {
        let startLine = line
        advance()
        var out: [UInt8] = []
        while let byte = current {
            if byte == UInt8(ascii: "\"") { advance(); return String(decoding: out, as: UTF8.self) }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                advance()
                appendEscape(to: &out)
                continue
            }
            out.append(byte)
            advance()
        }
        throw Failure(message: "unterminated quoted argument", line: startLine)
    }

    /// An unquoted argument: up to a blank, `(`, `)` or `#` (CMake allows none of them unescaped).
    private mutating func unquoted() -> String {
        var out: [UInt8] = []
        while let byte = current {
            if Self.isSpace(byte) || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "#") {
                break
            }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                advance()
                appendEscape(to: &out)
                continue
            }
            out.append(byte)
            advance()
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func appendEscape(to out: inout [UInt8]) {
        guard let letter = current else { return }
        advance()
        switch letter {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case 0x0A: break
        case UInt8(ascii: ";"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: ";")])
        default: out.append(letter)
        }
    }
}
