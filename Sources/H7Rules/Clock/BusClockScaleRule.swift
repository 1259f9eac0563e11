import H7Model

/// H7-CLK-011: AXI/AHB or APB clock above the datasheet's limit for the configured voltage scale, but
/// within the line's maximum (a clock above that is H7-CLK-002's, and reported there only).
public struct BusClockScaleRule: Rule {
    public let id = "H7-CLK-011"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        var findings: [Finding] = []
        for (core, point) in context.clockSwitches {
            guard let vos = point.tree.inputs.vos.value else { continue }
            let hard = Set(ClockLimits.busMaximumChecks(point.tree, line: device.line, vos: vos).filter(\.isViolated).map(\.node))
            let over = ClockLimits.busChecks(point.tree, line: device.line, vos: vos)
                .filter { $0.kind == .busAtScale && $0.isViolated && !hard.contains($0.node) }
            guard !over.isEmpty else { continue }
            let list = over.map { "\($0.label) \($0.value.text) (limit \(mhz($0.maxMHz ?? 0)))" }.joined(separator: ", ")
            findings.append(context.finding(id, "\(list) at VOS\(vos) on \(partName(device))", at: point.range,
                                            fix: "raise the voltage scale, or the AHB/APB dividers, until each clock is within the scale's limit", core: core,
                                            clocks: over.map(\.node)))
        }
        return findings.uniqued()
    }
}
