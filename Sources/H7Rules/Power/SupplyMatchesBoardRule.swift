import H7Model

/// H7-PWR-001: the supply scheme the firmware selects is not one the board's wiring allows.
public struct SupplyMatchesBoardRule: Rule {
    public let id = "H7-PWR-001"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let board = context.board, let allowed = board.supply?.allowed, !allowed.isEmpty else { return [] }
        let allowedIDs = allowed.compactMap { context.knowledge.schemes.named($0)?.id }
        let wired = allowedIDs.joined(separator: " or ")
        var seen: Set<SourceRange> = []
        return context.supply.settings.compactMap { setting in
            guard let scheme = setting.scheme, !allowedIDs.contains(scheme.id), !setting.missingOnPart,
                  seen.insert(setting.range).inserted else { return nil }
            let suggested = allowedIDs.first.flatMap { context.knowledge.schemes.byID($0) }
            let fix = suggested.map { s -> String in
                switch setting.via {
                case .exitRun0Mode: "define \(s.useMacro) instead of \(setting.spelled) in the build settings"
                case .halCall: "call HAL_PWREx_ConfigSupply(\(s.hal))"
                case .llCall: "call LL_PWR_ConfigSupply(\(s.llName))"
                case .registerWrite: "configure the supply with HAL_PWREx_ConfigSupply(\(s.hal))"
                }
            }
            return context.finding(
                id, "supply set to \(scheme.id) (\(setting.via == .exitRun0Mode ? setting.spelled : scheme.hal)) but board \(board.displayName) is wired for \(wired); the MCU locks up at power-on and the debugger cannot connect",
                at: setting.range, related: setting.related, fix: fix, core: setting.core,
                change: context.certainSupply.map { .supplyScheme($0.id) })
        }
    }
}
