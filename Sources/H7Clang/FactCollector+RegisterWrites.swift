internal import CClang
import Foundation
import H7Model

/// Register writes: assignments to `PWR->CR3` and the like replayed bit by bit, and the CMSIS
/// macros (`SET_BIT`, `MODIFY_REG`, ...) that hide the operator.
extension FactCollector {
    /// CMSIS's `SET_BIT(reg, bits)`, `CLEAR_BIT`, `WRITE_REG`, `MODIFY_REG(reg, clear, set)`: register
    /// writes whose operator sits in the macro, so the AST walk cannot place them. Read from the call.
    static func registerMacroWrite(_ call: CallFact) -> AssignmentFact? {
        let args = call.arguments
        guard let target = args.first?.spelled.filter({ !$0.isWhitespace }), target.hasText("->") else { return nil }
        let all = BitEffect.all
        switch (call.name, args.count) {
        case ("SET_BIT", 2):
            return AssignmentFact(target: target, rootType: nil, op: "|=", value: args[1],
                                  setBits: args[1].value.map { $0 & all }, clearBits: args[1].value.map { _ in 0 },
                                  keepsOtherBits: args[1].value != nil, range: call.range, function: call.function)
        case ("CLEAR_BIT", 2):
            return AssignmentFact(target: target, rootType: nil, op: "&=", value: args[1],
                                  setBits: args[1].value.map { _ in 0 }, clearBits: args[1].value.map { $0 & all },
                                  keepsOtherBits: args[1].value != nil, range: call.range, function: call.function)
        case ("WRITE_REG", 2):
            return AssignmentFact(target: target, rootType: nil, op: "=", value: args[1],
                                  setBits: args[1].value.map { $0 & all }, clearBits: args[1].value.map { ~$0 & all },
                                  keepsOtherBits: false, range: call.range, function: call.function)
        case ("MODIFY_REG", 3):
            guard let clear = args[1].value, let set = args[2].value else {
                return AssignmentFact(target: target, rootType: nil, op: "=", value: args[2], range: call.range,
                                      function: call.function)
            }
            return AssignmentFact(target: target, rootType: nil, op: "=", value: args[2], setBits: set & all,
                                  clearBits: clear & ~set & all, keepsOtherBits: true, range: call.range,
                                  function: call.function)
        default:
            return nil
        }
    }

    // MARK: Register bit effects

    /// Per bit of a register value: surely 1 (`set`), surely 0 (`clear`), its old value (`keep`),
    /// or unknown (none of the three).
    struct BitEffect {
        static let all = 0xFFFF_FFFF
        var set: Int
        var clear: Int
        var keep: Int

        static let old = BitEffect(set: 0, clear: 0, keep: all)
        static let unknown = BitEffect(set: 0, clear: 0, keep: 0)
        static func constant(_ v: Int) -> BitEffect { BitEffect(set: v & all, clear: ~v & all, keep: 0) }

        func or(_ o: BitEffect) -> BitEffect {
            let set = self.set | o.set, clear = self.clear & o.clear
            let keep = ((self.keep & (o.clear | o.keep)) | (o.keep & self.clear)) & ~set & Self.all
            return BitEffect(set: set, clear: clear, keep: keep)
        }

        func and(_ o: BitEffect) -> BitEffect {
            let clear = self.clear | o.clear, set = self.set & o.set
            let keep = ((self.keep & (o.set | o.keep)) | (o.keep & self.set)) & ~clear & Self.all
            return BitEffect(set: set, clear: clear, keep: keep)
        }

        /// Every bit is known or keeps its old value.
        var keepsOtherBits: Bool { (set | clear | keep) & Self.all == Self.all && keep != 0 }

        /// The value when every bit is known.
        var constant: Int? { keep == 0 && (set | clear) & Self.all == Self.all ? set : nil }

        /// `+ - * << >>` of two constants (`(pllp - 1) << 9` with `pllp` a local); unknown otherwise.
        func arithmetic(_ op: String, _ o: BitEffect) -> BitEffect {
            guard let a = constant, let b = o.constant else { return .unknown }
            switch op {
            case "+": return .constant(a &+ b)
            case "-": return .constant(a &- b)
            case "*": return .constant(a &* b)
            case "<<" where b >= 0 && b < 32: return .constant(a << b)
            case ">>" where b >= 0 && b < 32: return .constant(a >> b)
            default: return .unknown
            }
        }
    }

    /// What a local variable holds: bits relative to the register it was read from (`reg32 = RCC_CFGR`), or a
    /// constant. Read back into a write to another register, the read register's bits are unknown.
    struct LocalValue {
        var register: String?
        var bits: BitEffect

        func effect(on target: String) -> BitEffect {
            register == nil || register == target ? bits : BitEffect(set: bits.set, clear: bits.clear, keep: 0)
        }
    }

