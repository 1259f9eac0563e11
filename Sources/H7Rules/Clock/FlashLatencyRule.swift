import H7Model

/// H7-CLK-003: flash wait states too few for HCLK at the voltage scale (error; warning where only the stricter of
/// two sources asks for more), or more than the line ever needs (note).
public struct FlashLatencyRule: Rule {
    public let id = "H7-CLK-003"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        var findings: [Finding] = []
        let points = context.clocks.all.flatMap { item in
            (item.configuration.switches + item.configuration.latencyDrops).map { (clocks: item.core, point: $0) }
        }
        for (clocks, point) in points {
            let core = clocks.core
            let inputs = point.tree.inputs
            guard let latency = inputs.flashLatency.value, let vos = inputs.vos.value, let hclk = point.tree.hclk.mhz else { continue }
            let (minimum, tableMax) = ClockLimits.flashLatency(hclkMHz: hclk, vos: vos, line: device.line)
            let place = inputs.flashLatency.range ?? point.range
            let api = ClockAPI(spelled: inputs.flashLatency.spelled, via: point.via)
            if let minimum, latency < minimum {
                // Raising the wait states is safe whenever HCLK is computed from settled values.
                // A register write (`FLASH_ACR_LATENCY_2WS`) is not rewritten.
                let certain = clocks.hse.conflict == nil && inputs.flashLatency.range != nil
                    && ["FLASH_LATENCY_", "LL_FLASH_LATENCY_"].contains(where: inputs.flashLatency.spelled.hasPrefix)
                var f = context.finding(
                    id, "\(latency) flash wait state\(latency == 1 ? "" : "s") for HCLK \(mhz(hclk)) at VOS\(vos): \(partName(device)) needs at least \(minimum)",
                    at: place, fix: "use \(api.flashLatency(minimum)) (or more)", core: core,
                    change: certain ? .flashLatency(minimum, at: place) : nil, clocks: ["flash"])
                // Between the strict table and ST's LL driver's looser one the sources disagree: a warning.
                if let lenient = device.line.flashLatency?.lenientMinimumLatency(hclkMHz: hclk, vos: vos), latency >= lenient {
                    f.message += " by the reference manual's table as transcribed by embassy and stm32h7xx-hal; ST's LL driver allows \(latency) at this clock"
                    f.severity = .warning
                }
                findings.append(f)
            } else if minimum == nil, let table = device.line.flashLatency, let tableMax,
                      let (needed, text) = Self.aboveTable(hclk: hclk, vos: vos, table: table, tableMax: tableMax), latency < needed {
                // HCLK is above this scale's table (the bus finding says so): too few even at the most permissive scale.
                findings.append(context.finding(
                    id, "\(latency) flash wait state\(latency == 1 ? "" : "s") for HCLK \(mhz(hclk)): \(text)",
                    at: place, fix: "use \(api.flashLatency(needed)) (or more), and bring HCLK within VOS\(vos)'s limit", core: core,
                    notes: ["HCLK \(mhz(hclk)) is above what VOS\(vos)'s flash table covers; the clock findings (H7-CLK-001, H7-CLK-002 or H7-CLK-011) report the clock itself"],
                    clocks: ["flash"]))
            } else if let tableMax, latency > tableMax {
                var f = context.finding(
                    id, "\(latency) flash wait states: no clock on \(device.line.line) needs more than \(tableMax); every extra one slows each flash access",
                    at: place, fix: "use \(api.flashLatency(minimum ?? tableMax))", core: core, clocks: ["flash"])
                f.severity = .note
                findings.append(f)
            }
        }
        return findings.uniqued()
    }

    /// The fewest wait states at the most permissive scale whose table holds HCLK, or, above every scale's table,
    /// the most the table has (fewer are too few at every scale); with the words that say which.
    static func aboveTable(hclk: Double, vos: Int, table: FlashLatencyTable, tableMax: Int) -> (Int, String)? {
        let perScale = (0...3).compactMap { v in table.minimumLatency(hclkMHz: hclk, vos: v).map { (v, $0) } }
        if let best = perScale.min(by: { $0.1 < $1.1 }) {
            return (best.1, "above VOS\(vos)'s flash table, and even at VOS\(best.0), the most permissive scale, it needs at least \(best.1)")
        }
        let top = table.rows.flatMap { $0.maxHclkMHz.values }.max() ?? 0
        return (tableMax, "too few at every voltage scale: the flash table ends at \(tableMax) wait states for \(mhz(top))")
    }
}
