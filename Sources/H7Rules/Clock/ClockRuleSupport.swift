import H7Model

extension RuleContext {
    /// Every clock switch of every configuration, with its core.
    var clockSwitches: [(core: Core?, point: ClockSwitch)] {
        clocks.all.flatMap { item in item.configuration.switches.map { (item.core.core, $0) } }
    }

    /// Every PLL start of every configuration, with its core.
    var pllStarts: [(core: Core?, start: PLLStart)] {
        clocks.all.flatMap { item in item.configuration.pllStarts.map { (item.core.core, $0) } }
    }
}

extension Array where Element == Finding {
    /// One finding per rule, place and message (a function inlined twice reports once).
    func uniqued() -> [Finding] {
        var seen: Set<String> = []
        return filter { seen.insert("\($0.ruleID)|\($0.range?.description ?? "-")|\($0.message)").inserted }
    }
}

func mhz(_ value: Double) -> String { ClockValue.format(mhz: value) + " MHz" }

/// `STM32H743xx (RM0433)`.
func partName(_ device: Device) -> String { "\(device.define) (\(device.line.line))" }

/// ` (a PLL1 constant used for PLL3)` when a PLL2/PLL3 field is set with PLL1's constant, else "".
func foreignConstant(_ spelled: String, pll: Int) -> String {
    guard pll > 1, spelled.hasPrefix("RCC_PLL1") else { return "" }
    return " (a PLL1 constant used for PLL\(pll): its value lands in PLL\(pll)'s bits as written)"
}

/// One root cause, one finding: when the CPU clock is above its voltage scale's limit (H7-CLK-001), an HCLK above
/// only that scale's HCLK limit (within the line's maximum at any scale) has the same cause and the same fix,
/// a higher scale; it is a note of H7-CLK-001, not an H7-CLK-002 error of its own.
enum ScaleRootCause {
    /// The CPU clock at this point exceeds the limit of the scale in force (the case H7-CLK-001 reports as an error).
    static func cpuOverScale(_ point: ClockSwitch, line: DeviceLine) -> Bool {
        guard let vos = point.tree.inputs.vos.value, let cpu = point.tree.cpu.mhz, let limits = line.limits(vos: vos),
              cpu > limits.maxCpuMHz + 1e-6 else { return false }
        return !(vos == 0 && (limits.boostMaxCpuMHz.map { cpu <= $0 + 1e-6 } ?? false))
    }

    /// The HCLK check violated only at the scale's limit, when the CPU clock is over that scale too.
    static func hclkFollowingCpu(_ point: ClockSwitch, line: DeviceLine) -> ClockCheck? {
        guard cpuOverScale(point, line: line) else { return nil }
        let checks = ClockLimits.busMaximumChecks(point.tree, line: line, vos: point.tree.inputs.vos.value)
        guard let hclk = checks.first(where: { $0.node == "hclk" && $0.isViolated && $0.basis.hasPrefix("VOS") }),
              let value = point.tree.hclk.mhz, value <= (line.busMaximumMHz.hclk ?? .infinity) + 1e-6 else { return nil }
        return hclk
    }
}
