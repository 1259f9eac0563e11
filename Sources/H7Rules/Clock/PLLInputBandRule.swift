import H7Model

/// H7-CLK-012: PLL reference inside 1-16 MHz but outside the band PLLRGE selects.
public struct PLLInputBandRule: Rule {
    public let id = "H7-CLK-012"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let line = context.device?.line, let limits = line.pll else { return [] }
        var findings: [Finding] = []
        for (core, start) in context.pllStarts {
            let hard = ClockLimits.pllHardChecks(start.clocks, line: line).first { $0.kind == .pllReferenceAny }
            guard hard?.isViolated == false,
                  let check = ClockLimits.pllChecks(start.clocks, line: line).first(where: { $0.kind == .pllReferenceBand }),
                  check.isViolated, let ref = check.value.mhz else { continue }
            let s = start.clocks.settings
            let fitting = limits.inputRangesMHz.sorted { $0.key < $1.key }
                .first { ref >= $0.value[0] - 1e-6 && ref <= $0.value[1] + 1e-6 }
            let fix = fitting.map { "select range \($0.key) (\(Self.range($0.value))): RCC_PLL\(s.index)VCIRANGE_\($0.key)" }
                ?? "change \(s.name) M so that the reference is within the selected range"
            findings.append(context.finding(
                id, "\(s.name) reference \(mhz(ref)) is outside \(Self.range([check.minMHz ?? 0, check.maxMHz ?? 0])), the range '\(s.inputRange.spelled)' selects\(foreignConstant(s.inputRange.spelled, pll: s.index))",
                at: s.inputRange.range ?? start.range, fix: fix, core: core, clocks: [check.node]))
        }
        return findings.uniqued()
    }

    static func range(_ r: [Double]) -> String { "\(ClockValue.format(mhz: r[0]))-\(ClockValue.format(mhz: r[1])) MHz" }
}
