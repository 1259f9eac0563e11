import H7Model

/// H7-CLK-009: VOS0 on the ODEN lines without the SYSCFG clock, or the clock raised before the voltage scale.
public struct VoltageScaleOrderRule: Rule {
    public let id = "H7-CLK-009"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        let line = device.line
        var findings: [Finding] = []
        for item in context.clocks.all {
            let core = item.core.core
            if line.vos0Mechanism == "oden" {
                for event in item.configuration.voltageEvents where event.setting.vos == 0 && !event.syscfgClockOn {
                    findings.append(context.finding(
                        id, "VOS0 selected on \(device.define) without enabling the SYSCFG clock first: the ODEN bit may not be written and the part stays at VOS1",
                        at: event.setting.range, fix: "call __HAL_RCC_SYSCFG_CLK_ENABLE() before selecting VOS0", core: core))
                }
            }
            for point in item.configuration.switches {
                guard let later = point.vosAfter, let target = later.vos else { continue }
                let inForce = point.vosBefore?.vos ?? 3
                guard target < inForce, let limits = line.limits(vos: inForce) else { continue }
                let cpu = point.tree.cpu.mhz ?? 0, hclk = point.tree.hclk.mhz ?? 0
                guard cpu > limits.maxCpuMHz + 1e-6 || hclk > limits.maxHclkMHz + 1e-6 else { continue }
                let then = point.vosBefore == nil ? "VOS3 (the scale after reset)" : "VOS\(inForce)"
                findings.append(context.finding(
                    id, "voltage scale raised to VOS\(target) only after \(point.via) (line \(point.range.line)) already runs the CPU at \(mhz(cpu)), above the \(mhz(limits.maxCpuMHz)) of \(then)",
                    at: later.range, related: [RelatedLocation(point.range, "the clock is raised here")],
                    fix: ClockAPI(via: point.via).scaleBeforeSwitch, core: core,
                    headline: "VOS\(target) set only after the CPU already runs at \(mhz(cpu)) (\(mhz(limits.maxCpuMHz)) at \(then.prefix(4)))"))
            }
        }
        return findings.uniqued()
    }
}
