import H7Model

/// H7-PWR-007: the `.ioc` says one supply, the build applies another.
public struct IocSupplyMatchesBuildRule: Rule {
    public let id = "H7-PWR-007"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let ioc = context.project.ioc, let stated = ioc.supplySource,
              let iocScheme = context.knowledge.schemes.named(stated),
              let applied = context.supply.effective, let appliedScheme = applied.scheme,
              appliedScheme.id != iocScheme.id else { return [] }
        // A .ioc scheme the board does not allow is H7-PWR-001's, at the same line (one finding per root cause).
        if let allowed = context.board?.supply?.allowed, !allowed.isEmpty,
           !allowed.compactMap({ context.knowledge.schemes.named($0)?.id }).contains(iocScheme.id) { return [] }
        return [context.finding(
            id, ".ioc selects \(iocScheme.id) (\(stated)) but the build applies \(appliedScheme.id); regenerating the code will change the supply",
            at: SourceRange(file: ioc.file, line: ioc.line("RCC.SupplySource") ?? 1),
            related: [RelatedLocation(applied.range, "the build applies \(appliedScheme.id) here")],
            fix: "set the supply in CubeMX to the scheme the board is wired for and regenerate, so both agree",
            change: context.certainSupply.map { .supplyScheme($0.id) })]
    }
}
