import H7Model

/// H7-PWR-006: a USE_PWR_* define that nothing applies.
public struct SupplyMacroAppliedRule: Rule {
    public let id = "H7-PWR-006"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let supply = context.supply
        var findings: [Finding] = []
        for macro in supply.macros where supply.exitRun0ModeApplied[macro.core] != true {
            if let scheme = macro.scheme, scheme.smpsOnly, context.device?.smps == false { continue }  // H7-PWR-002
            let build = context.project.cores.first { $0.core == macro.core }
            if build?.sources.contains(where: { $0.mentionedSupplyMacros.contains(macro.define.name) }) == true { continue }
            let core = context.project.cores.first { $0.core == macro.core }
            let reason: String
            if supply.exitRun0ModeDefined[macro.core] == nil {
                reason = "no parsed system file defines ExitRun0Mode()"
            } else if core?.startupFile == nil {
                reason = "no startup file was found to call ExitRun0Mode()"
            } else {
                reason = "the startup file \(core!.startupFile!) does not call ExitRun0Mode()"
            }
            findings.append(context.finding(
                id, "\(macro.define.name) is defined but has no effect: \(reason)", at: macro.range,
                fix: "regenerate system_stm32h7xx.c and the startup file with FW 1.12 or later, or call HAL_PWREx_ConfigSupply() in SystemClock_Config",
                core: macro.core))
        }
        return findings.uniqueByRange()
    }
}
