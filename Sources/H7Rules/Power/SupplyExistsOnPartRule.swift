import H7Model

/// H7-PWR-002: an SMPS scheme on a part without an SMPS.
public struct SupplyExistsOnPartRule: Rule {
    public let id = "H7-PWR-002"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device else { return [] }
        var findings: [Finding] = []
        // A part with an SMPS whose line leaves a scheme out (the H7R/S line has no 2.5 V SMPS schemes).
        if device.smps {
            for setting in context.supply.settings where setting.missingOnPart && setting.via != .exitRun0Mode {
                findings.append(context.finding(
                    id, "\(setting.spelled) does not exist on \(device.define) (\(device.line.line)): its HAL defines no \(setting.scheme?.id ?? "such") scheme, so this does not compile against the real HAL headers",
                    at: setting.range, fix: "use one of the line's schemes: PWR_LDO_SUPPLY, PWR_DIRECT_SMPS_SUPPLY, PWR_SMPS_1V8_SUPPLIES_LDO, PWR_SMPS_1V8_SUPPLIES_EXT_AND_LDO, PWR_SMPS_1V8_SUPPLIES_EXT or PWR_EXTERNAL_SOURCE_SUPPLY",
                    core: setting.core))
            }
            return findings.uniqueByRange()
        }
        for macro in context.supply.macros {
            guard let scheme = macro.scheme, scheme.smpsOnly else { continue }
            findings.append(context.finding(
                id, "\(macro.define.name) selects \(scheme.id), but \(device.define) has no SMPS: ExitRun0Mode() skips it and configures nothing",
                at: macro.range, fix: "use USE_PWR_LDO_SUPPLY (or USE_PWR_EXTERNAL_SOURCE_SUPPLY if Vcore is supplied externally)",
                core: macro.core, change: context.certainSupply.map { .supplyScheme($0.id) }))
        }
        for setting in context.supply.settings where setting.missingOnPart && setting.via != .exitRun0Mode {
            findings.append(context.finding(
                id, "\(setting.spelled) does not exist on \(device.define), which has no SMPS; this does not compile against the real HAL headers",
                at: setting.range, fix: "use PWR_LDO_SUPPLY (or PWR_EXTERNAL_SOURCE_SUPPLY)", core: setting.core,
                change: context.certainSupply.map { .supplyScheme($0.id) }))
        }
        return findings.uniqueByRange()
    }
}

extension Array where Element == Finding {
    /// Drops repeats of the same rule at the same place (a define shared by both cores).
    func uniqueByRange() -> [Finding] {
        var seen: Set<String> = []
        return filter { seen.insert("\($0.ruleID)|\($0.range?.description ?? "")|\($0.message)").inserted }
    }
}
