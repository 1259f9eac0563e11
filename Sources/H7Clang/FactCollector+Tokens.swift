internal import CClang
import H7Model

/// Token recovery: calls and macro arguments read from tokens where the AST has none, and the
/// token and location helpers the walk shares.
extension FactCollector {
    // MARK: Macro calls and recovered calls

    func macroCall(_ cursor: CXCursor) -> CallFact? {
        let toks = tokenRecords(in: cursor.extent)
        guard toks.count >= 3, toks[1].text == "(" else { return nil }
        let args = splitArguments(Array(toks.dropFirst(2)))
        return CallFact(name: cursor.spelling, arguments: args, range: toks[0].range, function: nil,
                        resultUsed: false, isMacro: true)
    }

    /// `definitions`: the main file's function definitions, in order.
    func recoveredCalls(existing: [CallFact], definitions: [CXCursor], problems: [ParseProblem]) -> [CallFact] {
        let errors = problems.filter { $0.severity == .error }.compactMap(\.range)
        guard !errors.isEmpty else { return [] }
        let known = Set(existing.map { "\($0.range.line):\($0.range.column)" })
        return definitions.flatMap { recoveredCalls(in: $0, known: known, errors: errors) }
    }

    /// The calls of one definition that an error made libclang drop. Every token's text is read, places only
    /// for the calls found (most of a body is neither).
    private func recoveredCalls(in child: CXCursor, known: Set<String>, errors: [SourceRange]) -> [CallFact] {
        withTokens(in: child.extent) { tokens in
            var result: [CallFact] = []
            let texts = tokens.map(text(of:))
            for i in texts.indices where recoverable.contains(texts[i]) && i + 1 < texts.count && texts[i + 1] == "(" {
                let toks = tokens[i...Self.closingParenthesis(texts, from: i + 2)].map(record)
                let start = toks[0].range
                guard !known.contains("\(start.line):\(start.column)") else { continue }
                let args = splitArguments(Array(toks[2...]))
                guard let last = args.last?.range ?? Optional(start),
                      errors.contains(where: { $0.file == start.file && ($0.line, $0.column) >= (start.line, start.column)
                          && ($0.line, $0.column) <= (last.endLine, last.endColumn + 1) }) else { continue }
                let previous = i > 0 ? texts[i - 1] : ";"
                // After these the call starts a statement of its own: its status is not used.
                let used = ![";", "{", "}", ")", "else", ":"].contains(previous)
                result.append(CallFact(name: texts[i], arguments: args, range: start, function: child.spelling,
                                       resultUsed: used, recovered: true))
            }
            return result
        }
    }

    /// The index of the `)` closing the arguments that start at `start`, else the last token's (`splitArguments`
    /// reads no further).
    static func closingParenthesis(_ texts: [String], from start: Int) -> Int {
        var depth = 0
        for index in texts.indices.dropFirst(start) {
            if texts[index] == "(" { depth += 1 }
            if texts[index] == ")" {
                if depth == 0 { return index }
                depth -= 1
            }
        }
        return texts.count - 1
    }

    /// Splits `a, (b, c))...` (the tokens after an opening parenthesis) into top-level arguments.
    func splitArguments(_ toks: [TokenRecord]) -> [Operand] {
        var args: [Operand] = []
        var current: [TokenRecord] = []
        var depth = 0
        func flush() {
            guard let first = current.first, let last = current.last else { return }
            let texts = current.map(\.text)
            var r = first.range
            r.endLine = last.range.endLine
            r.endColumn = last.range.endColumn
            args.append(Operand(spelled: Self.join(texts), value: evaluator.evaluate(texts), range: r))
            current = []
        }
        for token in toks {
            if token.text == "(" { depth += 1 }
            if token.text == ")" {
                if depth == 0 { flush(); return args }
                depth -= 1
            }
            if token.text == "," && depth == 0 { flush(); continue }
            current.append(token)
        }
        flush()
        return args
    }

    // MARK: Operands, tokens, locations

    func operand(_ cursor: CXCursor) -> Operand {
        let texts = tokens(in: cursor.extent)
        let value = cursor.integerValue ?? evaluator.evaluate(texts)
        return Operand(spelled: Self.join(texts), value: value, range: range(of: cursor))
    }

    struct TokenRecord {
        var text: String
        var range: SourceRange
    }

    func tokens(in extent: CXSourceRange) -> [String] { withTokens(in: extent) { $0.map(text(of:)) } }

