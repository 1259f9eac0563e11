import H7Model

/// H7-CLK-007: `HSE_VALUE` differs from the board's HSE or from the `.ioc` (when the HSE is used).
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
            findings.append(context.finding(
                id, "HSE_VALUE is \(mhz(Double(hz) / 1e6)) (\(value.origin)) but \(differences.joined(separator: " and ")): every clock the HAL derives from it (SysTick, baud rates, SystemCoreClock) is off by that ratio",
                at: place, related: related, fix: "set HSE_VALUE to \(Int(real))", core: core.core))
        }
        return findings.uniqued()
    }
}
