import H7Model

/// H7-CLK-007: `HSE_VALUE` differs from the board's HSE or from the `.ioc` (when the HSE is used). Without a
/// named board, the sources of the HSE frequency (the `.ioc`, `HSE_VALUE`, what the PLL settings were planned
/// for) are weighed: one finding names the likely value, and what the other would break goes into its notes.
public struct HSEValueRule: Rule {
    public let id = "H7-CLK-007"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let used = context.clocks.all.contains { item in
            item.configuration.tree.usesHSE || item.configuration.switches.contains { $0.tree.usesHSE }
        }
        guard used else { return [] }
        let board = context.board.flatMap { b in b.hse?.frequencyMHz.map { (b.displayName, $0 * 1_000_000) } }
        let ioc = context.clocks.ioc.flatMap { ioc in ioc.tree.inputs.hseHz.value.map { (ioc, $0) } }
        var findings: [Finding] = []
        for core in context.clocks.cores {
            if let conflict = core.hse.conflict {
                findings.append(doubt(core, conflict: conflict, context))
                continue
            }
            guard let value = core.hseValue, let hz = value.hz, let place = value.range else { continue }
            var differences: [String] = []
            var related: [RelatedLocation] = []
            if let (name, boardHz) = board, abs(boardHz - Double(hz)) > 0.5 {
                differences.append("the board \(name) has a \(mhz(boardHz / 1e6)) HSE")
            }
            if let (ioc, iocHz) = ioc, abs(iocHz - Double(hz)) > 0.5, let r = ioc.tree.inputs.hseHz.range {
                differences.append("the .ioc says \(mhz(iocHz / 1e6))")
                related.append(RelatedLocation(r, "RCC.HSE_VALUE is \(Int(iocHz)) here"))
            }
            guard !differences.isEmpty else { continue }
            let real = board?.1 ?? ioc?.1 ?? 0
            // Certain only from a named board whose HSE frequency is verified.
            let certain = board != nil && context.board?.hse?.unverified != true
            findings.append(context.finding(
                id, "HSE_VALUE is \(mhz(Double(hz) / 1e6)) (\(value.origin)) but \(differences.joined(separator: " and ")): every clock the HAL derives from it (SysTick, baud rates, SystemCoreClock) is off by that ratio",
                at: place, related: related, fix: "set HSE_VALUE to \(Int(real))", core: core.core,
                change: certain ? .hseValue(Int(real)) : nil))
        }
        return findings.uniqued()
    }

    /// The one finding for HSE evidence that disagrees, at the value a fix would change.
    func doubt(_ core: CoreClocks, conflict: String, _ context: RuleContext) -> Finding {
        let evidence = core.hse
        let place = evidence.rejected?.range ?? core.hseValue?.range ?? evidence.statements.compactMap(\.range).first
            ?? context.projectAnchor
        let related = evidence.statements.compactMap { s in
            s.range.flatMap { $0 == place ? nil : RelatedLocation($0, "\(s.label): \(ClockValue.format(mhz: s.hz / 1e6)) MHz") }
        }
        let fix: String
        if let chosen = evidence.chosen, let rejected = evidence.rejected {
            fix = "if the crystal is \(ClockValue.format(mhz: chosen.hz / 1e6)) MHz, set \(rejected.label.hasPrefix("HSE_VALUE") ? "HSE_VALUE" : rejected.label) to \(Int(chosen.hz)); if it really is \(ClockValue.format(mhz: rejected.hz / 1e6)) MHz, set the PLL dividers and PLLRGE for it (and name the board so h7lint knows)"
        } else {
            fix = "name the board (its profile says the crystal), and make HSE_VALUE, the .ioc's RCC.HSE_VALUE and the PLL settings agree with it"
        }
        let computed = evidence.chosen.map { "clocks computed with \($0.label)'s \(ClockValue.format(mhz: $0.hz / 1e6)) MHz" }
            ?? "clock checks that depend on the HSE did not run"
        return context.finding(id, "HSE frequency in doubt: \(conflict); \(computed)", at: place, related: related,
                               fix: fix, core: core.core, notes: evidence.consequences)
    }
}