    /// The extent mapped to where it is written in the file, so tokens can be read even when it
    /// starts or ends inside a macro expansion (`PWR->CR3 = ...`).
    func fileExtent(_ extent: CXSourceRange) -> CXSourceRange {
        func mapped(_ location: CXSourceLocation) -> CXSourceLocation {
            var file: CXFile?
            var line: UInt32 = 0, column: UInt32 = 0, offset: UInt32 = 0
            clang_getExpansionLocation(location, &file, &line, &column, &offset)
            guard let file else { return location }
            return clang_getLocationForOffset(unit, file, offset)
        }
        let start = clang_getRangeStart(extent), end = clang_getRangeEnd(extent)
        let mappedEnd = mapped(end)
        // An end inside a macro maps to the macro name's start: extend it past the name.
        var endFile: CXFile?
        var endOffset: UInt32 = 0
        clang_getExpansionLocation(end, &endFile, nil, nil, &endOffset)
        var spellingFile: CXFile?
        clang_getSpellingLocation(end, &spellingFile, nil, nil, nil)
        if let endFile, let spellingFile, clang_File_isEqual(endFile, spellingFile) == 0 {
            var pointer: UnsafeMutablePointer<CXToken>?
            var count: UInt32 = 0
            clang_tokenize(unit, clang_getRange(mappedEnd, mappedEnd), &pointer, &count)
            if let pointer, count > 0 {
                let tokenEnd = clang_getRangeEnd(clang_getTokenExtent(unit, pointer[0]))
                clang_disposeTokens(unit, pointer, count)
                return clang_getRange(mapped(start), tokenEnd)
            }
        }
        return clang_getRange(mapped(start), mappedEnd)
    }

    func tokenRecords(in rawExtent: CXSourceRange) -> [TokenRecord] {
        withTokens(in: rawExtent) { $0.map(record) }
    }

    /// The extent's tokens without comments, for `body` (libclang frees them after it).
    func withTokens<T>(in rawExtent: CXSourceRange, _ body: ([CXToken]) -> T) -> T {
        let extent = fileExtent(rawExtent)
        var pointer: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang_tokenize(unit, extent, &pointer, &count)
        guard let pointer else { return body([]) }
        defer { clang_disposeTokens(unit, pointer, count) }
        return body(UnsafeBufferPointer(start: pointer, count: Int(count)).filter { clang_getTokenKind($0) != CXToken_Comment })
    }

    func text(of token: CXToken) -> String { clang_getTokenSpelling(unit, token).consume() }

    func record(_ token: CXToken) -> TokenRecord {
        TokenRecord(text: text(of: token), range: range(clang_getTokenExtent(unit, token)))
    }

    static func join(_ tokens: [String]) -> String {
        var out = ""
        for (i, token) in tokens.enumerated() {
            let previous = i > 0 ? tokens[i - 1] : ""
            let tight = i == 0 || ["(", "[", "~", "!", ".", "->"].contains(previous)
                || [")", "]", ",", ".", "->", "("].contains(token) && !(token == "(" && ["|", "&", "=", "+"].contains(previous))
            out += (tight ? "" : " ") + token
        }
        return out
    }

    func range(of cursor: CXCursor) -> SourceRange { range(cursor.extent) }

    func range(_ extent: CXSourceRange) -> SourceRange {
        let (file, line, column) = expansion(clang_getRangeStart(extent))
        let (_, endLine, endColumn) = expansion(clang_getRangeEnd(extent))
        return SourceRange(file: file, line: line, column: column, endLine: max(endLine, line),
                           endColumn: endLine > line ? endColumn : max(endColumn, column))
    }

    func expansion(_ location: CXSourceLocation) -> (String, Int, Int) {
        var file: CXFile?
        var line: UInt32 = 0, column: UInt32 = 0
        clang_getExpansionLocation(location, &file, &line, &column, nil)
        let name = file.map { file in fileNames.name(file) { relativePath(clang_getFileName(file).consume()) } }
        return (name ?? relativePath(""), Int(line), Int(column))
    }
}

/// The relative name of each file a unit's locations are in, by libclang's handle: every token and cursor place
/// asks, and a unit's places lie in a few files.
final class FileNames {
    private var names: [CXFile: String] = [:]

    func name(_ file: CXFile, orMake make: () -> String) -> String {
        if let known = names[file] { return known }
        let made = make()
        names[file] = made
        return made
    }
}
