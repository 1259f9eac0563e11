import H7Model

/// H7-CLK-005: PLL VCO outside the range of the selected VCOSEL; wide VCO with a reference below 2 MHz.
public struct PLLVCORangeRule: Rule {
    public let id = "H7-CLK-005"
    public init() {}


    public func check(_ context: RuleContext) -> [Finding] {
        guard let line = context.device?.line else { return [] }
        var findings: [Finding] = []
        for (core, start) in context.pllStarts {
            let s = start.clocks.settings
            guard let check = ClockLimits.pllChecks(start.clocks, line: line).first(where: { $0.ruleID == id }),
                  let vco = check.value.mhz, let range = s.vcoRange.value else { continue }
            let place = s.n.range ?? start.range
            let name = "\(s.name) VCO \(mhz(vco)) (\(range.rawValue) range \(ClockValue.format(mhz: check.minMHz ?? 0))-\(ClockValue.format(mhz: check.maxMHz ?? 0)) MHz on \(line.line))"
            if check.isViolated {
                findings.append(context.finding(id, "\(name) is out of range", at: place,
                                                fix: "change \(s.name) N (or M) so that the VCO is within the range", core: core))
            } else if range == .wide, let disputed = line.pll?.vcoWideWarnAboveMHz, vco > disputed + 1e-6 {
                var f = context.finding(id, "\(s.name) VCO \(mhz(vco)) is above \(mhz(disputed)), the wide-VCO maximum of ST's LL driver for this line; ST's 480 MHz examples run 960 MHz, and the reference manual value is not confirmed",
                                        at: place, fix: "a VCO at or below \(mhz(disputed)) is within every source", core: core)
                f.severity = .warning
                findings.append(f)
            }
            let ref = start.clocks.reference.mhz
            if range == .wide, ref.map({ $0 < 2 - 1e-6 }) ?? (s.inputRange.value == 0) {
                findings.append(context.finding(
                    id, "\(s.name) uses the wide VCO with a \(ref.map(mhz) ?? "1-2 MHz") reference; below 2 MHz only the medium VCO works",
                    at: s.vcoRange.range ?? start.range, fix: "use RCC_PLL\(s.index)VCOMEDIUM (150-420 MHz), or a reference of 2 MHz or more", core: core))
            }
        }
        return findings.uniqued()
    }
}
