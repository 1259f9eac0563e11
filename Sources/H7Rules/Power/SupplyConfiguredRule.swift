import H7Model

/// H7-PWR-004: nothing configures the supply.
public struct SupplyConfiguredRule: Rule {
    public let id = "H7-PWR-004"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let supply = context.supply
        guard supply.effective == nil, !supply.settings.contains(where: { $0.scheme == nil }) else { return [] }
        // An H7R/S Appli-only project: the Boot image outside it configured the supply.
        guard !context.project.inheritsBootStage else { return [] }
        // Only where this project holds the clock code: a CM4-only image (the CM7 image sets the
        // supply) or a library folder has nothing to judge.
        // Register-level code holds it when its reset path sets the clocks.
        guard context.project.cores.contains(where: { $0.defines(function: "SystemClock_Config") })
            || context.clocks.cores.contains(where: { !$0.configurations.isEmpty }) else { return [] }
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
        var finding = context.finding(
            id, "the power supply is never configured: \(why); the part stays in its reset supply state and in Run* mode",
            at: context.projectAnchor,
            fix: scheme.map { "add \($0.useMacro) to the build defines (FW 1.12) or call HAL_PWREx_ConfigSupply(\($0.hal)) first in SystemClock_Config" }
                ?? "select the scheme the board is wired for: a USE_PWR_* build define, or HAL_PWREx_ConfigSupply() first in SystemClock_Config")
        // The H7R/S line: what an unconfigured supply leads to was not read (RM0477), and ST's own OpenBootloader for
        // the STM32H7S78-DK never configures it: a warning, never an error.
        if context.device?.line.vosRegister == "csr4" {
            finding.severity = .warning
            finding.notes.append("on the STM32H7R/S line the effect of a supply left at its reset configuration was not verified (RM0477 not read; ST's OpenBootloader for the STM32H7S78-DK does not configure it either): reported as a warning")
            return [finding]
        }
        // Nothing fails while the code stays at the reset scale within its limits: the scale change is what hangs.
        if !Self.needsScaleChange(context) {
            finding.severity = .warning
            finding.notes.append("the code never leaves the reset voltage scale (no scale set above VOS3, CPU within VOS3's limit), so nothing waits for a scale change that cannot complete: reported as a warning")
        }
        return [finding]
    }

    /// The code selects a scale other than VOS3 (or one h7lint cannot read), or runs the CPU above VOS3's maximum.
    static func needsScaleChange(_ context: RuleContext) -> Bool {
        if context.voltage.settings.contains(where: { $0.vos != 3 }) { return true }
        guard let vos3 = context.device?.line.limits(vos: 3) else { return true }
        let cpus = context.clocks.all.flatMap { item in [item.configuration.tree.cpu] + item.configuration.switches.map(\.tree.cpu) }
        return cpus.contains { $0.mhz.map { $0 > vos3.maxCpuMHz + 1e-6 } ?? false }
    }
}
