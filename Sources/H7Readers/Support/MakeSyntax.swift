/// GNU make line structure shared by the Makefile and subdir.mk readers: logical lines with
/// backslash continuations (also `\` followed by stray blanks, and CRLF), each byte mapped to its line.
struct MakeLine {
    /// Joined text; a continuation becomes one space.
    var bytes: [UInt8]
    /// Physical line of each byte in `bytes`.
    var lines: [Int]
    /// Physical line where the logical line starts.
    var firstLine: Int
    /// Starts with a tab (a recipe line when it follows a rule).
    var startsWithTab: Bool

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Tokens split on blanks outside `$(...)`/`${...}`, each with the line of its first byte.
    func tokens(from start: Int = 0, file: String? = nil) -> [FlagToken] {
        var tokens: [FlagToken] = []
        var depth = 0
        var tokenStart: Int?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "$"), index + 1 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "(") || bytes[index + 1] == UInt8(ascii: "{") {
                if tokenStart == nil { tokenStart = index }
                depth += 1
                index += 2
                continue
            }
            if depth > 0, byte == UInt8(ascii: ")") || byte == UInt8(ascii: "}") { depth -= 1 }
            if depth == 0, TextLines.isBlank(byte) {
                if let begin = tokenStart {
                    tokens.append(FlagToken(text: String(decoding: bytes[begin..<index], as: UTF8.self), line: lines[begin], file: file))
                    tokenStart = nil
                }
            } else if tokenStart == nil {
                tokenStart = index
            }
            index += 1
        }
        if let begin = tokenStart {
            tokens.append(FlagToken(text: String(decoding: bytes[begin..<bytes.count], as: UTF8.self), line: lines[begin], file: file))
        }
        return tokens
    }

    /// Splits make text into logical lines. `stripComments` removes `#` comments (not in recipes).
    static func split(_ text: [UInt8]) -> [MakeLine] {
        var result: [MakeLine] = []
        var current: MakeLine?
        for (offset, raw) in TextLines.split(text).enumerated() {
            let number = offset + 1
            var body = raw
            while let last = body.last, TextLines.isBlank(last) { body.removeLast() }
            var continues = false
            var slashes = 0
            for byte in body.reversed() {
                if byte == UInt8(ascii: "\\") { slashes += 1 } else { break }
            }
            if slashes % 2 == 1 {
                continues = true
                body.removeLast()
            }
            if var line = current.take() {
                var piece = body
                while let first = piece.first, TextLines.isBlank(first) { piece.removeFirst() }
                line.bytes.append(0x20)
                line.lines.append(number)
                line.bytes.append(contentsOf: piece)
                line.lines.append(contentsOf: repeatElement(number, count: piece.count))
                current = line
            } else {
                current = MakeLine(bytes: Array(body), lines: Array(repeating: number, count: body.count),
                                   firstLine: number, startsWithTab: body.first == 0x09)
            }
            if !continues, let line = current {
                result.append(line)
                current = nil
            }
        }
        if let line = current { result.append(line) }
        return result
    }

    /// The line without a `#` comment (an escaped `\#` stays).
    func withoutComment() -> MakeLine {
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == UInt8(ascii: "#") {
                return MakeLine(bytes: Array(bytes[..<index]), lines: Array(lines[..<index]),
                                firstLine: firstLine, startsWithTab: startsWithTab)
            }
            index += 1
        }
        return self
    }

    var isBlank: Bool { bytes.allSatisfy(TextLines.isBlank) }
}

/// What a make statement is.
enum MakeStatement {
    /// `NAME op value`; `valueStart` indexes the value in the line's bytes.
    case assignment(name: String, op: String, valueStart: Int)
    /// `targets: prerequisites`.
    case rule(targets: String, prerequisites: String)
    case other

    /// Classifies a comment-free, non-recipe logical line.
    static func classify(_ line: MakeLine) -> MakeStatement {
        let bytes = line.bytes
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "$"), index + 1 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "(") || bytes[index + 1] == UInt8(ascii: "{") {
                depth += 1
                index += 2
                continue
            }
            if depth > 0 {
                if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "}") { depth -= 1 }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "=") {
                var opStart = index
                while opStart > 0, "+?:!".utf8.contains(bytes[opStart - 1]) { opStart -= 1 }
                let op = String(decoding: bytes[opStart...index], as: UTF8.self)
                var name = String(decoding: bytes[..<opStart], as: UTF8.self).trimmingBlanks()
                for keyword in ["override ", "export ", "private "] where name.hasPrefix(keyword) {
                    name = String(name.dropFirst(keyword.count)).trimmingBlanks()
                }
                guard !name.isEmpty, !name.contains(" "), !name.contains("\t") else { return .other }
                return .assignment(name: name, op: op, valueStart: index + 1)
            }
            if byte == UInt8(ascii: ":") {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                if next == UInt8(ascii: "=") || next == UInt8(ascii: ":") { index += 1; continue }
                let targets = String(decoding: bytes[..<index], as: UTF8.self).trimmingBlanks()
                let rest = String(decoding: bytes[(index + 1)...], as: UTF8.self)
                let prerequisites = rest.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
                return .rule(targets: targets, prerequisites: prerequisites.trimmingBlanks())
            }
            index += 1
        }
        return .other
    }
}

extension String {
    func trimmingBlanks() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
