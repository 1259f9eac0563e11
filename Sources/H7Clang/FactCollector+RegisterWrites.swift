internal import CClang
import H7Model

/// Register writes: assignments to `PWR->CR3` and the like replayed bit by bit, and the CMSIS
/// macros (`SET_BIT`, `MODIFY_REG`, ...) that hide the operator.
extension FactCollector {
    /// CMSIS's `SET_BIT(reg, bits)`, `CLEAR_BIT`, `WRITE_REG`, `MODIFY_REG(reg, clear, set)`: register
    /// writes whose operator sits in the macro, so the AST walk cannot place them. Read from the call.
    static func registerMacroWrite(_ call: CallFact) -> AssignmentFact? {
        let args = call.arguments
        guard let target = args.first?.spelled.filter({ !$0.isWhitespace }), target.contains("->") else { return nil }
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
    }

    func bitEffect(_ cursor: CXCursor, target: String) -> BitEffect {
        if let value = cursor.integerValue { return .constant(value) }
        let kids = cursor.children
        switch cursor.kind {
        case CXCursor_ParenExpr, CXCursor_UnexposedExpr, CXCursor_CStyleCastExpr:
            return kids.last.map { bitEffect($0, target: target) } ?? .unknown
        case CXCursor_MemberRefExpr:
            return tokens(in: cursor.extent).joined() == target ? .old : .unknown
        case CXCursor_BinaryOperator where kids.count == 2:
            let lhsCount = tokens(in: kids[0].extent).count
            let all = tokens(in: cursor.extent)
            guard all.count > lhsCount else { return .unknown }
            let a = bitEffect(kids[0], target: target), b = bitEffect(kids[1], target: target)
            switch all[lhsCount] {
            case "|": return a.or(b)
            case "&": return a.and(b)
            default: return .unknown
            }
        case CXCursor_UnaryOperator:
            if let value = kids.first?.integerValue, tokens(in: cursor.extent).first == "~" {
                return .constant(~value)
            }
            return .unknown
        default:
            return .unknown
        }
    }
}
