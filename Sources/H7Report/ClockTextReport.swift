import Foundation
import H7Model

/// `h7lint clocks` as text: per core a table of the clock tree with value, origin, limit at the
/// configured voltage scale, margin, and the rules whose findings are on it.
public struct ClockTextReport {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    public func render(_ report: ClockReport) -> String {
        var out = bold(report.project)
        if let device = report.device { out += "  \(device.define) (\(device.line.line))" }
        out += report.board.map { "  board \($0)" } ?? "  board unknown"
        out += "\n"
        for section in report.sections {
            out += "\n" + bold(section.title) + "\n"
            guard let tree = section.tree else {
                out += "  \(section.note ?? "no clock configuration found")\n"
                continue
            }
            if let note = section.note { out += "  \(note)\n" }
            out += table(tree, device: report.device, marks: section.marks)
        }
        let clockFindings = report.findings.filter { $0.ruleID.hasPrefix("H7-CLK-") }
        out += "\n"
        if clockFindings.isEmpty {
            out += "no clock finding\n"
        } else {
            for f in clockFindings {
                let place = f.range.map { "\($0.file):\($0.line): " } ?? ""
                out += "\(place)\(paint(f.severity.rawValue, f.severity)): \(f.message) [\(f.ruleID)]\n"
            }
        }
        return out
    }

    func table(_ tree: ClockTree, device: Device?, marks: [String: [String]]) -> String {
        let vos = tree.inputs.vos
        var out = "  voltage scale: " + (vos.value.map { "VOS\($0)" } ?? "unknown (\(vos.reason ?? ""))")
        if let r = vos.range { out += "  (\(vos.spelled), \(r.file):\(r.line))" }
        out += "\n"
        let rows = ClockRow.rows(tree, device: device, marks: marks)
        var lines: [[String]] = [["clock", "value", "from", "limit", "margin", ""]]
        var lastReason: String?
        for row in rows {
            let name = String(repeating: "  ", count: row.depth) + row.name
            let value = row.value.mhz.map { ClockValue.format(mhz: $0) + " MHz" } ?? "unknown"
            var limit = "", margin = ""
            if let c = row.check, c.minMHz != nil || c.maxMHz != nil {
                limit = [c.minMHz.map { ClockValue.format(mhz: $0) + "-" } ?? "<= ", c.maxMHz.map { ClockValue.format(mhz: $0) } ?? "", " MHz (\(c.basis))"].joined()
                if let m = c.marginMHz, let v = row.value.mhz, v > 0 {
                    margin = ClockValue.format(mhz: m) + " MHz"
                    if let max = c.maxMHz, max > 0, c.minMHz == nil { margin += String(format: " (%.0f%%)", m / max * 100) }
                }
            }
            let mark = row.violations.isEmpty ? "" : "OVER " + row.violations.joined(separator: " ")
            lines.append([name, value, row.from, limit, margin, mark])
            if let why = row.value.reason, why != lastReason { lines.append(["", "", "(\(why))", "", "", ""]) }
            lastReason = row.value.reason
        }
        let widths = (0..<6).map { column in lines.map { $0[column].count }.max() ?? 0 }
        for (index, cells) in lines.enumerated() {
            var text = "  "
            for (column, cell) in cells.enumerated() where column < 5 {
                text += cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            let mark = cells[5]
            let line = (index == 0 ? bold(text) : text) + (mark.isEmpty ? "" : paint(mark, .error))
            out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        let (latency, violation) = ClockRow.latency(tree, device: device, marks: marks["flash"] ?? [])
        out += "  " + latency + (violation.map { "  " + paint("TOO FEW " + $0, .error) } ?? "") + "\n"
        return out
    }

    private func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    private func paint(_ s: String, _ severity: Severity) -> String {
        guard color else { return s }
        let code = severity == .error ? "31" : (severity == .warning ? "33" : "36")
        return "\u{1B}[\(code)m\(s)\u{1B}[0m"
    }
}
