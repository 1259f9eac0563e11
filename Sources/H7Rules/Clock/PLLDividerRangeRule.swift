import H7Model

/// H7-CLK-006: PLL divider or multiplier out of range; odd PLL1 P where the line does not allow it.
public struct PLLDividerRangeRule: Rule {
    public let id = "H7-CLK-006"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device, let limits = device.line.pll else { return [] }
        var findings: [Finding] = []
        for (core, start) in context.pllStarts {
            let s = start.clocks.settings
            let fields: [(String, Setting<Int>, [Int])] = [("M", s.m, limits.divm), ("N", s.n, limits.divn), ("P", s.p, limits.divp),
                                                          ("Q", s.q, limits.divq), ("R", s.r, limits.divr), ("FRACN", s.fracn, limits.fracn)]
            for (name, setting, range) in fields {
                guard let value = setting.value, let place = setting.range, range.count == 2 else { continue }
                // PLL2/PLL3 outputs are enabled only for the kernel clocks that use them: 0 marks an unused one.
                if s.index > 1, value == 0, ["P", "Q", "R"].contains(name) { continue }
                if value < range[0] || value > range[1] {
                    findings.append(context.finding(id, "\(s.name) \(name) = \(value) is outside \(range[0])-\(range[1]) on \(device.line.line)",
                                                    at: place, fix: "use a \(name) between \(range[0]) and \(range[1])", core: core).judged(by: start))
                }
            }
            guard s.index == 1, let p = s.p.value, let place = s.p.range, p % 2 == 1, p >= limits.divp[0] else { continue }
            if p >= 3 {
                var f = context.finding(id, "PLL1 P = \(p): PLL1's P divider does not support odd division (HAL RCC_PLLInitTypeDef)",
                                        at: place, fix: "use an even P (2, 4, ...)", core: core,
                                        headline: "PLL1 P = \(p) is odd; PLL1's P divides by even values only")
                if limits.pll1POdd == "one-allowed-odd-disputed" {
                    // CubeMX offers every P from 1 to 128 on this line: documented against, not refused.
                    f.message = "PLL1 P = \(p) on \(device.line.line): ST's HAL documents odd P (other than 1) as not supported, while CubeMX offers it"
                    f.severity = .warning
                }
                findings.append(f)
            } else if limits.pll1POdd == "forbidden" {
                findings.append(context.finding(id, "PLL1 P = 1 is not allowed on \(device.line.line)", at: place, fix: "use P = 2", core: core))
            } else if !["one-allowed", "one-allowed-odd-disputed"].contains(limits.pll1POdd ?? "") {
                var f = context.finding(id, "PLL1 P = 1 on \(device.line.line): ST documents it only for H72x/H73x; not confirmed for this line",
                                        at: place, fix: "use P = 2 with twice the VCO, or confirm P = 1 in the reference manual", core: core)
                f.severity = .warning
                findings.append(f)
            }
        }
        return findings.uniqued()
    }
}
