internal import CClang
import Foundation
import H7Model

/// Walks one translation unit's main file and copies out what rules read: calls, function-like
/// macro uses, struct-field and register assignments, function definitions and parse problems.
/// No libclang value leaves this type. Register writes: FactCollector+RegisterWrites (bit effects, locals),
/// FactCollector+RegisterForms (bit-field structs, address macros); designated initializers:
/// FactCollector+Initializers; calls read from tokens and the token and location helpers: FactCollector+Tokens.
struct FactCollector {
    let unit: CXTranslationUnit
    let relativePath: (String) -> String
    let evaluator: TokenEvaluator
    /// Calls worth recovering from tokens when libclang drops their statement.
    let recoverable: Set<String>
    let fileNames = FileNames()

    func collect(into facts: inout SourceFacts) {
        var state = WalkState()
        let mainFileCursors = topLevel { definition in
            if let macro = valueMacro(definition) { facts.macros[macro.name] = macro }
        }
        for child in mainFileCursors {
            if child.kind == CXCursor_MacroExpansion {
                if let call = macroCall(child) {
                    state.macroCalls.append(call)
                    state.macroWrites += projectMacroWrites(child, call: call)
                }
                continue
            }
            for definition in definitions(in: child) {
                state.definitions.append(definition)
                let name = definition.spelling
                var where_ = range(of: definition)
                let (_, line, column) = expansion(clang_getCursorLocation(definition))
                where_.line = line
                where_.column = column
                facts.functions.append(FunctionFact(name: name, range: where_))
                var parents: [CXCursor] = []
                state.locals = [:]
                walk(definition, parents: &parents, function: name, state: &state)
            }
        }
        // Macro expansions are top-level cursors: attach each to the function whose body holds it.
        for var call in state.macroCalls {
            call.function = facts.functions.first { contains($0.range, call.range) }?.name
            if let function = call.function {
                call.branch = branch(of: call.range, in: function, arms: state.arms)
                state.calls.append(call)
                if var write = Self.registerMacroWrite(call) {
                    write.branch = call.branch
                    state.assignments.append(write)
                }
            }
        }
        for var write in state.macroWrites {
            guard let function = facts.functions.first(where: { contains($0.range, write.range) })?.name else { continue }
            write.function = function
            write.branch = branch(of: write.range, in: function, arms: state.arms)
            state.assignments.append(write)
        }
        facts.problems = problems()
        facts.errorDirectives = facts.problems.filter { $0.isErrorDirective }
        facts.mentionedSupplyMacros = mentionedSupplyMacros(facts.functions)
        state.calls += recoveredCalls(existing: state.calls, definitions: state.definitions, problems: facts.problems)
        facts.calls = state.calls.sorted { $0.range < $1.range }
        facts.assignments = state.assignments
        facts.zeroInitialized = state.zeroInitialized
    }

    /// The unit's top-level cursors in the main file, but macro definitions (of any file), which go to
    /// `definition` as they are met: most of a unit's top level is its headers' definitions, not worth a list.
    private func topLevel(definition: (CXCursor) -> Void) -> [CXCursor] {
        withoutActuallyEscaping(definition) { definition in
            var visit = TopLevelVisit(definition: definition)
            withUnsafeMutablePointer(to: &visit) { pointer in
                _ = clang_visitChildren(clang_getTranslationUnitCursor(unit), { child, _, data in
                    let visit = data!.assumingMemoryBound(to: TopLevelVisit.self)
                    if clang_getCursorKind(child) == CXCursor_MacroDefinition {
                        visit.pointee.definition(child)
                    } else if clang_Location_isFromMainFile(clang_getCursorLocation(child)) != 0 {
                        visit.pointee.mainFile.append(child)
                    }
                    return CXChildVisit_Continue
                }, pointer)
            }
            return visit.mainFile
        }
    }

    private struct TopLevelVisit {
        let definition: (CXCursor) -> Void
        var mainFile: [CXCursor] = []
    }

    private struct WalkState {
        /// The main file's function definitions, in order.
        var definitions: [CXCursor] = []
        var calls: [CallFact] = []
        var macroCalls: [CallFact] = []
        /// Register writes inside the project's own macros, by the macro's call.
        var macroWrites: [AssignmentFact] = []
        var assignments: [AssignmentFact] = []
        var zeroInitialized: [String] = []
        /// The runtime branch arms (`if`/`else`, `?:`) the walk is in, outermost first, as `file:line:col#arm`.
        var branch: [String] = []
        /// Every arm of each function with its extent, for macro expansions (which the walk does not meet).
        var arms: [String: [(step: String, range: SourceRange)]] = [:]
        /// The current function's local variables that hold register bits or constants.
        var locals: [String: LocalValue] = [:]
    }