    /// The register a right-hand side reads (`RCC_CFGR`, `RCC->CFGR`), for a local variable's value.
    func registerRead(in cursor: CXCursor, depth: Int = 0) -> String? {
        guard depth < 12 else { return nil }
        if cursor.kind == CXCursor_UnaryOperator, let name = addressedRegister(cursor) { return name }
        if cursor.kind == CXCursor_MemberRefExpr {
            let text = tokens(in: cursor.extent).joined()
            if text.hasText("->") { return text }
        }
        for child in cursor.children { if let name = registerRead(in: child, depth: depth + 1) { return name } }
        return nil
    }

    /// A local variable's value after `name op rhs` (or its initializer, with op `=`); nil when unknown (set in one
    /// of several runtime arms, or by an operator h7lint does not follow).
    func localValue(_ name: String, after op: String, rhs: CXCursor, locals: [String: LocalValue], inBranch: Bool) -> LocalValue? {
        guard !inBranch else { return nil }
        let old = locals[name]
        let register = op == "=" ? registerRead(in: rhs) : old?.register ?? registerRead(in: rhs)
        let value = bitEffect(rhs, target: register ?? "", locals: locals)
        switch op {
        case "=": return LocalValue(register: register, bits: value)
        case "|=": return old.map { LocalValue(register: register, bits: $0.bits.or(value)) }
        case "&=": return old.map { LocalValue(register: register, bits: $0.bits.and(value)) }
        default:
            guard let old, old.bits.constant != nil else { return nil }
            return LocalValue(register: register, bits: old.bits.arithmetic(String(op.dropLast()), value))
        }
    }

    /// What an assignment operator makes of its right-hand side's bits.
    static func effect(_ op: String, _ rhs: BitEffect) -> BitEffect {
        switch op {
        case "|=": BitEffect.old.or(rhs)
        case "&=": BitEffect.old.and(rhs)
        case "=": rhs
        default: .unknown
        }
    }

    /// `locals`: what the function's local variables hold so far (`reg32 = RCC_CFGR; reg32 &= ~7;`).
    func bitEffect(_ cursor: CXCursor, target: String, locals: [String: LocalValue] = [:]) -> BitEffect {
        if let value = cursor.integerValue { return .constant(value) }
        let kids = cursor.children
        switch cursor.kind {
        case CXCursor_ParenExpr, CXCursor_UnexposedExpr, CXCursor_CStyleCastExpr:
            return kids.last.map { bitEffect($0, target: target, locals: locals) } ?? .unknown
        case CXCursor_MemberRefExpr:
            return tokens(in: cursor.extent).joined() == target ? .old : .unknown
        case CXCursor_DeclRefExpr:
            return locals[cursor.spelling]?.effect(on: target) ?? .unknown
        case CXCursor_BinaryOperator where kids.count == 2:
            let lhsCount = tokens(in: kids[0].extent).count
            let all = tokens(in: cursor.extent)
            guard all.count > lhsCount else { return .unknown }
            let a = bitEffect(kids[0], target: target, locals: locals), b = bitEffect(kids[1], target: target, locals: locals)
            switch all[lhsCount] {
            case "|": return a.or(b)
            case "&": return a.and(b)
            case let op: return a.arithmetic(op, b)
            }
        case CXCursor_UnaryOperator:
            if addressedRegister(cursor) == target { return .old }
            if tokens(in: cursor.extent).first == "~" {
                if let value = kids.first?.integerValue { return .constant(~value) }
                if let inner = kids.first, let value = bitEffect(inner, target: target, locals: locals).constant { return .constant(~value) }
            }
            return .unknown
        default:
            return .unknown
        }
    }

    // MARK: Writes inside project macros

    static let cmsisWriteMacros: Set<String> = ["SET_BIT", "CLEAR_BIT", "WRITE_REG", "MODIFY_REG"]

    /// The register writes a project's function-like macro expands to (`#define PLL1_SET(m, n) RCC->PLL1DIVR = ...`).
    /// libclang places every token of an expansion at the macro's call, so the body is read from the definition's
    /// tokens with the call's arguments put in: statements `REG op value` and CMSIS's SET_BIT/.../MODIFY_REG.
    func projectMacroWrites(_ expansion: CXCursor, call: CallFact) -> [AssignmentFact] {
        // The HAL's own macros (`__HAL_RCC_PLL_CONFIG`) are read by name, as calls.
        guard !Self.cmsisWriteMacros.contains(call.name), !["__HAL_", "HAL_", "LL_"].contains(where: call.name.hasPrefix) else { return [] }
        let definition = clang_getCursorReferenced(expansion)
        guard definition.kind == CXCursor_MacroDefinition, clang_Cursor_isMacroFunctionLike(definition) != 0,
              !isStandIn(definition) else { return [] }
        let toks = tokens(in: definition.extent)
        guard toks.contains("->"), toks.count > 2, toks[1] == "(", let close = toks.firstIndex(of: ")") else { return [] }
        let parameters = toks[2..<close].filter { $0 != "," }
        guard parameters.count == call.arguments.count || (parameters.isEmpty && call.arguments.isEmpty) else { return [] }
        var arguments: [String: [String]] = [:]
        for (name, argument) in zip(parameters, call.arguments) {
            arguments[name] = ["("] + tokenize(argument.spelled) + [")"]
        }
        let body = toks[(close + 1)...].flatMap { arguments[$0] ?? [$0] }
        var writes: [AssignmentFact] = []
        for statement in Self.statements(body) {
            if let name = statement.first, Self.cmsisWriteMacros.contains(name), statement.count > 2, statement[1] == "(" {
                let args = Self.topLevel(Array(statement[2..<(statement.count - 1)]), separator: ",").map {
                    Operand(spelled: Self.join($0), value: evaluator.evaluate($0), range: call.range)
                }
                var inner = call
                inner.name = name
                inner.arguments = args
                if var write = Self.registerMacroWrite(inner) {
                    write.value.spelled = Self.join([call.name]) + "(...): " + write.value.spelled
                    writes.append(write)
                }
                continue
            }
            guard let opIndex = statement.firstIndex(where: { FactCollector.assignmentOperators.contains($0) }), opIndex > 0 else { continue }
            let target = statement[..<opIndex].filter { $0 != "(" && $0 != ")" }.joined()
            guard target.hasText("->") else { continue }
            let op = statement[opIndex]
            let rhs = Array(statement[(opIndex + 1)...])
            let value = Operand(spelled: "\(call.name)(...): \(Self.join(rhs))", value: evaluator.evaluate(rhs), range: call.range)
            var fact = AssignmentFact(target: target, rootType: nil, op: op, value: value, range: call.range, function: nil)
            fact.apply(Self.effect(op, tokenEffect(rhs, target: target)))
            writes.append(fact)
        }
        return writes
    }

