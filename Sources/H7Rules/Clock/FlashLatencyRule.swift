import H7Model

/// H7-CLK-003: flash wait states too few for HCLK at the voltage scale (error; warning where only the stricter of
/// two sources asks for more), or more than the line ever needs (note).
public struct FlashLatencyRule: Rule {
    public let id = "H7-CLK-003"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        var findings: [Finding] = []
        let points = context.clocks.all.flatMap { item in item.configuration.switches.map { (clocks: item.core, point: $0) } }
        for (clocks, point) in points {
            let core = clocks.core
            let inputs = point.tree.inputs
            guard let latency = inputs.flashLatency.value, let vos = inputs.vos.value, let hclk = point.tree.hclk.mhz else { continue }
            let (minimum, tableMax) = ClockLimits.flashLatency(hclkMHz: hclk, vos: vos, line: device.line)
            let place = inputs.flashLatency.range ?? point.range
            if let minimum, latency < minimum {
                // Raising the wait states is safe whenever HCLK is computed from settled values.
                let certain = clocks.hse.conflict == nil && inputs.flashLatency.range != nil
                var f = context.finding(
                    id, "\(latency) flash wait state\(latency == 1 ? "" : "s") for HCLK \(mhz(hclk)) at VOS\(vos): \(partName(device)) needs at least \(minimum)",
                    at: place, fix: "use FLASH_LATENCY_\(minimum) (or more)", core: core,
                    change: certain ? .flashLatency(minimum, at: place) : nil, clocks: ["flash"])
                // Between the strict table and ST's LL driver's looser one the sources disagree: a warning.
                if let lenient = device.line.flashLatency?.lenientMinimumLatency(hclkMHz: hclk, vos: vos), latency >= lenient {
                    f.message += " by the reference manual's table as transcribed by embassy and stm32h7xx-hal; ST's LL driver allows \(latency) at this clock"
                    f.severity = .warning
                }
                findings.append(f)
            } else if let tableMax, latency > tableMax {
                var f = context.finding(
                    id, "\(latency) flash wait states: no clock on \(device.line.line) needs more than \(tableMax); every extra one slows each flash access",
                    at: place, fix: "use FLASH_LATENCY_\(minimum ?? tableMax)", core: core, clocks: ["flash"])
                f.severity = .note
                findings.append(f)
            }
        }
        return findings.uniqued()
    }
}
