import H7Model

/// H7-META-006: an image checked beside its project (`check --image`, `--images`) selects another supply scheme than
/// the project's sources: it is stale or was built with other settings, so what was checked in the sources is not
/// what the board runs (Rules/catalog/H7-META-006.yml documents it).
public struct ImageMatchesSourcesRule: Rule {
    public let id = "H7-META-006"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let sources = context.project.builtFrom, let wanted = sources.supply,
              let written = context.supply.effective, let scheme = written.scheme?.id, scheme != wanted else { return [] }
        let spelled = sources.spelled.map { " (\($0))" } ?? ""
        let related = sources.range.map { [RelatedLocation($0, "the sources of \(sources.project) select \(wanted) here")] } ?? []
        return [context.finding(
            id, "this image selects the supply \(scheme) (\(written.spelled)) but the sources of \(sources.project) select \(wanted)\(spelled): the image is stale or was built with other settings, and what was checked in the sources is not what the board runs",
            at: written.range, related: related,
            fix: "rebuild the image from these sources, or find which build settings differ (USE_PWR_* defines, the HAL_PWREx_ConfigSupply argument)",
            core: written.core)]
    }
}
