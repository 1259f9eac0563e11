import H7Model

/// H7-CLK-010: a clock setting in the `.ioc` differs from what the code configures.
public struct IocClockMatchesCodeRule: Rule {
    public let id = "H7-CLK-010"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let ioc = context.clocks.ioc, let main = context.clocks.main else { return [] }
        let code = main.configuration.tree.inputs
        var findings: [Finding] = []
        for item in IocClocks.comparedKeys {
            guard let key = item.keys.first(where: { ioc.lines[$0] != nil }), let line = ioc.lines[key],
                  let stated = item.value(ioc.tree.inputs) else { continue }
            var inputs = code
            if item.label.hasPrefix("PLL") {
                let index = Int(String(item.label.dropFirst(3).prefix(1))) ?? 1
                guard let source = ([main.configuration] + context.clocks.all.map(\.configuration))
                    .first(where: { $0.tree.inputs.pll(index).enabled.value == true }) else { continue }
                inputs = source.tree.inputs
            }
            guard let actual = item.value(inputs), actual != stated else { continue }
            findings.append(context.finding(
                id, "the .ioc sets \(item.label) to \(stated) (\(key)) but the code sets \(actual)",
                at: SourceRange(file: ioc.file, line: line), fix: "make the .ioc and the code agree (change it in CubeMX and regenerate, or update the code)",
                core: main.core.core))
        }
        return findings.uniqued()
    }
}
