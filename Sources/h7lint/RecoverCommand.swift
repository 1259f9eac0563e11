import ArgumentParser
import Foundation
import H7Model
import H7Report

/// `h7lint recover [RULE-ID] [--scenario supply|cm7-boot|rdp] [--probe cubeprogrammer|openocd|pyocd]`: the
/// ordered procedures for a board that is already stuck, with the exact commands for the probe in use
/// (Rules/recovery.yml). h7lint prints them; it never runs them.
struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover", abstract: "Print the steps and commands that bring a stuck board back (never runs them).")

    static let scenarios: [String: [String]] = [
        "supply": ["reset-held-power-up", "boot0-mass-erase", "power-cycle"],
        "cm7-boot": ["cm4-access-port"],
        "rdp": ["rdp-level2-none"],
    ]
    static let probes = ["cubeprogrammer", "openocd", "pyocd"]

    @Argument(help: "A rule id (its recovery list), e.g. H7-PWR-001.") var rule: String?
    @Option(help: "supply (wrong supply scheme), cm7-boot (Cortex-M7 boot disabled) or rdp (read-out protection level 2).")
    var scenario: String?
    @Option(help: "cubeprogrammer (STM32_Programmer_CLI, the default), openocd or pyocd.") var probe: String = "cubeprogrammer"

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
                throw H7Error.usage("name a rule id or a --scenario (supply, cm7-boot, rdp), not both")
            }
            try StandardStreams.output(Self.text(ids.compactMap { knowledge.recovery[$0] }, probe: probe))
            return 0
        }
        throw ExitCode(code)
    }

    static func text(_ procedures: [RecoveryProcedure], probe: String) -> String {
        var out = ""
        for (n, procedure) in procedures.enumerated() {
            out += "\(n + 1). \(procedure.title)\(procedure.irreversible == true ? " (irreversible)" : "")\n"
            if let when = procedure.when { out += "   When: \(when)\n" }
            for step in procedure.steps { out += "   - \(step)\n" }
            if let commands = procedure.commands?[probe] {
                let unverified = procedure.commandsUnverified?.contains(probe) == true ? " (not run against a part by h7lint's authors; check against your tool's manual)" : ""
                out += "   Commands for \(probe)\(unverified):\n"
                for command in commands { out += "     \(command)\n" }
            } else if procedure.commands != nil {
                out += "   No \(probe) commands are recorded for this step; see the steps above.\n"
            }
            out += "\n"
        }
        return out.isEmpty ? "No recovery procedure is recorded.\n" : out
    }
}
