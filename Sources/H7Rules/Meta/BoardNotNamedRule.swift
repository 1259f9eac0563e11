import H7Model

/// H7-META-002: the board was not named. Unknown: the rules that need it did not run. Inferred from the
/// `.ioc`: say which board and the evidence (its rules ran one severity lower).
public struct BoardNotNamedRule: Rule {
    public let id = "H7-META-002"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let project = context.project
        guard project.device != nil else {
            // Without the part almost nothing can be judged: say so, not "clean".
            let skipped = context.knowledge.rules(needing: .device).count
            return [context.finding(
                id, "part unknown (no device define in a build file, no .ioc, no startup or linker file named for an STM32H7 part): the \(skipped) rules that need the part did not run",
                at: context.projectAnchor,
                fix: "check the project with its build file (Makefile, CMake, .cproject, ...) or its .ioc, name its board (--board, or a profile with part: that h7lint init writes), or pass the device define with a compile_commands.json")]
        }
        let skipped = context.knowledge.rules(needing: .board).subtracting([id]).sorted().joined(separator: ", ")
        if let board = project.board, let inference = project.boardInference {
            return [context.finding(
                id, "board not named; the .ioc looks like \(board.displayName) (\(inference.matched) of \(inference.total) signature facts): its wiring was assumed and \(skipped) reported one severity lower",
                at: context.projectAnchor,
                fix: "confirm it with `board: \(board.id)` in .h7lint.yml (or --board), or describe your own board in a profile file (h7lint init writes one)",
                notes: inference.evidence)]
        }
        if let board = project.board, board.supply == nil {
            return [context.finding(
                id, "board profile \(board.displayName) does not say how the core supply is wired (no supply:): H7-PWR-001 did not run",
                at: context.projectAnchor, fix: "add supply: { allowed: [...] } from the schematic to the profile")]
        }
        guard project.board == nil else { return [] }
        let why = project.boardOrigin ?? "no --board, no .h7lint.yml board: and no .ioc board="
        return [context.finding(
            id, "board unknown (\(why)): \(skipped) compare with the board's wiring and did not run",
            at: context.projectAnchor,
            fix: "name it with --board ID or `board:` in .h7lint.yml, or describe a custom board in a profile file (h7lint init writes one); `require-board: true` makes this an error")]
    }
}

/// H7-META-001: a suppression (inline comment or `ignore:` entry) that silenced nothing. Suppressions are
/// applied after the rules ran, so the run's filter reports these through `finding(_:at:)`.
public struct UnusedSuppressionRule: Rule {
    public let id = "H7-META-001"
    public init() {}
    public func check(_ context: RuleContext) -> [Finding] { [] }

    public static func finding(_ message: String, at range: SourceRange, knowledge: Knowledge) -> Finding {
        Finding(ruleID: "H7-META-001", severity: knowledge.ruleDocs["H7-META-001"]?.severity ?? .warning,
                message: message, range: range, fix: "delete the suppression, or correct the rule id")
    }
}

/// The rules about the run itself.
public enum MetaRules {
    public static let all: [any Rule] = [UnusedSuppressionRule(), BoardNotNamedRule(), ConfigurationStopsRule(), UnreadableSourceRule(),
                                         SetupNotReadRule(), ImageMatchesSourcesRule()]
}