    /// Defined in h7lint's stand-in headers.
    private func isStandIn(_ cursor: CXCursor) -> Bool {
        var file: CXFile?
        clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, nil, nil, nil)
        return file.map { clang_getFileName($0).consume().hasPrefix(Prelude.directory + "/") } ?? true
    }

    /// A macro argument as written (`RCC_CR_HSEON | 1U`) split back into tokens.
    private func tokenize(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        for ch in text {
            if ch.isLetter || ch.isNumber || ch == "_" {
                if let last = current.last, !(last.isLetter || last.isNumber || last == "_") { flush() }
                current.append(ch)
            } else if ch.isWhitespace {
                flush()
            } else {
                if let last = current.last, last.isLetter || last.isNumber || last == "_" { flush() }
                current.append(ch)
                if !["<<", ">>", "->", "|=", "&=", "<", ">", "-", "|", "&"].contains(where: { $0.hasPrefix(current) }) { flush() }
            }
        }
        flush()
        return out
    }

    /// The statements of a macro body: split at `;`, without `do {`, `}`, `while (0)`.
    static func statements(_ body: [String]) -> [[String]] {
        var tokens = body.filter { $0 != "{" && $0 != "}" && $0 != "\\" }
        if tokens.first == "do" { tokens.removeFirst() }
        if tokens.count >= 4, tokens.suffix(4) == ["while", "(", "0", ")"] { tokens.removeLast(4) }
        return topLevel(tokens, separator: ";").filter { !$0.isEmpty }
    }

    /// Splits tokens at a separator outside parentheses.
    static func topLevel(_ tokens: [String], separator: String) -> [[String]] {
        var parts: [[String]] = [[]]
        var depth = 0
        for token in tokens {
            if token == "(" { depth += 1 }
            if token == ")" { depth -= 1 }
            if token == separator && depth == 0 { parts.append([]); continue }
            parts[parts.count - 1].append(token)
        }
        return parts
    }

    /// The bit effect of a right-hand side given as tokens: `|`, `&`, `~` and parentheses over constants and the
    /// register itself (a read-modify-write); anything else that is not a constant is unknown.
    func tokenEffect(_ tokens: [String], target: String) -> BitEffect {
        var t = tokens
        // Outer parentheses and casts.
        while t.first == "(", let close = Self.matching(t, 0), close == t.count - 1 { t = Array(t.dropFirst().dropLast()) }
        if let value = evaluator.evaluate(t) { return .constant(value) }
        if t.filter({ $0 != "(" && $0 != ")" }).joined() == target { return .old }
        for op in ["|", "&"] {
            let parts = Self.topLevel(t, separator: op)
            guard parts.count > 1, parts.allSatisfy({ !$0.isEmpty }) else { continue }
            let effects = parts.map { tokenEffect($0, target: target) }
            return effects.dropFirst().reduce(effects[0]) { op == "|" ? $0.or($1) : $0.and($1) }
        }
        if t.first == "~", let value = evaluator.evaluate(Array(t.dropFirst())) { return .constant(~value) }
        return .unknown
    }

    private static func matching(_ t: [String], _ open: Int) -> Int? {
        var depth = 0
        for i in open..<t.count {
            if t[i] == "(" { depth += 1 }
            if t[i] == ")" { depth -= 1; if depth == 0 { return i } }
        }
        return nil
    }
}

extension AssignmentFact {
    /// Records a register write's bit effect.
    mutating func apply(_ effect: FactCollector.BitEffect) {
        setBits = effect.set
        clearBits = effect.clear
        keepsOtherBits = effect.keepsOtherBits
    }
}
