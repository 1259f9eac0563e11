internal import CClang
import H7Model

/// Designated initializers (`RCC_ClkInitTypeDef clk = { .SYSCLKSource = RCC_SYSCLKSOURCE_PLLCLK, ... };`): each
/// field is an assignment `clk.SYSCLKSource = ...` at its place, as if written after the declaration; nested
/// structs (`.PLL = { .PLLState = ... }`) give `osc.PLL.PLLState`. Positional initializers are not read.
extension FactCollector {
    func designatedAssignments(_ declaration: CXCursor, function: String) -> [AssignmentFact] {
        guard let list = declaration.children.last, list.kind == CXCursor_InitListExpr else { return [] }
        let rootType = clang_getTypeSpelling(clang_getCursorType(declaration)).consume()
        return designated(list, prefix: declaration.spelling, rootType: rootType, function: function)
    }

    private func designated(_ list: CXCursor, prefix: String, rootType: String, function: String, depth: Int = 0) -> [AssignmentFact] {
        guard depth < 8 else { return [] }
        var facts: [AssignmentFact] = []
        for item in list.children {
            // A designated initializer: the designators (`MemberRef`s), then the value.
            let parts = item.children
            guard parts.count >= 2, let value = parts.last else { continue }
            let fields = parts.dropLast().filter { $0.kind == CXCursor_MemberRef }.map(\.spelling)
            guard !fields.isEmpty, fields.count == parts.count - 1 else { continue }
            let target = ([prefix] + fields).joined(separator: ".")
            if value.kind == CXCursor_InitListExpr {
                facts += designated(value, prefix: target, rootType: rootType, function: function, depth: depth + 1)
            } else {
                facts.append(AssignmentFact(target: target, rootType: rootType, op: "=", value: operand(value),
                                            range: range(of: item), function: function))
            }
        }
        return facts
    }
}
