import H7Model

/// H7-CLK-013: the VCO is possible on the line but outside the range VCOSEL selects, above the HAL's
/// wide-VCO maximum, or the wide VCO runs from a reference under 2 MHz.
public struct PLLVCOSelectionRule: Rule {
    public let id = "H7-CLK-013"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let line = context.device?.line else { return [] }
        var findings: [Finding] = []
        for (core, start) in context.pllStarts {
            let s = start.clocks.settings
            guard ClockLimits.pllHardChecks(start.clocks, line: line).first(where: { $0.kind == .pllVCOAny })?.isViolated == false,
                  let check = ClockLimits.pllChecks(start.clocks, line: line).first(where: { $0.kind == .pllVCOSelected }),
                  let vco = check.value.mhz, let range = s.vcoRange.value else { continue }
            let place = s.n.range ?? start.range
            let name = "\(s.name) VCO \(mhz(vco)) (\(range.rawValue) range \(ClockValue.format(mhz: check.minMHz ?? 0))-\(ClockValue.format(mhz: check.maxMHz ?? 0)) MHz on \(line.line))"
            if check.isViolated {
                let other: VCORange = range == .wide ? .medium : .wide
                findings.append(context.finding(id, "\(name) is outside the selected range; it is within the \(other.rawValue) range", at: place,
                                                fix: "select RCC_PLL\(s.index)VCO\(other.rawValue.uppercased()), or change \(s.name) N so that the VCO is within the selected range", core: core,
                                                clocks: [check.node]))
            } else if range == .wide, let disputed = line.pll?.vcoWideWarnAboveMHz, vco > disputed + 1e-6 {
                findings.append(context.finding(id, "\(s.name) VCO \(mhz(vco)) is above \(mhz(disputed)), the wide-VCO maximum of ST's LL driver for this line; ST's 480 MHz examples run 960 MHz, and the reference manual value is not confirmed",
                                                at: place, fix: "a VCO at or below \(mhz(disputed)) is within every source", core: core))
            }
            let ref = start.clocks.reference.mhz
            if range == .wide, ref.map({ $0 < 2 - 1e-6 }) ?? (s.inputRange.value == 0) {
                findings.append(context.finding(
                    id, "\(s.name) uses the wide VCO with a \(ref.map(mhz) ?? "1-2 MHz") reference; the wide VCO is characterised from 2 MHz",
                    at: s.vcoRange.range ?? start.range, fix: "use RCC_PLL\(s.index)VCOMEDIUM (150-420 MHz), or a reference of 2 MHz or more", core: core))
            }
        }
        return findings.uniqued()
    }
}
