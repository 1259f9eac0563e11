import H7Model

/// H7-CLK-002: AXI/AHB or APB clock above the limit of the voltage scale.
public struct BusClockLimitRule: Rule {
    public let id = "H7-CLK-002"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        var findings: [Finding] = []
        for (core, point) in context.clockSwitches {
            guard let vos = point.tree.inputs.vos.value else { continue }
            let over = ClockLimits.busChecks(point.tree, line: device.line, vos: vos)
                .filter { $0.ruleID == id && $0.isViolated }
            guard !over.isEmpty else { continue }
            let list = over.map { "\($0.label) \($0.value.text) (limit \(mhz($0.maxMHz ?? 0)))" }.joined(separator: ", ")
            findings.append(context.finding(id, "\(list) at VOS\(vos) on \(partName(device))", at: point.range,
                                            fix: "raise AHBCLKDivider / the APB dividers until each clock is within its limit", core: core))
        }
        return findings.uniqued()
    }
}
