/// What a clock limit is; each rule says which kinds it reports.
public enum ClockLimitKind: String, Hashable, Sendable {
    /// The CPU's maximum at the voltage scale.
    case cpuAtScale
    /// HCLK's and the APB clocks' maximum at the voltage scale.
    case busAtScale
    /// HCLK's and the APB clocks' maximum at any voltage scale.
    case busAtAnyScale
    /// The PLL reference band PLLRGE selects.
    case pllReferenceBand
    /// The VCO range VCOSEL selects.
    case pllVCOSelected
    /// Every PLLRGE band together: outside, the PLL does not lock.
    case pllReferenceAny
    /// Every VCO range together.
    case pllVCOAny
    /// The HSE input range.
    case hse
}

/// A clock of the tree with the range the part allows for it, for the rules and the report.
public struct ClockCheck: Hashable, Sendable {
    /// `cpu`, `hclk`, `apb1`, `pll1.ref`, `pll1.vco`, ...
    public var node: String
    public var label: String
    public var value: ClockValue
    public var minMHz: Double?
    public var maxMHz: Double?
    public var kind: ClockLimitKind
    /// What the limit depends on (`VOS1`, `PLLRGE 1`, `wide VCO`).
    public var basis: String

    public init(node: String, label: String, value: ClockValue, minMHz: Double?, maxMHz: Double?, kind: ClockLimitKind, basis: String) {
        self.node = node
        self.label = label
        self.value = value
        self.minMHz = minMHz
        self.maxMHz = maxMHz
        self.kind = kind
        self.basis = basis
    }

    public var isViolated: Bool {
        guard let v = value.mhz else { return false }
        return (maxMHz.map { v > $0 + 1e-6 } ?? false) || (minMHz.map { v < $0 - 1e-6 } ?? false)
    }

    /// Distance to the nearest limit in MHz (negative when outside).
    public var marginMHz: Double? {
        guard let v = value.mhz else { return nil }
        let top = maxMHz.map { $0 - v }, bottom = minMHz.map { v - $0 }
        switch (top, bottom) {
        case let (t?, b?): return min(t, b)
        case let (t?, nil): return t
        case let (nil, b?): return b
        default: return nil
        }
    }
}

/// Limits of one part line at one voltage scale (h7-facts §1.3, §3; values from Rules/devices).
public enum ClockLimits {
    /// The third APB bus slot of the tree: APB3 (D1) on the H74x ... H73x lines, APB5 on the H7R/S line, which
    /// has no APB3 (stm32h7rsxx_hal_rcc.h: RCC_CLOCKTYPE_PCLK1/2/4/5).
    public static func apb3Label(_ line: DeviceLine) -> String { line.vosRegister == "csr4" ? "APB5" : "APB3" }

    /// CPU, HCLK and APB clocks against the voltage scale's limits.
    public static func busChecks(_ tree: ClockTree, line: DeviceLine, vos: Int?) -> [ClockCheck] {
        let limits = vos.flatMap { line.limits(vos: $0) }
        let basis = vos.map { "VOS\($0)" } ?? "voltage scale unknown"
        func check(_ node: String, _ label: String, _ value: ClockValue, _ max: Double?, _ kind: ClockLimitKind) -> ClockCheck {
            ClockCheck(node: node, label: label, value: value, minMHz: nil, maxMHz: max, kind: kind, basis: basis)
        }
        return [
            check("cpu", "CPU (sys_d1cpre_ck)", tree.cpu, limits?.maxCpuMHz, .cpuAtScale),
            check("hclk", "HCLK / AXI", tree.hclk, limits?.maxHclkMHz, .busAtScale),
            check("apb1", "APB1", tree.apb1, limits?.maxPclkMHz, .busAtScale),
            check("apb2", "APB2", tree.apb2, limits?.maxPclkMHz, .busAtScale),
            check("apb3", apb3Label(line), tree.apb3, limits?.maxPclkMHz, .busAtScale),
            check("apb4", "APB4", tree.apb4, limits?.maxPclkMHz, .busAtScale),
        ]
    }