    /// The arms of `function` holding a place, outermost first.
    private func branch(of place: SourceRange, in function: String, arms: [String: [(step: String, range: SourceRange)]]) -> [String]? {
        let holding = (arms[function] ?? []).filter { contains($0.range, place) }.map(\.step)
        return holding.isEmpty ? nil : holding
    }

    // MARK: Walking function bodies

    /// `parents` grows and shrinks in place: copying it at each level made deep code (an `else if`
    /// chain thousands long) quadratic.
    private func walk(_ cursor: CXCursor, parents: inout [CXCursor], function: String, state: inout WalkState) {
        switch cursor.kind {
        case CXCursor_CallExpr:
            if var call = call(cursor, parents: parents, function: function) {
                call.branch = state.branch.isEmpty ? nil : state.branch
                state.calls.append(call)
            }
        case CXCursor_BinaryOperator, CXCursor_CompoundAssignOperator:
            if var assignment = assignment(cursor, function: function, locals: state.locals) {
                assignment.branch = state.branch.isEmpty ? nil : state.branch
                state.assignments.append(assignment)
                let parts = cursor.children
                if parts.count == 2, parts[0].kind == CXCursor_DeclRefExpr {
                    let name = parts[0].spelling
                    state.locals[name] = localValue(name, after: assignment.op, rhs: parts[1], locals: state.locals,
                                                    inBranch: !state.branch.isEmpty)
                }
            }
        case CXCursor_VarDecl:
            if let initializer = cursor.children.last, initializer.kind == CXCursor_InitListExpr,
               tokens(in: initializer.extent).allSatisfy({ ["{", "}", "0", "0U", "0u", "0UL"].contains($0) }) {
                state.zeroInitialized.append("\(function)/\(cursor.spelling)")
            }
            let designated = designatedAssignments(cursor, function: function)
            for var fact in designated.facts {
                fact.branch = state.branch.isEmpty ? nil : state.branch
                state.assignments.append(fact)
            }
            if designated.restIsZero { state.zeroInitialized.append("\(function)/\(cursor.spelling)") }
            // `uint32_t reg = RCC_CFGR;`: a local that holds a register's bits (its type is its only other child).
            if let initializer = cursor.children.last, initializer.kind != CXCursor_TypeRef, initializer.kind != CXCursor_InitListExpr {
                state.locals[cursor.spelling] = localValue(cursor.spelling, after: "=", rhs: initializer, locals: state.locals,
                                                           inBranch: !state.branch.isEmpty)
            }
        default:
            break
        }
        parents.append(cursor)
        let isBranch = cursor.kind == CXCursor_IfStmt || cursor.kind == CXCursor_ConditionalOperator
        // A switch's body: each case label starts an arm (`#case1`), up to the next label.
        let isSwitchBody = cursor.kind == CXCursor_CompoundStmt && parents.dropLast().last?.kind == CXCursor_SwitchStmt
        let id = isBranch ? range(of: cursor).description : (isSwitchBody ? range(of: parents[parents.count - 2]).description : "")
        var switchArm: String?
        for (index, child) in cursor.children.enumerated() {
            // Children of a branch: the condition, then the arms (then/else, or true/false).
            var step = isBranch && (index == 1 || index == 2) ? "\(id)#\(index - 1)" : nil
            if isSwitchBody {
                if child.kind == CXCursor_CaseStmt || child.kind == CXCursor_DefaultStmt { switchArm = "\(id)#case\(index)" }
                step = switchArm
            }
            if let step {
                state.branch.append(step)
                state.arms[function, default: []].append((step: step, range: range(of: child)))
            }
            walk(child, parents: &parents, function: function, state: &state)
            if step != nil { state.branch.removeLast() }
        }
        parents.removeLast()
    }

