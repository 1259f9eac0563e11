import ArgumentParser
import Foundation
import H7Model
import H7Report

/// `h7lint recover [RULE-ID] [--scenario supply|cm7-boot|rdp] [--probe cubeprogrammer|openocd|pyocd] [--part PART]`:
/// the ordered procedures for a board that is already stuck, the chosen probe's steps first and whole, with its
/// commands per part family (Rules/recovery.yml). h7lint prints them; it never runs them.
struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover", abstract: "Print the steps and commands that bring a stuck board back (never runs them).")

    static let scenarios: [String: [String]] = [
        "supply": ["reset-held-power-up", "boot0-mass-erase", "power-cycle"],
        "cm7-boot": ["cm4-access-port"],
        "rdp": ["rdp-level2-none"],
        "product-state": ["h7rs-debug-auth-regression", "h7rs-locked-none"],
    ]
    static let probes = ["cubeprogrammer", "openocd", "pyocd"]

    @Argument(help: "A rule id (its recovery list), e.g. H7-PWR-001.") var rule: String?
    @Option(help: "supply (wrong supply scheme), cm7-boot (Cortex-M7 boot disabled), rdp (read-out protection level 2) or product-state (an STM32H7R/S part closed or locked).")
    var scenario: String?
    @Option(help: "cubeprogrammer (STM32_Programmer_CLI, the default), openocd or pyocd.") var probe: String = "cubeprogrammer"
    @Option(help: "The part (STM32H743ZI, STM32H745xx, ...): only its family's commands. Default: every family.")
    var part: String?

    func run() throws {
        let code = try CommandSupport.guarded {
            guard Self.probes.contains(probe) else {
                throw H7Error.usage("--probe must be \(Self.probes.joined(separator: ", ")), not '\(probe)'")
            }
            let knowledge = try CommandSupport.loadKnowledge()
            let ids: [String]
            switch (rule, scenario) {
            case let (id?, nil):
                guard let doc = knowledge.ruleDocs[id.uppercased()] else { throw H7Error.usage("unknown rule '\(id)' (`h7lint rules` lists them)") }
                ids = doc.recovery ?? []
            case let (nil, name?):
                guard let list = Self.scenarios[name] else {
                    throw H7Error.usage("--scenario must be \(Self.scenarios.keys.sorted().joined(separator: ", ")), not '\(name)'")
                }
                ids = list
            default:
                throw H7Error.usage("name a rule id or a --scenario (supply, cm7-boot, rdp, product-state), not both")
            }
            let family = try part.map { try Self.family(of: $0, knowledge) }
            let text = RecoveryText(book: knowledge.recoveryBook, probe: probe, family: family)
            try StandardStreams.output(text.render(ids.compactMap { knowledge.recovery[$0] }))
            return 0
        }
        throw ExitCode(code)
    }

    /// The part family of a CMSIS define or a part number.
    static func family(of part: String, _ knowledge: Knowledge) throws -> PartFamily {
        let device = knowledge.device(define: part) ?? knowledge.device(partName: part)
        // A short part number (STM32H7A3ZI) that no glob takes: its first nine characters name the line's define.
        let stem = part.uppercased().prefix(9)
        let define = device?.part.define ?? knowledge.deviceDefines.sorted().first { $0.uppercased().hasPrefix(stem) && stem.count == 9 }
        guard let define, let family = knowledge.recoveryBook.family(define: define) else {
            throw H7Error.usage("--part '\(part)' is not an STM32H7 part h7lint knows (a part number such as STM32H743ZI, or a define such as STM32H743xx)")
        }
        return family
    }
}