    /// HCLK and APB clocks against their hard limits: the most the line allows at any scale, and HCLK's limit at
    /// `vos` where CubeMX enforces one too (`hard_hclk_mhz`).
    public static func busMaximumChecks(_ tree: ClockTree, line: DeviceLine, vos: Int? = nil) -> [ClockCheck] {
        let (hclk, pclk) = line.busMaximumMHz
        func check(_ node: String, _ label: String, _ value: ClockValue, _ max: Double?, _ basis: String = "any scale") -> ClockCheck {
            ClockCheck(node: node, label: label, value: value, minMHz: nil, maxMHz: max, kind: .busAtAnyScale, basis: basis)
        }
        let scale = vos.flatMap { line.limits(vos: $0) }
        let hclkCheck = scale.flatMap { s in s.hardHclkMHz.map { check("hclk", "HCLK / AXI", tree.hclk, min($0, hclk ?? $0), "VOS\(s.vos)") } }
            ?? check("hclk", "HCLK / AXI", tree.hclk, hclk)
        return [hclkCheck, check("apb1", "APB1", tree.apb1, pclk),
                check("apb2", "APB2", tree.apb2, pclk), check("apb3", apb3Label(line), tree.apb3, pclk),
                check("apb4", "APB4", tree.apb4, pclk)]
    }

    /// Reference and VCO of each PLL that is on, against the PLLRGE and VCOSEL ranges (the ranges of every
    /// setting together are `pllHardChecks`).
    public static func pllChecks(_ clocks: PLLClocks, line: DeviceLine) -> [ClockCheck] {
        guard let limits = line.pll, clocks.settings.enabled.value == true else { return [] }
        let s = clocks.settings
        var checks: [ClockCheck] = []
        let range = s.inputRange.value.flatMap { limits.inputRangesMHz[$0] }
        checks.append(ClockCheck(node: "pll\(s.index).ref", label: "\(s.name) reference", value: clocks.reference,
                                 minMHz: range?.first, maxMHz: range?.last, kind: .pllReferenceBand,
                                 basis: s.inputRange.value.map { "PLLRGE \($0)" } ?? "PLLRGE unknown"))
        let vco = s.vcoRange.value.map { $0 == .wide ? limits.vcoWideMHz : limits.vcoMediumMHz }
        checks.append(ClockCheck(node: "pll\(s.index).vco", label: "\(s.name) VCO", value: clocks.vco,
                                 minMHz: vco?.first, maxMHz: vco?.last, kind: .pllVCOSelected,
                                 basis: s.vcoRange.value.map { "\($0.rawValue) VCO" } ?? "VCOSEL unknown"))
        return checks
    }

    /// Reference and VCO of each PLL that is on, against what any PLLRGE and any VCOSEL allow: outside, the
    /// PLL does not lock whatever the settings.
    public static func pllHardChecks(_ clocks: PLLClocks, line: DeviceLine) -> [ClockCheck] {
        guard let limits = line.pll, clocks.settings.enabled.value == true else { return [] }
        let s = clocks.settings
        let bands = limits.inputRangesMHz.values.flatMap { $0 }
        let vcos = limits.vcoWideMHz + limits.vcoMediumMHz
        return [
            ClockCheck(node: "pll\(s.index).ref", label: "\(s.name) reference", value: clocks.reference,
                       minMHz: bands.min(), maxMHz: bands.max(), kind: .pllReferenceAny, basis: "every PLLRGE range"),
            ClockCheck(node: "pll\(s.index).vco", label: "\(s.name) VCO", value: clocks.vco,
                       minMHz: vcos.min(), maxMHz: vcos.max(), kind: .pllVCOAny, basis: "every VCO range"),
        ]
    }

    /// One check per node for the clock report: the hard limit (any scale, any PLLRGE, any VCOSEL) where it is
    /// broken, else the characterised one (the scale's, PLLRGE's, VCOSEL's).
    public static func shown(_ characterised: [ClockCheck], hard: [ClockCheck]) -> [ClockCheck] {
        characterised.map { check in hard.first { $0.node == check.node && $0.isViolated } ?? check }
    }

    /// The fewest flash wait states HCLK needs at this scale, and the most the table ever needs.
    public static func flashLatency(hclkMHz: Double, vos: Int, line: DeviceLine) -> (minimum: Int?, tableMax: Int?) {
        guard let table = line.flashLatency else { return (nil, nil) }
        return (table.minimumLatency(hclkMHz: hclkMHz, vos: vos), table.rows.map(\.latency).max())
    }
}
