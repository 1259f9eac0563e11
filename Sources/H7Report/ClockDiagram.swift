import Foundation
import H7Model

/// `h7lint clocks --format svg`: each tree as a diagram in the manner of CubeMX's clock view. Sources on the
/// left, PLLs, the SYSCLK switch, then CPU, AXI/AHB and the APB domains; each box shows its value, its limit
/// at the voltage scale and the margin. Green: no finding; red: a finding on it (rule id shown);
/// grey: unknown; white: not on the path to SYSCLK.
public struct ClockDiagram {
    public init() {}

    static let width = 1230.0
    static let sectionHeight = 470.0

    public func render(_ report: ClockReport) -> String {
        let sections = report.sections
        let height = 70 + Double(sections.count) * Self.sectionHeight + 40
        var svg = SVG(width: Self.width, height: height)
        var title = report.project
        if let d = report.device { title += " · \(d.define) (\(d.line.line))" }
        title += " · board \(report.board ?? "unknown")"
        svg.text(20, 30, title, size: 18, weight: "bold")
        svg.text(20, 52, "Limits at the voltage scale the code selects. Green: no finding · red: a finding on it · grey: unknown · white: not on the SYSCLK path",
                 size: 12, fill: "#555")
        for (index, section) in sections.enumerated() {
            let top = 70 + Double(index) * Self.sectionHeight
            svg.rect(10, top, Self.width - 20, Self.sectionHeight - 12, fill: "#fafafa", stroke: "#ccc", radius: 6)
            svg.text(24, top + 24, section.title, size: 15, weight: "bold")
            if let tree = section.tree {
                draw(tree, device: report.device, note: section.note, marks: section.marks, top: top + 34, into: &svg)
            } else {
                svg.text(24, top + 56, section.note ?? "no clock configuration found", size: 13, fill: "#555")
            }
        }
        return svg.document
    }

    // MARK: One tree

    private struct Box {
        var x, y, w, h: Double
        var status: Status
        var lines: [String]
        var right: (Double, Double) { (x + w, y + h / 2) }
        var left: (Double, Double) { (x, y + h / 2) }
    }

    enum Status {
        case ok, violated, unknown, idle

        var fill: String { ["#dff3df", "#f9d4d4", "#e6e6e6", "#ffffff"][index] }
        var stroke: String { ["#3a8f3a", "#c0392b", "#999999", "#bbbbbb"][index] }
        private var index: Int {
            switch self {
            case .ok: 0
            case .violated: 1
            case .unknown: 2
            case .idle: 3
            }
        }
    }

    private func status(_ value: ClockValue, marked: [String], active: Bool = true) -> Status {
        if !active { return .idle }
        if value.hz == nil { return .unknown }
        return marked.isEmpty ? .ok : .violated
    }

    private func valueLine(_ value: ClockValue) -> String { value.mhz.map { ClockValue.format(mhz: $0) + " MHz" } ?? "unknown" }

    private func limitLines(_ check: ClockCheck?, marked: [String]) -> [String] {
        guard let c = check, c.minMHz != nil || c.maxMHz != nil else { return [] }
        let range = c.minMHz.map { "\(ClockValue.format(mhz: $0))-\(ClockValue.format(mhz: c.maxMHz ?? 0))" }
            ?? "≤ \(ClockValue.format(mhz: c.maxMHz ?? 0))"
        var lines = ["limit \(range) MHz (\(c.basis))"]
        if let m = c.marginMHz, c.value.hz != nil {
            lines.append(marked.isEmpty ? "margin \(ClockValue.format(mhz: m)) MHz"
                : "OVER by \(ClockValue.format(mhz: -m)) MHz · \(marked.joined(separator: " "))")
        }
        return lines
    }

