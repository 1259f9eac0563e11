import H7Model

/// H7-CLK-004: PLL reference (source / M) outside what any PLLRGE setting allows (1-16 MHz).
public struct PLLInputRangeRule: Rule {
    public let id = "H7-CLK-004"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let line = context.device?.line else { return [] }
        var findings: [Finding] = []
        for (core, start) in context.pllStarts {
            guard let check = ClockLimits.pllHardChecks(start.clocks, line: line).first(where: { $0.kind == .pllReferenceAny }),
                  check.isViolated, let ref = check.value.mhz else { continue }
            let s = start.clocks.settings
            findings.append(context.finding(
                id, "\(s.name) reference \(mhz(ref)) is outside \(PLLInputBandRule.range([check.minMHz ?? 0, check.maxMHz ?? 0])), the input range of the PLL at any PLLRGE setting: the PLL does not lock",
                at: s.m.range ?? start.range, fix: "change \(s.name) M so that the reference is between 1 and 16 MHz (2-16 MHz for the wide VCO)",
                core: core, clocks: [check.node]).judged(by: start))
        }
        return findings.uniqued()
    }
}
