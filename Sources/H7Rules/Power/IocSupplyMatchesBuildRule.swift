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
        var buildIsWrong = false
        if let allowed = context.board?.supply?.allowed, !allowed.isEmpty {
            let ids = allowed.compactMap { context.knowledge.schemes.named($0)?.id }
            if !ids.contains(iocScheme.id) { return [] }
            buildIsWrong = !ids.contains(appliedScheme.id)
        }
        var finding = context.finding(
            id, ".ioc selects \(iocScheme.id) (\(stated)) but the build applies \(appliedScheme.id); regenerating the code will change the supply",
            at: SourceRange(file: ioc.file, line: ioc.line("RCC.SupplySource") ?? 1),
            related: [RelatedLocation(applied.range, "the build applies \(appliedScheme.id) here")],
            fix: "set the supply in CubeMX to the scheme the board is wired for and regenerate, so both agree",
            change: context.certainSupply.map { .supplyScheme($0.id) })
        // The .ioc is right and the build is not: H7-PWR-001 reports the build; at the .ioc this is only a note
        // (kept, since a suppressed H7-PWR-001 on a reworked board still needs the .ioc brought into line).
        if buildIsWrong { finding.severity = .note }
        return [finding]
    }
}