    private func draw(_ tree: ClockTree, device: Device?, note: String?, marks: [String: [String]], top: Double,
                      into svg: inout SVG) {
        let i = tree.inputs
        let line = device?.line
        let bus = line.map { ClockLimits.shown(ClockLimits.busChecks(tree, line: $0, vos: i.vos.value), hard: ClockLimits.busMaximumChecks(tree, line: $0, vos: i.vos.value)) } ?? []
        func busCheck(_ node: String) -> ClockCheck? { bus.first { $0.node == node && $0.maxMHz != nil } }
        let vosText = i.vos.value.map { "VOS\($0)" } ?? "VOS unknown"
        let (latency, latencyViolation) = ClockRow.latency(tree, device: device, marks: marks["flash"] ?? [])
        svg.text(24, top + 12, "\(vosText) · \(latency)" + (note.map { " · \($0)" } ?? ""), size: 12,
                 fill: latencyViolation == nil ? "#333" : "#c0392b")
        let y0 = top + 30
        let sysSource = i.sysclkSource.value
        let pllSource = i.pllSource.value
        let pll1On = i.pll(1).enabled.value == true

        // Oscillators.
        let hseOn = i.hseMode.value?.isOn ?? (sysSource == .hse || pllSource == .hse)
        var oscillators: [(ClockSource, Box)] = []
        let oscSpecs: [(ClockSource, String, ClockValue, [String], Bool)] = [
            (.hse, "HSE" + (i.hseMode.value.map { " (\($0.rawValue))" } ?? ""), tree.hse, [i.hseOrigin], hseOn),
            (.hsi, "HSI", tree.hsi, [i.hsiDivider.value.map { "64 MHz / \($0)" } ?? ""], true),
            (.csi, "CSI", tree.csi, ["4 MHz"], sysSource == .csi || pllSource == .csi),
        ]
        for (n, spec) in oscSpecs.enumerated() {
            let used = spec.0 == sysSource || (spec.0 == pllSource && pll1On)
            let box = Box(x: 24, y: y0 + Double(n) * 78, w: 170, h: 62,
                          status: status(spec.2, marked: marks[spec.0.rawValue.lowercased()] ?? [], active: used && spec.4),
                          lines: [spec.1, valueLine(spec.2)] + spec.3.filter { !$0.isEmpty })
            oscillators.append((spec.0, box))
        }

        // PLLs.
        var pllBoxes: [Int: Box] = [:]
        var y = y0
        for pll in tree.plls where pll.settings.enabled.value == true || pll.settings.index == 1 {
            let s = pll.settings
            let on = s.enabled.value == true
            let checks = line.map { ClockLimits.shown(ClockLimits.pllChecks(pll, line: $0), hard: ClockLimits.pllHardChecks(pll, line: $0)) } ?? []
            let ref = checks.first, vco = checks.count > 1 ? checks[1] : nil
            let refMarks = marks["pll\(s.index).ref"] ?? [], vcoMarks = marks["pll\(s.index).vco"] ?? []
            let worst: Status = !on ? .idle : (!(refMarks + vcoMarks).isEmpty ? .violated
                : (pll.vco.hz == nil ? .unknown : .ok))
            var lines = ["\(s.name)" + (on ? " · source \(pllSource?.rawValue ?? "?")" : " · off")]
            if on {
                lines.append("/M \(s.m.value.map(String.init) ?? "?") → ref \(valueLine(pll.reference))")
                lines += limitLines(ref, marked: refMarks).map { "  " + $0 }
                let frac = (s.fracn.value ?? 0) == 0 ? "" : " + \(s.fracn.value!)/8192"
                lines.append("×N \(s.n.value.map(String.init) ?? "?")\(frac) → VCO \(valueLine(pll.vco))")
                lines += limitLines(vco, marked: vcoMarks).map { "  " + $0 }
                lines.append("P /\(s.p.value.map(String.init) ?? "?") = \(valueLine(pll.p))   Q /\(s.q.value.map(String.init) ?? "?") = \(valueLine(pll.q))")
                lines.append("R /\(s.r.value.map(String.init) ?? "?") = \(valueLine(pll.r))")
            }
            let h = 24 + Double(lines.count) * 15
            pllBoxes[s.index] = Box(x: 250, y: y, w: 300, h: h, status: worst, lines: lines)
            y += h + 14
        }

        // SYSCLK, CPU, HCLK, APB.
        let sys = Box(x: 605, y: y0 + 40, w: 130, h: 62, status: status(tree.sysclk, marked: []),
                      lines: ["SYSCLK", valueLine(tree.sysclk), "from " + (sysSource.map { $0 == .pll1 ? "PLL1 P" : $0.rawValue } ?? "?")])
        let cpuCheck = busCheck("cpu"), hclkCheck = busCheck("hclk")
        let cpuMarks = marks["cpu"] ?? [], hclkMarks = marks["hclk"] ?? []
        let cpu = Box(x: 770, y: y0, w: 190, h: 92, status: status(tree.cpu, marked: cpuMarks),
                      lines: ["CPU · D1CPRE /\(i.cpuDivider.value.map(String.init) ?? "?")", valueLine(tree.cpu)] + limitLines(cpuCheck, marked: cpuMarks))
        let hclk = Box(x: 770, y: y0 + 110, w: 190, h: 92, status: status(tree.hclk, marked: hclkMarks),
                       lines: ["HCLK / AXI · HPRE /\(i.ahbDivider.value.map(String.init) ?? "?")", valueLine(tree.hclk)] + limitLines(hclkCheck, marked: hclkMarks))
        var apbBoxes: [Box] = []
        for (n, value, d) in [(3, tree.apb3, i.apb3Divider), (1, tree.apb1, i.apb1Divider), (2, tree.apb2, i.apb2Divider), (4, tree.apb4, i.apb4Divider)] {
            let check = busCheck("apb\(n)"), marked = marks["apb\(n)"] ?? []
            apbBoxes.append(Box(x: 990, y: y0 + Double(apbBoxes.count) * 96, w: 220, h: 84, status: status(value, marked: marked),
                                lines: ["APB\(n) · /\(d.value.map(String.init) ?? "?")", valueLine(value)] + limitLines(check, marked: marked)))
        }

        // Wires first, boxes on top.
        for (source, box) in oscillators {
            for (index, pllBox) in pllBoxes {
                let active = source == pllSource && tree.pll(index).settings.enabled.value == true
                svg.wire(from: box.right, to: pllBox.left, active: active)
            }
            svg.wire(from: box.right, to: sys.left, active: source == sysSource)
        }
        if let p1 = pllBoxes[1] { svg.wire(from: p1.right, to: sys.left, active: sysSource == .pll1) }
        svg.wire(from: sys.right, to: cpu.left, active: true)
        svg.wire(from: (cpu.x + cpu.w / 2, cpu.y + cpu.h), to: (hclk.x + hclk.w / 2, hclk.y), active: true)
        for box in apbBoxes { svg.wire(from: hclk.right, to: box.left, active: true) }
        for box in oscillators.map(\.1) + pllBoxes.values.sorted(by: { $0.y < $1.y }) + [sys, cpu, hclk] + apbBoxes {
            svg.box(box.x, box.y, box.w, box.h, status: box.status, lines: box.lines)
        }
    }
}

