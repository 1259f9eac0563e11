import H7Model

extension RuleContext {
    /// The scheme every supply setting of the project must select, when that is certain: the named board's
    /// verified wiring allows one scheme that exists on the part, or allows several of which the project
    /// already uses exactly one. nil otherwise (no board, unverified wiring, a choice left to the user).
    public var certainSupply: SupplyScheme? {
        guard let board, let supply = board.supply, supply.unverified != true else { return nil }
        let smpsPart = device?.smps ?? true
        let allowed = supply.allowed.compactMap { knowledge.schemes.named($0) }.filter { smpsPart || !$0.smpsOnly }
        if allowed.count == 1 { return allowed[0] }
        let used = Set(self.supply.settings.compactMap(\.scheme?.id) + self.supply.macros.compactMap(\.scheme?.id))
        let candidates = allowed.filter { used.contains($0.id) }
        return candidates.count == 1 ? candidates[0] : nil
    }
}
