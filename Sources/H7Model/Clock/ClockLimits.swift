/// A clock of the tree with the range the part allows for it, for the rules and the report.
public struct ClockCheck: Hashable, Sendable {
    /// `cpu`, `hclk`, `apb1`, `pll1.ref`, `pll1.vco`, ...
    public var node: String
    public var label: String
    public var value: ClockValue
    public var minMHz: Double?
    public var maxMHz: Double?
    /// The rule that guards this limit.
    public var ruleID: String
    /// What the limit depends on (`VOS1`, `PLLRGE 1`, `wide VCO`).
    public var basis: String

    public init(node: String, label: String, value: ClockValue, minMHz: Double?, maxMHz: Double?, ruleID: String, basis: String) {
        self.node = node
        self.label = label
        self.value = value
        self.minMHz = minMHz
        self.maxMHz = maxMHz
        self.ruleID = ruleID
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
    /// CPU, HCLK and APB clocks against the voltage scale's limits (H7-CLK-001/002).
    public static func busChecks(_ tree: ClockTree, line: DeviceLine, vos: Int?) -> [ClockCheck] {
        let limits = vos.flatMap { line.limits(vos: $0) }
        let basis = vos.map { "VOS\($0)" } ?? "voltage scale unknown"
        func check(_ node: String, _ label: String, _ value: ClockValue, _ max: Double?, _ id: String) -> ClockCheck {
            ClockCheck(node: node, label: label, value: value, minMHz: nil, maxMHz: max, ruleID: id, basis: basis)
        }
        return [
            check("cpu", "CPU (sys_d1cpre_ck)", tree.cpu, limits?.maxCpuMHz, "H7-CLK-001"),
            check("hclk", "HCLK / AXI", tree.hclk, limits?.maxHclkMHz, "H7-CLK-002"),
            check("apb1", "APB1", tree.apb1, limits?.maxPclkMHz, "H7-CLK-002"),
            check("apb2", "APB2", tree.apb2, limits?.maxPclkMHz, "H7-CLK-002"),
            check("apb3", "APB3", tree.apb3, limits?.maxPclkMHz, "H7-CLK-002"),
            check("apb4", "APB4", tree.apb4, limits?.maxPclkMHz, "H7-CLK-002"),
        ]
    }

    /// Reference and VCO of each PLL that is on, against the PLLRGE and VCOSEL ranges (H7-CLK-004/005).
    public static func pllChecks(_ clocks: PLLClocks, line: DeviceLine) -> [ClockCheck] {
        guard let limits = line.pll, clocks.settings.enabled.value == true else { return [] }
        let s = clocks.settings
        var checks: [ClockCheck] = []
        let range = s.inputRange.value.flatMap { limits.inputRangesMHz[$0] }
        checks.append(ClockCheck(node: "pll\(s.index).ref", label: "\(s.name) reference", value: clocks.reference,
                                 minMHz: range?.first, maxMHz: range?.last, ruleID: "H7-CLK-004",
                                 basis: s.inputRange.value.map { "PLLRGE \($0)" } ?? "PLLRGE unknown"))
        let vco = s.vcoRange.value.map { $0 == .wide ? limits.vcoWideMHz : limits.vcoMediumMHz }
        checks.append(ClockCheck(node: "pll\(s.index).vco", label: "\(s.name) VCO", value: clocks.vco,
                                 minMHz: vco?.first, maxMHz: vco?.last, ruleID: "H7-CLK-005",
                                 basis: s.vcoRange.value.map { "\($0.rawValue) VCO" } ?? "VCOSEL unknown"))
        return checks
    }

    /// The fewest flash wait states HCLK needs at this scale, and the most the table ever needs.
    public static func flashLatency(hclkMHz: Double, vos: Int, line: DeviceLine) -> (minimum: Int?, tableMax: Int?) {
        guard let table = line.flashLatency else { return (nil, nil) }
        return (table.minimumLatency(hclkMHz: hclkMHz, vos: vos), table.rows.map(\.latency).max())
    }
}
