import H7Model

/// H7-PWR-003: the supply is configured more than once, with different schemes. PWR_CR3 is
/// write-once after power-on: the later write fails (HAL_ERROR) or is ignored.
public struct SupplyConfiguredOnceRule: Rule {
    public let id = "H7-PWR-003"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let known = context.supply.settings.filter { $0.scheme != nil && !$0.missingOnPart }
        guard let first = known.first else { return [] }
        var findings: [Finding] = []
        let allowed = context.board?.supply?.allowed
        for later in known.dropFirst() where later.scheme?.id != first.scheme?.id {
            // A first write the board is not wired for is H7-PWR-001's root cause, and a later one that is right is
            // no second mistake: fixing the first fixes both (one mistake, one finding).
            if let allowed, let firstID = first.scheme?.id, let laterID = later.scheme?.id,
               !allowed.contains(firstID), allowed.contains(laterID) { continue }
            let where1 = first.core.map { " on the \($0.rawValue.uppercased())" } ?? ""
            findings.append(context.finding(
                id, "supply configured as \(later.scheme!.id) here but already as \(first.scheme!.id) by \(first.via.rawValue)\(where1); PWR_CR3 can be written once per power-on, so this \(later.via == .halCall ? "call returns HAL_ERROR" : "write has no effect")",
                at: later.range, related: [RelatedLocation(first.range, "first configured here as \(first.scheme!.id)")] + first.related,
                fix: "choose one scheme and set it in one place; with FW 1.12 projects keep the USE_PWR_* define and remove the call",
                core: later.core, change: context.certainSupply.map { .supplyScheme($0.id) }))
        }
        // H7R/S: an Appli or ExtMemLoader image that configures the supply again, differently from Boot.
        for later in ImageSettings(project: context.project, knowledge: context.knowledge).supplies {
            guard let scheme = later.scheme, scheme.id != first.scheme?.id else { continue }
            findings.append(context.finding(
                id, "the \(later.image) image configures the supply as \(scheme.id), but the Boot image already set \(first.scheme!.id) (\(first.via.rawValue)); the supply bits are locked after the first write since power-on, so this call returns HAL_ERROR and \(first.scheme!.id) stays in force",
                at: later.call.range, related: [RelatedLocation(first.range, "Boot configures \(first.scheme!.id) here")],
                fix: "configure the supply in the Boot image only, with the scheme the board is wired for, and remove this call (or pass the same scheme)",
                core: nil))
        }
        return findings.uniqueByRange()
    }
}