    private func call(_ cursor: CXCursor, parents: [CXCursor], function: String) -> CallFact? {
        let name = cursor.spelling
        guard !name.isEmpty else { return nil }
        let count = Int(clang_Cursor_getNumArguments(cursor))
        var arguments: [Operand] = []
        if count > 0 {
            for i in 0..<count {
                arguments.append(operand(clang_Cursor_getArgument(cursor, UInt32(i))))
            }
        }
        let callee = cursor.children.first.map { range(of: $0) } ?? range(of: cursor)
        return CallFact(name: name, arguments: arguments, range: callee, function: function,
                        resultUsed: isUsed(cursor, parents: parents))
    }

    /// Whether a call's value is consumed: false when it stands as a statement of its own.
    private func isUsed(_ cursor: CXCursor, parents: [CXCursor]) -> Bool {
        var child = cursor
        for parent in parents.reversed() {
            switch parent.kind {
            case CXCursor_UnexposedExpr, CXCursor_ParenExpr:
                child = parent
                continue
            case CXCursor_CStyleCastExpr:
                return true  // `(void)f()` discards the status on purpose
            case CXCursor_CompoundStmt, CXCursor_LabelStmt, CXCursor_CaseStmt, CXCursor_DefaultStmt:
                return false
            case CXCursor_IfStmt, CXCursor_WhileStmt, CXCursor_SwitchStmt:
                return clang_equalCursors(parent.children.first ?? parent, child) != 0
            case CXCursor_DoStmt:
                return clang_equalCursors(parent.children.last ?? parent, child) != 0
            case CXCursor_ForStmt:
                return false
            default:
                return true
            }
        }
        return false
    }

    static let assignmentOperators: Set<String> = ["=", "|=", "&=", "^=", "+=", "-=", "<<=", ">>="]

    private func assignment(_ cursor: CXCursor, function: String, locals: [String: LocalValue]) -> AssignmentFact? {
        let parts = cursor.children
        guard parts.count == 2 else { return nil }
        let lhs = parts[0], rhs = parts[1]
        let allTokens = tokens(in: cursor.extent)
        var depth = 0
        var opIndex: Int?
        for (i, token) in allTokens.enumerated() {
            if token == "(" || token == "[" { depth += 1 }
            if token == ")" || token == "]" { depth -= 1 }
            if depth == 0, Self.assignmentOperators.contains(token) { opIndex = i; break }
        }
        guard let opIndex, opIndex > 0 else { return nil }
        let op = allTokens[opIndex]
        let lhsTokens = Array(allTokens[..<opIndex])
        let written = lhsTokens.joined()
        let target = written.hasText("->") ? written : addressedRegister(lhs) ?? written
        let value = operand(rhs)
        if let write = bitFieldWrite(lhsTokens, op: op, value: value, range: range(of: cursor), function: function) { return write }
        var fact = AssignmentFact(target: target, rootType: rootType(of: lhs), op: op, value: value,
                                  range: range(of: cursor), function: function)
        if target.hasText("->") { fact.apply(Self.effect(op, bitEffect(rhs, target: target, locals: locals))) }
        return fact
    }

    /// The type name of the variable at the root of `a.b.c`.
    private func rootType(of lhs: CXCursor) -> String? {
        var cursor = lhs
        while true {
            let kids = cursor.children
            if cursor.kind == CXCursor_DeclRefExpr {
                return clang_getTypeSpelling(clang_getCursorType(cursor)).consume()
            }
            guard let first = kids.first else { return nil }
            if cursor.kind == CXCursor_MemberRefExpr && tokens(in: cursor.extent).contains("->") { return nil }
            cursor = first
        }
    }

    /// `USE_PWR_*` names the file's own code tests (`#if defined(USE_PWR_LDO_SUPPLY)`), outside ExitRun0Mode.
    private func mentionedSupplyMacros(_ functions: [FunctionFact]) -> [String] {
        let file = clang_getFile(unit, clang_getTranslationUnitSpelling(unit).consume())
        guard let file else { return [] }
        var size: Int = 0
        _ = clang_getFileContents(unit, file, &size)
        let whole = clang_getRange(clang_getLocationForOffset(unit, file, 0), clang_getLocationForOffset(unit, file, UInt32(size)))
        let exit = functions.first { $0.name == "ExitRun0Mode" }
        var names: Set<String> = []
        var pointer: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang_tokenize(unit, whole, &pointer, &count)
        guard let pointer else { return [] }
        defer { clang_disposeTokens(unit, pointer, count) }
        for i in 0..<Int(count) where clang_getTokenKind(pointer[i]) == CXToken_Identifier {
            let text = clang_getTokenSpelling(unit, pointer[i]).consume()
            guard text.hasPrefix("USE_PWR_") else { continue }
            if let exit {
                var line: UInt32 = 0
                clang_getSpellingLocation(clang_getTokenLocation(unit, pointer[i]), nil, &line, nil, nil)
                if Int(line) >= exit.range.line && Int(line) <= exit.range.endLine { continue }
            }
            names.insert(text)
        }
        return names.sorted()
    }

