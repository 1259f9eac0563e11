import H7Model

/// H7-CLK-001: CPU clock above the limit of the voltage scale.
public struct CpuClockLimitRule: Rule {
    public let id = "H7-CLK-001"
    public init() {}


    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        let line = device.line
        var findings: [Finding] = []
        // An H7R/S Appli-only project runs at whatever scale its Boot stage (outside the project) selected.
        let resetScale = Self.neverSetsScale(context) && !context.project.inheritsBootStage ? line.resetVos : nil
        for (core, point) in context.clockSwitches {
            let fromReset = point.tree.inputs.vos.value == nil && point.vosBefore == nil && point.vosAfter == nil
            guard let vos = point.tree.inputs.vos.value ?? (fromReset ? resetScale : nil), let cpu = point.tree.cpu.mhz,
                  let limits = line.limits(vos: vos) else { continue }
            let here = "\(mhz(cpu)) at VOS\(vos)\(point.tree.inputs.vos.value == nil ? " (the scale after reset: the code never selects one)" : "") on \(partName(device))"
            if cpu > limits.maxCpuMHz + 1e-6 {
                if vos == 0, let boost = limits.boostMaxCpuMHz, cpu <= boost + 1e-6 {
                    var f = context.finding(id, "CPU clock \(here) is above \(mhz(limits.maxCpuMHz)); more holds only under the VOS0 condition: \(limits.condition ?? "the line's VOS0 condition")",
                                            at: point.range, fix: "\(limits.conditionFix ?? "make sure every board meets that condition"), or stay at \(mhz(limits.maxCpuMHz))", core: core,
                                            clocks: ["cpu"])
                    f.severity = .warning
                    findings.append(f)
                } else {
                    var f = context.finding(id, "CPU clock \(here) is above the \(mhz(limits.maxCpuMHz)) limit of that voltage scale",
                                            at: point.range, fix: Self.fix(line: line, cpu: cpu, vos: vos, api: ClockAPI(via: point.via)), core: core,
                                            clocks: ["cpu"], headline: "CPU clock \(mhz(cpu)) above VOS\(vos)'s \(mhz(limits.maxCpuMHz))")
                    if let hclk = ScaleRootCause.hclkFollowingCpu(point, line: line) {
                        f.notes.append("\(hclk.label) \(hclk.value.text) is above VOS\(vos)'s \(mhz(hclk.maxMHz ?? 0)) limit too (H7-CLK-002's limit at that scale): the same scale change fixes it")
                        f.clocks.append("hclk")
                    }
                    findings.append(f)
                }
            } else if vos == 0, let condition = limits.condition, line.vos0Mechanism == "oden",
                      let vos1 = line.limits(vos: 1), cpu > vos1.maxCpuMHz + 1e-6 {
                var f = context.finding(id, "CPU clock \(here) needs the VOS0 row, which holds only for: \(condition)",
                                        at: point.range, fix: "\(limits.conditionFix ?? "make sure every board meets that condition (\(condition))"), or stay at \(mhz(vos1.maxCpuMHz)) with VOS1", core: core,
                                        headline: "CPU clock \(mhz(cpu)) needs VOS0's conditions (above VOS1's \(mhz(vos1.maxCpuMHz)))")
                f.severity = .warning
                findings.append(f)
            }
        }
        // H7R/S: an Appli or ExtMemLoader image that lowers the scale while Boot's clocks still run.
        if let boot = context.clockSwitches.last, let cpu = boot.point.tree.cpu.mhz {
            for scale in ImageSettings(project: context.project, knowledge: context.knowledge).scales where !scale.setsClocks {
                guard let limits = line.limits(vos: scale.vos), cpu > limits.maxCpuMHz + 1e-6 else { continue }
                findings.append(context.finding(
                    id, "the \(scale.image) image selects VOS\(scale.vos) while the Boot image left the CPU clock at \(mhz(cpu)), above VOS\(scale.vos)'s \(mhz(limits.maxCpuMHz)) limit on \(partName(device))",
                    at: scale.call.range, related: [RelatedLocation(boot.point.range, "Boot sets the CPU clock here")],
                    fix: "keep the scale Boot selected, or lower the clocks before the scale", core: nil, clocks: ["cpu"]))
            }
        }
        return findings.uniqued()
    }

    /// True when no code of the project selects a voltage scale: no HAL/LL scale call, no ODEN, and no write that
    /// names the VOS register (PWR->D3CR, PWR->SRDCR) in any form the analysis does not decode.
    static func neverSetsScale(_ context: RuleContext) -> Bool {
        guard context.voltage.settings.isEmpty else { return false }
        let names = ["D3CR", "SRDCR", "VOS", "CSR4"]
        for build in context.project.cores {
            if build.allAssignments.contains(where: { a in names.contains { a.target.contains($0) } }) { return false }
            if build.allCalls.contains(where: { c in c.name.contains("VOLTAGESCALING") || c.name.contains("VoltageScaling")
                || c.arguments.contains { arg in names.prefix(2).contains { arg.spelled.contains($0) } } }) { return false }
        }
        return true
    }

    static func fix(line: DeviceLine, cpu: Double, vos: Int, api: ClockAPI) -> String {
        if let better = line.voltageScales.filter({ $0.vos < vos && $0.maxCpuMHz >= cpu - 1e-6 }).max(by: { $0.vos < $1.vos }) {
            return "select VOS\(better.vos) (up to \(mhz(better.maxCpuMHz))) before raising the clock, or lower the clock (\(api.cpuDividers))"
        }
        return "lower the clock (\(api.cpuDividers)) to at most \(mhz(line.limits(vos: vos)?.maxCpuMHz ?? 0))"
    }
}
