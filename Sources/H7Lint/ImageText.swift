import Foundation
import H7Image
import H7Model
import H7Rules

/// The text of `h7lint image --trace` and `--show-assumptions`.
public enum ImageText {
    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    static func place(_ pc: UInt32, image: FirmwareImage) -> String {
        let (line, function) = image.describe(pc & ~1)
        let at = line.map { "\($0.file):\($0.line)" } ?? "-"
        return "\(at) \(function ?? "?")"
    }

    public static func stopLine(_ emulation: Emulation, image: FirmwareImage) -> String {
        "\(hex(emulation.stop.pc)) (\(place(emulation.stop.pc, image: image))): \(emulation.stop.kind.rawValue): \(emulation.stop.detail)"
    }

    /// One line a write: address, register, value, pc, file:line, function (and why the silicon kept other bits).
    public static func trace(_ emulation: Emulation, image: FirmwareImage) -> String {
        var out = "\(image.path): register write trace (\(emulation.writes.count) writes)\n"
        for w in emulation.writes {
            let name = (w.register ?? "-").padding(toLength: 18, withPad: " ", startingAt: 0)
            let size = w.size == 4 ? "" : " (\(w.size)-byte store of \(hex(w.written)))"
            out += "  \(hex(w.address))  \(name) = \(hex(w.value))\(size)  pc \(hex(w.pc))  \(place(w.pc, image: image))"
            if let note = w.note { out += "  [\(note)]" }
            out += "\n"
        }
        out += "  stop: \(stopLine(emulation, image: image))\n"
        return out
    }

    public static func assumptions(_ emulation: Emulation, image: FirmwareImage, report: ProjectReport, seconds: Double,
                                   knowledge: Knowledge) -> String {
        var lines = ["h7lint: assumptions for \(image.path):"]
        let project = report.project
        lines.append("  part: \(project?.device?.part.define ?? "unknown") (\(project?.deviceOrigin ?? "-")), core \(emulation.cpu)")
        lines.append("  board: \(project?.board?.id ?? "none") (\(project?.boardOrigin ?? "-"))")
        lines.append("  symbols: \(image.hasSymbols ? "yes" : "no (addresses only)"); DWARF lines: \(image.lines == nil ? "no" : "yes (\(image.lines!.files.count) files)")")
        lines.append("  vector table at \(hex(image.vectorTable))")
        lines.append("  supply: \(supplyText(report, knowledge: knowledge))")
        lines.append("  memory mapped:")
        for region in emulation.mapped {
            lines.append("    \(hex(region.base))-\(hex(region.base &+ region.size &- 1))  \(region.name)")
        }
        lines.append("  stop: \(stopLine(emulation, image: image))")
        lines.append("  main reached: \(emulation.reachedMain ? "yes" : "no"); HAL tick advanced: \(emulation.uwTickAdvanced ? "yes" : "no (no uwTick read)")")
        let named = emulation.writes.filter { $0.register != nil }.count
        lines.append("  register writes: \(emulation.writes.count) (\(named) to modelled or named registers)")
        if emulation.unmodelled.isEmpty {
            lines.append("  unmodelled peripheral accesses: none")
        } else {
            lines.append("  unmodelled peripheral accesses (read back as written), by block:")
            for (block, count) in emulation.unmodelled.sorted(by: { $0.key < $1.key }) { lines.append("    \(block): \(count)") }
        }
        for start in emulation.optionStarts { lines.append("  option bytes programmed: OPTSR_PRG \(hex(start))") }
        lines.append(String(format: "  time: %.0f ms", seconds * 1000))
        return lines.joined(separator: "\n")
    }

    /// The scheme the image's first `PWR->CR3` write selects, and where (the write the silicon kept).
    static func supplyText(_ report: ProjectReport, knowledge: Knowledge) -> String {
        guard let project = report.project else { return "-" }
        guard let setting = RuleContext(project: project, knowledge: knowledge).supply.effective else { return "not written" }
        let place = " at \((setting.range.file as NSString).lastPathComponent):\(setting.range.line)"
        return "\(setting.scheme?.id ?? "no known scheme") (\(setting.spelled))\(place)"
    }
}