    // MARK: Macros and recovered calls

    /// Macros whose values the clock model reads (oscillator frequencies the HAL assumes).
    static let valueMacros: Set<String> = ["HSE_VALUE", "HSI_VALUE", "CSI_VALUE"]

    /// A `#define` of one of `valueMacros` in a project file (not the command line, not the stand-in).
    private func valueMacro(_ cursor: CXCursor) -> MacroFact? {
        guard let name = valueMacroName(cursor), clang_Cursor_isMacroFunctionLike(cursor) == 0 else { return nil }
        var file: CXFile?
        clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, nil, nil, nil)
        guard let file else { return nil }
        let path = clang_getFileName(file).consume()
        guard !path.isEmpty, !path.hasPrefix(Prelude.directory + "/") else { return nil }
        let body = Array(tokens(in: cursor.extent).dropFirst())
        var where_ = range(of: cursor)
        let (_, line, column) = expansion(clang_getCursorLocation(cursor))
        where_ = SourceRange(file: where_.file, line: line, column: column, endLine: line, endColumn: column + name.utf8.count)
        return MacroFact(name: name, value: evaluator.evaluate(body), spelled: Self.join(body), range: where_)
    }

    /// The cursor's name when it is one of `valueMacros`, compared as libclang's C string: a unit's top level is
    /// mostly macro definitions, and a Swift string for each name cost more than the rest of the walk's check.
    private func valueMacroName(_ cursor: CXCursor) -> String? {
        let spelling = clang_getCursorSpelling(cursor)
        defer { clang_disposeString(spelling) }
        guard let text = clang_getCString(spelling) else { return nil }
        for name in Self.valueMacroNames where name[0] == text[0] && strcmp(text, name) == 0 { return String(cString: text) }
        return nil
    }

    private static let valueMacroNames = valueMacros.map { Array($0.utf8CString) }

    /// Whether a diagnostic sits on an `#error` directive: `#`, blanks, then `error` at its place.
    private func isErrorDirective(at location: CXSourceLocation) -> Bool {
        var file: CXFile?
        var offset: UInt32 = 0
        clang_getSpellingLocation(location, &file, nil, nil, &offset)
        guard let file else { return false }
        var size = 0
        guard let buffer = clang_getFileContents(unit, file, &size) else { return false }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: size)
        let at = Int(offset)
        guard at + 5 <= size, String(decoding: bytes[at..<(at + 5)], as: UTF8.self) == "error" else { return false }
        var i = at - 1
        while i >= 0, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i -= 1 }
        return i >= 0 && bytes[i] == UInt8(ascii: "#")
    }

    private func contains(_ outer: SourceRange, _ inner: SourceRange) -> Bool {
        outer.file == inner.file && (outer.line, outer.column) <= (inner.line, inner.column)
            && (inner.line, inner.column) <= (outer.endLine, outer.endColumn)
    }

    // MARK: Diagnostics

    private func problems() -> [ParseProblem] {
        var result: [ParseProblem] = []
        for i in 0..<clang_getNumDiagnostics(unit) {
            let diagnostic = clang_getDiagnostic(unit, i)
            defer { clang_disposeDiagnostic(diagnostic) }
            let severity: Severity
            switch clang_getDiagnosticSeverity(diagnostic) {
            case CXDiagnostic_Error, CXDiagnostic_Fatal: severity = .error
            case CXDiagnostic_Warning: severity = .warning
            default: continue
            }
            guard severity == .error else { continue }
            let location = clang_getDiagnosticLocation(diagnostic)
            let (file, line, column) = expansion(location)
            var message = clang_getDiagnosticSpelling(diagnostic).consume()
            if isErrorDirective(at: location) { message = ParseProblem.errorDirectivePrefix + message }
            result.append(ParseProblem(severity: severity, message: message,
                                       range: file.isEmpty ? nil : SourceRange(file: file, line: line, column: column)))
        }
        return result
    }
}
