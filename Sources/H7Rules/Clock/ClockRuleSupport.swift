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
