import H7Model

/// H7-PWR-004: nothing configures the supply.
public struct SupplyConfiguredRule: Rule {
    public let id = "H7-PWR-004"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let supply = context.supply
        guard supply.effective == nil, !supply.settings.contains(where: { $0.scheme == nil }) else { return [] }
        // Only where this project holds the clock code: a CM4-only image (the CM7 image sets the
        // supply) or a library folder has nothing to judge.
        guard context.project.cores.contains(where: { $0.defines(function: "SystemClock_Config") }) else { return [] }
        // A configuration stopped by #error is not what gets built: H7-META-003 reports that instead.
        guard !context.project.cores.contains(where: { $0.sources.contains(where: ConfigurationStopsRule.stopped) }) else { return [] }
        let why: String
        if !supply.macros.isEmpty {
            why = "the USE_PWR_* define has no effect here"
        } else if supply.exitRun0ModeApplied.values.contains(true) {
            why = "ExitRun0Mode() runs but no USE_PWR_* define selects a scheme, and no HAL_PWREx_ConfigSupply() call follows"
        } else {
            why = "there is no USE_PWR_* define and no HAL_PWREx_ConfigSupply() call"
        }
        let scheme = context.board?.supply?.allowed.first.flatMap { context.knowledge.schemes.named($0) }
        return [context.finding(
            id, "the power supply is never configured: \(why); the part stays in its reset supply state and in Run* mode",
            at: context.projectAnchor,
            fix: scheme.map { "add \($0.useMacro) to the build defines (FW 1.12) or call HAL_PWREx_ConfigSupply(\($0.hal)) first in SystemClock_Config" }
                ?? "select the scheme the board is wired for: a USE_PWR_* build define, or HAL_PWREx_ConfigSupply() first in SystemClock_Config")]
    }
}
