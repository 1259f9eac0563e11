import Foundation
import H7Model

/// The board profile `h7lint init` writes for a project whose board is not named: what the `.ioc` and the
/// build tell is filled in, what only the schematic can tell is a QUESTION. The supply wiring is left empty
/// on purpose: the profile does not load until someone answers it, so a guess never passes for a fact.
enum BoardSkeleton {
    static let fileName = "h7lint-board.yml"

    static func text(for project: Project, knowledge: Knowledge) -> String {
        let device = project.device
        let id = project.root.lastPathComponent.uppercased().replacingOccurrences(of: " ", with: "-") + "-BOARD"
        let schemes = knowledge.schemes.all.filter { device?.part.smps ?? true || !$0.smpsOnly }.map(\.id)
        var out = """
            # Board profile for \(project.name), written by `h7lint init` (format: Rules/README.md in h7lint).
            # Answer each QUESTION from the board's schematic, then delete the QUESTION lines.
            # h7lint refuses this file until supply.allowed lists how the core supply is wired.
            id: \(id)
            name: "\(project.name) board"\n
            """
        // A part number only when the .ioc names one: a CMSIS define (STM32H745xx) is no part number.
        if let part = project.ioc?.partName {
            out += "part: \(part)\n"
        } else {
            out += "# QUESTION (optional): the part number printed on the chip, e.g. part: STM32H745ZIT6\n"
        }
        if let device { out += "device: \(device.part.define)\n" }
        let inferred = project.boardInference != nil ? project.board?.id : nil
        out += "supply:\n"
        out += "  # QUESTION: how is VCORE supplied on this board? Schemes this part has: \(schemes.joined(separator: ", ")).\n"
        if let firmware = Self.firmwareScheme(project, knowledge: knowledge) {
            out += "  # The firmware selects \(firmware); write it below only if the schematic agrees.\n"
        }
        if let inferred, let allowed = knowledge.board(named: inferred)?.supply?.allowed {
            out += "  # The .ioc looks like \(inferred), which is wired for \(allowed.joined(separator: ", ")).\n"
        }
        out += "  allowed: []\n  source: \"schematic, sheet ?\"\n"
        if let hz = project.ioc?.value("RCC.HSE_VALUE").flatMap(Double.init) {
            let mode = project.ioc?.pins.first { $0.name == "PH0" }?.mode
            let wiring = mode == "HSE-External-Clock-Source" ? "bypass" : (mode == "HSE-External-Oscillator" ? "crystal" : "crystal")
            out += """
                hse:
                  # From the .ioc (RCC.HSE_VALUE, PH0 mode). QUESTION: does the schematic agree (crystal or oscillator)?
                  frequency_mhz: \(ClockValue.format(mhz: hz / 1_000_000))
                  mode: \(wiring)
                  source: ".ioc RCC.HSE_VALUE"
                  unverified: true\n
                """
        } else {
            out += "# QUESTION: HSE frequency and whether it is a crystal or an oscillator (bypass), e.g.\n"
            out += "# hse: { frequency_mhz: 25, mode: crystal, source: \"schematic\" }\n"
        }
        out += """
            # QUESTION: the capacitors on VCAP (each pin), e.g. vcap: { capacitance_uf: 2.2, count: 2, source: "schematic" }
            boot0:
              # QUESTION: is BOOT0 pulled down, on a jumper, on a switch, or floating?
              wiring: unknown
            # QUESTION: is NRST on the debug connector? nrst: { on_debug_connector: true, source: "schematic" }
            sources: ["schematic"]\n
            """
        return out
    }

    /// `direct-smps (USE_PWR_DIRECT_SMPS_SUPPLY in Makefile)`, from the build or the call.
    static func firmwareScheme(_ project: Project, knowledge: Knowledge) -> String? {
        for core in project.cores {
            if let define = core.defines.first(where: { $0.name.hasPrefix("USE_PWR_") }),
               let scheme = knowledge.schemes.named(define.name) {
                return "\(scheme.id) (\(define.name) in \(core.settings?.file ?? "the build"))"
            }
            for call in core.allCalls where call.name.hasSuffix("_ConfigSupply") {
                if let name = call.arguments.first?.identifier, let scheme = knowledge.schemes.named(name) {
                    return "\(scheme.id) (\(call.name)(\(name)) in \(call.range.file))"
                }
            }
        }
        if let value = project.ioc?.value("RCC.SupplySource"), let scheme = knowledge.schemes.named(value) {
            return "\(scheme.id) (.ioc RCC.SupplySource)"
        }
        return nil
    }
}
