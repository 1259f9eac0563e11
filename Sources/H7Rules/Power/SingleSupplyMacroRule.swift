import H7Model

/// H7-PWR-008: several USE_PWR_* defines; ExitRun0Mode applies the first in its order.
public struct SingleSupplyMacroRule: Rule {
    public let id = "H7-PWR-008"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for core in Set(context.supply.macros.map(\.core)) {
            let macros = context.supply.macros.filter { $0.core == core }
            let names = Set(macros.map(\.define.name))
            guard names.count > 1 else { continue }
            let ordered = macros.sorted { ($0.scheme?.order ?? 99) < ($1.scheme?.order ?? 99) }
            let winner = ordered[0]
            for loser in ordered.dropFirst() where loser.define.name != winner.define.name {
                findings.append(context.finding(
                    id, "several USE_PWR_* defines: \(loser.define.name) is ignored because ExitRun0Mode() tests \(winner.define.name) first",
                    at: loser.range, related: [RelatedLocation(winner.range, "\(winner.define.name) wins")],
                    fix: "keep exactly one USE_PWR_* define, the one for the board's wiring", core: core))
            }
        }
        return findings.uniqueByRange().sorted { ($0.range ?? SourceRange(file: "", line: 0)) < ($1.range ?? SourceRange(file: "", line: 0)) }
    }
}
