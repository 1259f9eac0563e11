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

/// The API a project's clock code is written in (from the call or constant at the finding's place), so that a
/// fix names that API's own constants and calls: an LL project is not told to set `AHBCLKDivider`.
enum ClockAPI {
    case hal, ll, registers

    /// From the function that switches the clock (`HAL_RCC_ClockConfig`, `LL_RCC_SetSysClkSource`, `RCC->CFGR`).
    init(via: String) {
        if via.hasPrefix("LL_") { self = .ll } else if via.hasPrefix("HAL_") || via.hasPrefix("__HAL_") { self = .hal } else { self = .registers }
    }

    /// From a constant as spelled (`FLASH_LATENCY_2`, `LL_FLASH_LATENCY_2`, `FLASH_ACR_LATENCY_2WS`).
    init(spelled: String, via: String) {
        if spelled.hasPrefix("LL_") { self = .ll } else if spelled.hasPrefix("FLASH_LATENCY_") { self = .hal } else if spelled.isEmpty { self.init(via: via) } else { self = .registers }
    }

    func flashLatency(_ n: Int) -> String {
        switch self {
        case .hal: "FLASH_LATENCY_\(n)"
        case .ll: "LL_FLASH_LATENCY_\(n)"
        case .registers: "FLASH->ACR LATENCY = \(n) (FLASH_ACR_LATENCY_\(n)WS)"
        }
    }

    /// The dividers that slow the CPU clock down.
    var cpuDividers: String {
        switch self {
        case .hal: "PLLN, PLLP or SYSCLKDivider"
        case .ll: "LL_RCC_PLL1_SetN, LL_RCC_PLL1_SetP or LL_RCC_SetSysPrescaler"
        case .registers: "DIVN1/DIVP1 in RCC->PLL1DIVR, or D1CPRE"
        }
    }

    /// The bus dividers.
    var busDividers: String {
        switch self {
        case .hal: "AHBCLKDivider / the APB dividers"
        case .ll: "LL_RCC_SetAHBPrescaler / LL_RCC_SetAPB1..APB4Prescaler"
        case .registers: "HPRE and the D1PPRE/D2PPRE1/D2PPRE2/D3PPRE prescalers (RCC->D1CFGR/D2CFGR/D3CFGR; CDCFGR1/CDCFGR2/SRDCFGR on H7A3/B3)"
        }
    }

    /// Select the scale first, then switch.
    var scaleBeforeSwitch: String {
        switch self {
        case .hal: "set the voltage scale (and wait for VOSRDY) before HAL_RCC_OscConfig / HAL_RCC_ClockConfig"
        case .ll: "call LL_PWR_SetRegulVoltageScaling and wait for LL_PWR_IsActiveFlag_VOS before LL_RCC_PLL1_Enable / LL_RCC_SetSysClkSource"
        case .registers: "write VOS in PWR->D3CR (PWR->SRDCR on H7A3/B3) and wait for VOSRDY before switching RCC->CFGR SW"
        }
    }
}
