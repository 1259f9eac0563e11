import H7Model

/// H7-CLK-002: AXI/AHB or APB clock above a hard limit: the most the line allows at any voltage scale, or the
/// HCLK limit of the configured scale where CubeMX enforces one too (`hard_hclk_mhz`).
public struct BusClockLimitRule: Rule {
    public let id = "H7-CLK-002"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        var findings: [Finding] = []
        for (core, point) in context.clockSwitches {
            let folded = ScaleRootCause.hclkFollowingCpu(point, line: device.line)
            let over = ClockLimits.busMaximumChecks(point.tree, line: device.line, vos: point.tree.inputs.vos.value)
                .filter { $0.isViolated && !($0.node == "hclk" && folded != nil) }
            guard !over.isEmpty else { continue }
            let list = over.map { "\($0.label) \($0.value.text) (maximum \(mhz($0.maxMHz ?? 0)) at \($0.basis))" }.joined(separator: ", ")
            findings.append(context.finding(id, "\(list) on \(partName(device))", at: point.range,
                                            fix: "raise \(ClockAPI(via: point.via).busDividers) until each clock is within its limit", core: core,
                                            clocks: over.map(\.node),
                                            headline: over.map { "\($0.label) \($0.value.text) above \(mhz($0.maxMHz ?? 0))" }.joined(separator: ", ")))
        }
        return findings.uniqued()
    }
}
