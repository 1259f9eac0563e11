import H7Model

/// H7-CLK-005: PLL VCO outside every VCO range of the line: the PLL cannot run there.
public struct PLLVCORangeRule: Rule {
    public let id = "H7-CLK-005"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let line = context.device?.line else { return [] }
        var findings: [Finding] = []
        for (core, start) in context.pllStarts {
            let s = start.clocks.settings
            guard let check = ClockLimits.pllHardChecks(start.clocks, line: line).first(where: { $0.kind == .pllVCOAny }),
                  check.isViolated, let vco = check.value.mhz else { continue }
            findings.append(context.finding(
                id, "\(s.name) VCO \(mhz(vco)) is outside \(ClockValue.format(mhz: check.minMHz ?? 0))-\(ClockValue.format(mhz: check.maxMHz ?? 0)) MHz, what any VCO range of \(line.line) allows",
                at: s.n.range ?? start.range, fix: "change \(s.name) N (or M) so that the VCO is within the selected range", core: core,
                clocks: [check.node]).judged(by: start))
        }
        return findings.uniqued()
    }
}
