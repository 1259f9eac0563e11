internal import CClang
import H7Model

/// Designated initializers (`RCC_ClkInitTypeDef clk = { .SYSCLKSource = RCC_SYSCLKSOURCE_PLLCLK, ... };`): each
/// field is an assignment `clk.SYSCLKSource = ...` at its place, as if written after the declaration; nested
/// structs (`.PLL = { .PLLState = ... }`) give `osc.PLL.PLLState`. Positional initializers are not read.
extension FactCollector {
    /// The fields a declaration's initializer names, and whether it names only fields (then C sets every other
    /// field to zero, as `= {0}` does).
    func designatedAssignments(_ declaration: CXCursor, function: String) -> (facts: [AssignmentFact], restIsZero: Bool) {
        guard let list = declaration.children.last, list.kind == CXCursor_InitListExpr else { return ([], false) }
        let rootType = clang_getTypeSpelling(clang_getCursorType(declaration)).consume()
        let facts = designated(list, prefix: declaration.spelling, rootType: rootType, function: function)
        return (facts, !facts.isEmpty && list.children.allSatisfy { designators($0) != nil })
    }

    /// A designated initializer's field names (`.PLL.PLLN = ...` gives PLL, PLLN); nil for a positional one.
    private func designators(_ item: CXCursor) -> [String]? {
        let parts = item.children
        guard parts.count >= 2, parts.dropLast().allSatisfy({ $0.kind == CXCursor_MemberRef }) else { return nil }
        return parts.dropLast().map(\.spelling)
    }

    private func designated(_ list: CXCursor, prefix: String, rootType: String, function: String, depth: Int = 0) -> [AssignmentFact] {
        guard depth < 8 else { return [] }
        var facts: [AssignmentFact] = []
        for item in list.children {
            guard let fields = designators(item), let value = item.children.last else { continue }
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
