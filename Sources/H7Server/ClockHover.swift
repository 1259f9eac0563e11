import Foundation
internal import H7Lint
import H7Model
import H7Report

/// The `clocks` view of one setting: the rows of the clock table it drives, with their limits and
/// margins at the configured voltage scale, and the whole table below.
enum ClockHover {
    /// The rows a setting drives, by their names in the clock table.
    enum Rows { case names([String]), pll(Int, extra: [String]) }

    static func text(_ checked: CheckedProject, path: String, line: Int, knowledge: Knowledge) -> String? {
        guard let project = checked.report.project else { return nil }
        let report = ClockReports.report(project, knowledge: knowledge, findings: checked.report.findings)
        for section in report.sections {
            guard let tree = section.tree else { continue }
            for (label, range, rows) in settings(tree.inputs)
            where range.line == line && ProjectPaths.absolute(range.file, root: checked.report.root) == path {
                let one = ClockReport(project: report.project, device: report.device, board: report.board,
                                      sections: [section], findings: [])
                let table = ClockTextReport(color: false).render(one)
                let picked = pick(table, rows)
                var out = "**\(label)** (\(section.title))\n\n```\n" + picked.joined(separator: "\n") + "\n```"
                let marks = section.marks.values.flatMap { $0 }
                if !marks.isEmpty { out += "\n\nOver a limit: " + Set(marks).sorted().joined(separator: ", ") }
                out += "\n\nThe whole tree: command `h7lint.clockTree` (`h7lint clocks` in a terminal)."
                return out
            }
        }
        return nil
    }

    /// Each placed setting with the rows it drives.
    static func settings(_ i: ClockInputs) -> [(String, SourceRange, Rows)] {
        var out: [(String, SourceRange?, Rows)] = [
            ("voltage scale", i.vos.range, .names(["CPU", "HCLK / AXI", "APB1", "APB2", "APB3", "APB4"])),
            ("flash latency", i.flashLatency.range, .names(["HCLK / AXI", "flash latency"])),
            ("HSE mode", i.hseMode.range, .names(["HSE"])),
            ("PLL source", i.pllSource.range, .pll(1, extra: [])),
            ("SYSCLK source", i.sysclkSource.range, .names(["SYSCLK", "CPU"])),
            ("CPU divider (D1CPRE)", i.cpuDivider.range, .names(["SYSCLK", "CPU", "HCLK / AXI"])),
            ("AHB divider (HPRE)", i.ahbDivider.range, .names(["HCLK / AXI", "APB1", "APB2", "APB3", "APB4"])),
            ("APB1 divider", i.apb1Divider.range, .names(["HCLK / AXI", "APB1"])),
            ("APB2 divider", i.apb2Divider.range, .names(["HCLK / AXI", "APB2"])),
            ("APB3 divider", i.apb3Divider.range, .names(["HCLK / AXI", "APB3"])),
            ("APB4 divider", i.apb4Divider.range, .names(["HCLK / AXI", "APB4"])),
        ]
        for pll in i.plls {
            let k = pll.index, cpu = k == 1 ? ["SYSCLK", "CPU"] : []
            out += [("PLL\(k) M", pll.m.range, .pll(k, extra: [])), ("PLL\(k) N", pll.n.range, .pll(k, extra: cpu)),
                    ("PLL\(k) FRACN", pll.fracn.range, .pll(k, extra: cpu)), ("PLL\(k) P", pll.p.range, .pll(k, extra: cpu)),
                    ("PLL\(k) Q", pll.q.range, .pll(k, extra: [])), ("PLL\(k) R", pll.r.range, .pll(k, extra: [])),
                    ("PLL\(k) input range", pll.inputRange.range, .pll(k, extra: [])),
                    ("PLL\(k) VCO range", pll.vcoRange.range, .pll(k, extra: []))]
        }
        return out.compactMap { label, range, rows in range.map { (label, $0, rows) } }
    }

    /// The voltage-scale line, the table's heading and the rows named, from the rendered table.
    static func pick(_ table: String, _ rows: Rows) -> [String] {
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func name(_ line: String) -> String { line.trimmingWhitespace() }
        var picked: [String] = []
        var wanted: [String]
        switch rows {
        case .names(let names): wanted = names
        case .pll(let k, let extra):
            wanted = extra
            if let start = lines.firstIndex(where: { name($0).hasPrefix("PLL\(k) reference") }) {
                picked += lines[start..<min(lines.count, start + 5)]
            }
        }
        let heading = lines.filter { name($0).hasPrefix("voltage scale") || name($0).hasPrefix("clock ") }
        for line in lines where wanted.contains(where: { name(line).hasPrefix($0 + " ") || name(line) == $0 }) {
            if !picked.contains(line) { picked.append(line) }
        }
        return heading + picked
    }
}