/// A minimal SVG writer.
struct SVG {
    let width, height: Double
    private var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    var document: String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="#ffffff"/>
        \(body)</svg>

        """
    }

    mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 12, weight: String = "normal", fill: String = "#222") {
        body += "<text x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" font-weight=\"\(weight)\" fill=\"\(fill)\">\(Self.escape(s))</text>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String, radius: Double = 4, width: Double = 1) {
        body += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" rx=\"\(radius)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"/>\n"
    }

    mutating func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, status: ClockDiagram.Status, lines: [String]) {
        rect(x, y, w, h, fill: status.fill, stroke: status.stroke, width: status == .violated ? 2.5 : 1.2)
        for (n, line) in lines.enumerated() {
            let red = line.hasPrefix("OVER") || line.contains("OVER by")
            text(x + 8, y + 18 + Double(n) * 15, line, size: n == 0 ? 12.5 : 11.5, weight: n == 0 || n == 1 && !line.hasPrefix("/") ? "bold" : "normal",
                 fill: red ? "#c0392b" : "#222")
        }
    }

    mutating func wire(from a: (Double, Double), to b: (Double, Double), active: Bool) {
        let mid = (a.0 + b.0) / 2
        body += "<path d=\"M \(a.0) \(a.1) C \(mid) \(a.1), \(mid) \(b.1), \(b.0) \(b.1)\" fill=\"none\" stroke=\"\(active ? "#2c6fbb" : "#d5d5d5")\" stroke-width=\"\(active ? 2.2 : 1)\"/>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
