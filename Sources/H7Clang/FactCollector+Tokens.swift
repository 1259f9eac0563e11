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

    func recoveredCalls(existing: [CallFact], functions: [FunctionFact], problems: [ParseProblem]) -> [CallFact] {
        let errors = problems.filter { $0.severity == .error }.compactMap(\.range)
        guard !errors.isEmpty else { return [] }
        let known = Set(existing.map { "\($0.range.line):\($0.range.column)" })
        var result: [CallFact] = []
        let root = clang_getTranslationUnitCursor(unit)
        for child in root.children.filter({ isInMainFile($0) }).flatMap({ definitions(in: $0) }) {
            let toks = tokenRecords(in: child.extent)
            for i in toks.indices where recoverable.contains(toks[i].text) && i + 1 < toks.count && toks[i + 1].text == "(" {
                let start = toks[i].range
                guard !known.contains("\(start.line):\(start.column)") else { continue }
                let args = splitArguments(Array(toks[(i + 2)...]))
                guard let last = args.last?.range ?? Optional(start),
                      errors.contains(where: { $0.file == start.file && ($0.line, $0.column) >= (start.line, start.column)
                          && ($0.line, $0.column) <= (last.endLine, last.endColumn + 1) }) else { continue }
                let previous = i > 0 ? toks[i - 1].text : ";"
                // After these the call starts a statement of its own: its status is not used.
                let used = ![";", "{", "}", ")", "else", ":"].contains(previous)
                result.append(CallFact(name: toks[i].text, arguments: args, range: start, function: child.spelling,
                                       resultUsed: used, recovered: true))
            }
        }
        return result
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

    func tokens(in extent: CXSourceRange) -> [String] { tokenRecords(in: extent, locations: false).map(\.text) }

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

    func tokenRecords(in rawExtent: CXSourceRange, locations: Bool = true) -> [TokenRecord] {
        let extent = fileExtent(rawExtent)
        var pointer: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang_tokenize(unit, extent, &pointer, &count)
        guard let pointer else { return [] }
        defer { clang_disposeTokens(unit, pointer, count) }
        var records: [TokenRecord] = []
        records.reserveCapacity(Int(count))
        for i in 0..<Int(count) {
            let token = pointer[i]
            if clang_getTokenKind(token) == CXToken_Comment { continue }
            let text = clang_getTokenSpelling(unit, token).consume()
            let r = locations ? range(clang_getTokenExtent(unit, token)) : SourceRange(file: "", line: 0)
            records.append(TokenRecord(text: text, range: r))
        }
        return records
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

    func isInMainFile(_ cursor: CXCursor) -> Bool {
        clang_Location_isFromMainFile(clang_getCursorLocation(cursor)) != 0
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
        let name = file.map { clang_getFileName($0).consume() } ?? ""
        return (relativePath(name), Int(line), Int(column))
    }
}
