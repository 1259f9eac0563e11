import H7Model

/// What `h7lint clocks` shows for one project: a tree per core (and the `.ioc`'s), with the findings.
public struct ClockReport: Sendable {
    public struct Section: Sendable {
        /// `CM7: SystemClock_Config (CM7/Core/Src/main.c)`.
        public var title: String
        /// nil when the core's code sets no clock (then `note` says why).
        public var tree: ClockTree?
        public var note: String?
        /// The rule ids of the findings on each clock (`cpu`, `apb1`, `pll1.vco`, `flash`): what the
        /// report marks as broken.
        public var marks: [String: [String]]

        public init(title: String, tree: ClockTree?, note: String? = nil, marks: [String: [String]] = [:]) {
            self.title = title
            self.tree = tree
            self.note = note
            self.marks = marks
        }
    }

    public var project: String
    public var device: Device?
    public var board: String?
    public var sections: [Section]
    /// The clock findings (H7-CLK-*) of the project.
    public var findings: [Finding]

    public init(project: String, device: Device?, board: String?, sections: [Section], findings: [Finding]) {
        self.project = project
        self.device = device
        self.board = board
        self.sections = sections
        self.findings = findings
    }
}

/// One row of the report: a clock with its value, where it comes from, and its limit.
struct ClockRow {
    var depth: Int
    var name: String
    var value: ClockValue
    var from: String
    var check: ClockCheck?
    /// Rule ids of the findings on this clock.
    var violations: [String] = []

    /// The rows of a tree, top-down, with the limits at its voltage scale and the findings' marks.
    static func rows(_ tree: ClockTree, device: Device?, marks: [String: [String]]) -> [ClockRow] {
        let i = tree.inputs
        let vos = i.vos.value
        let bus = device.map { ClockLimits.shown(ClockLimits.busChecks(tree, line: $0.line, vos: vos), hard: ClockLimits.busMaximumChecks(tree, line: $0.line, vos: vos)) } ?? []
        func busCheck(_ node: String) -> ClockCheck? { bus.first { $0.node == node && $0.maxMHz != nil } }
        var rows: [ClockRow] = []
        let hseRange = device?.line.hseMHz
        let hseCheck = hseRange.map {
            ClockCheck(node: "hse", label: "HSE", value: tree.hse, minMHz: $0.first, maxMHz: $0.last, kind: .hse, basis: "HSE")
        }
        let mode = i.hseMode.value.map { " \($0.rawValue)" } ?? ""
        rows.append(ClockRow(depth: 0, name: "HSE", value: tree.hse, from: i.hseOrigin + mode, check: hseCheck))
        rows.append(ClockRow(depth: 0, name: "HSI", value: tree.hsi, from: i.hsiDivider.value.map { "64 MHz / \($0)" } ?? "", check: nil))
        for pll in tree.plls where pll.settings.enabled.value == true {
            let s = pll.settings
            let checks = device.map { ClockLimits.shown(ClockLimits.pllChecks(pll, line: $0.line), hard: ClockLimits.pllHardChecks(pll, line: $0.line)) } ?? []
            let source = i.pllSource.value?.rawValue ?? "?"
            rows.append(ClockRow(depth: 0, name: "\(s.name) reference", value: pll.reference,
                                 from: "\(source) / M \(s.m.value.map(String.init) ?? "?")", check: checks.first,
                                 violations: marks["pll\(s.index).ref"] ?? []))
            let frac = (s.fracn.value ?? 0) == 0 ? "" : " + \(s.fracn.value!)/8192"
            rows.append(ClockRow(depth: 1, name: "VCO", value: pll.vco, from: "x N \(s.n.value.map(String.init) ?? "?")\(frac)",
                                 check: checks.count > 1 ? checks[1] : nil, violations: marks["pll\(s.index).vco"] ?? []))
            for (letter, value, divider) in [("P", pll.p, s.p), ("Q", pll.q, s.q), ("R", pll.r, s.r)] {
                rows.append(ClockRow(depth: 2, name: letter, value: value, from: "/ \(divider.value.map(String.init) ?? "?")", check: nil))
            }
        }
        rows.append(ClockRow(depth: 0, name: "SYSCLK", value: tree.sysclk, from: i.sysclkSource.value.map { $0 == .pll1 ? "PLL1 P" : $0.rawValue } ?? "", check: nil))
        rows.append(ClockRow(depth: 1, name: "CPU", value: tree.cpu, from: divider(i.cpuDivider, "D1CPRE"), check: busCheck("cpu"), violations: marks["cpu"] ?? []))
        rows.append(ClockRow(depth: 2, name: "HCLK / AXI", value: tree.hclk, from: divider(i.ahbDivider, "HPRE"), check: busCheck("hclk"), violations: marks["hclk"] ?? []))
        for (n, value, d) in [(1, tree.apb1, i.apb1Divider), (2, tree.apb2, i.apb2Divider), (3, tree.apb3, i.apb3Divider), (4, tree.apb4, i.apb4Divider)] {
            rows.append(ClockRow(depth: 3, name: "APB\(n)", value: value, from: divider(d, "APB\(n)"), check: busCheck("apb\(n)"), violations: marks["apb\(n)"] ?? []))
        }
        return rows
    }

    static func divider(_ s: Setting<Int>, _ name: String) -> String { "/ \(s.value.map(String.init) ?? "?") (\(name))" }

    /// Flash wait states with the minimum the line's table asks for; `marks`: the rule ids of the findings on them.
    static func latency(_ tree: ClockTree, device: Device?, marks: [String]) -> (text: String, violation: String?) {
        let i = tree.inputs
        guard let ws = i.flashLatency.value else { return ("flash latency unknown (\(i.flashLatency.reason ?? ""))", nil) }
        guard let device, let vos = i.vos.value, let hclk = tree.hclk.mhz else { return ("flash latency \(ws) WS", nil) }
        let (minimum, most) = ClockLimits.flashLatency(hclkMHz: hclk, vos: vos, line: device.line)
        guard let minimum else { return ("flash latency \(ws) WS (HCLK above every row of the table)", nil) }
        let text = "flash latency \(ws) WS (at least \(minimum) for HCLK \(ClockValue.format(mhz: hclk)) MHz at VOS\(vos))"
        guard !marks.isEmpty else { return (text, nil) }
        if ws < minimum { return (text, marks.joined(separator: " ")) }
        if let most, ws > most { return (text + ", more than this line ever needs", nil) }
        return (text, nil)
    }
}
