import H7Model

/// A word of a script with its place.
struct ScriptToken: Equatable {
    var text: String
    var range: SourceRange
}

/// Splits script text into commands, each a list of words. Quotes, brackets and commas only separate
/// words (so a JSON `"args": ["-ob", "RDP=0xCC"]` reads like the command line it becomes); `;`, `|`,
/// `&` and, where the file kind says so, newlines end a command. Comments are dropped. This is a
/// reading aid, not a shell: variables stay unexpanded.
enum ScriptTokenizer {
    private static let separators = Set(" \t\r\"'`,()[]{}<>\\".utf8)
    private static let breaks = Set(";|&".utf8)

    static func commands(in text: String, kind: ScriptScanner.Kind, file: String,
                         firstLine: Int = 1, firstColumn: Int = 1) -> [[ScriptToken]] {
        let bytes = Array(text.utf8)
        var commands: [[ScriptToken]] = []
        var current: [ScriptToken] = []
        var word: [UInt8] = []
        var wordStart = (line: 0, column: 0)
        var line = firstLine, column = firstColumn
        let comment = kind.lineComment.map { Array($0.utf8) }

        func endWord() {
            guard !word.isEmpty else { return }
            current.append(ScriptToken(text: String(decoding: word, as: UTF8.self),
                                       range: SourceRange(file: file, line: wordStart.line, column: wordStart.column,
                                                          endLine: wordStart.line, endColumn: wordStart.column + word.count)))
            word = []
        }
        func endCommand() {
            endWord()
            if !current.isEmpty { commands.append(current) }
            current = []
        }
        func skipToLineEnd(_ i: inout Int) {
            while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1; column += 1 }
        }

        var i = 0
        var atLineStart = true
        while i < bytes.count {
            let byte = bytes[i]
            if atLineStart && kind == .batch && isBatchComment(bytes, from: i) { skipToLineEnd(&i); continue }
            if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { atLineStart = false }
            if byte == UInt8(ascii: "\n") {
                let continued = lineContinues(current: current, word: word, kind: kind)
                if continued { dropContinuationMark(&word, &current) }
                if kind.newlineEndsCommand && !continued { endCommand() } else { endWord() }
                i += 1; line += 1; column = 1; atLineStart = true
                continue
            }
            if word.isEmpty, let comment, bytes[i...].starts(with: comment),
               comment != Array("#".utf8) || i == 0 || separators.contains(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "\n") {
                skipToLineEnd(&i)
                continue
            }
            if breaks.contains(byte) || (kind == .json && (byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")))
                || (kind == .cmake && byte == UInt8(ascii: ")")) {
                endCommand()
            } else if separators.contains(byte) && !(byte == UInt8(ascii: "\\") && isContinuation(bytes, at: i, kind: kind)) {
                endWord()
            } else {
                if word.isEmpty { wordStart = (line, column) }
                word.append(byte)
            }
            i += 1
            column += 1
        }
        endCommand()
        return commands
    }

    /// A `\` (or `^` in batch files) right before the newline continues the command on the next line.
    private static func lineContinues(current: [ScriptToken], word: [UInt8], kind: ScriptScanner.Kind) -> Bool {
        let mark: UInt8 = kind == .batch ? UInt8(ascii: "^") : UInt8(ascii: "\\")
        if let last = word.last { return last == mark }
        return current.last?.text == String(UnicodeScalar(mark))
    }

    private static func dropContinuationMark(_ word: inout [UInt8], _ current: inout [ScriptToken]) {
        if !word.isEmpty { word.removeLast() } else { current.removeLast() }
    }

    /// A backslash at the end of a line (before optional `\r`) is kept as a word so the newline sees it.
    private static func isContinuation(_ bytes: [UInt8], at i: Int, kind: ScriptScanner.Kind) -> Bool {
        guard kind != .batch else { return false }
        var j = i + 1
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") || bytes[j] == UInt8(ascii: "\r") { j += 1 }
        return j >= bytes.count || bytes[j] == UInt8(ascii: "\n")
    }

    private static func isBatchComment(_ bytes: [UInt8], from i: Int) -> Bool {
        var j = i
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") || bytes[j] == UInt8(ascii: "@") { j += 1 }
        let rest = String(decoding: bytes[j..<min(bytes.count, j + 4)], as: UTF8.self).lowercased()
        return rest.hasPrefix("::") || rest == "rem" || rest.hasPrefix("rem ") || rest.hasPrefix("rem\t")
    }
}
