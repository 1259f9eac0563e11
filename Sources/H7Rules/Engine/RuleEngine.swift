import H7Model

/// Runs the registered rules on a project. A rule runs only when what its catalogue entry `needs:` is
/// known; rules that need the board run one severity lower when the board was inferred, not named.
public enum RuleEngine {
    public static func run(_ project: Project, knowledge: Knowledge) -> [Finding] {
        if project.otherFamily != nil { return [] }
        let context = RuleContext(project: project, knowledge: knowledge)
        let mergedClocks = context.clocks.all.contains { $0.configuration.mergedBranches }
        var findings: [Finding] = []
        for rule in RuleRegistry.all {
            guard let doc = knowledge.ruleDocs[rule.id], canRun(doc, project: project) else { continue }
            var found = rule.check(context)
            let clockRule = rule.id.hasPrefix("H7-CLK-")
            // A fix is made only from certain values: never from an inferred board or merged clock branches.
            for i in found.indices
            where (project.boardInference != nil && found[i].change?.comesFromBoard == true) || (clockRule && mergedClocks) {
                found[i].change = nil
            }
            if doc.needs(.board), let inference = project.boardInference, let board = project.board {
                for i in found.indices {
                    found[i].severity = found[i].severity.lowered
                    found[i].notes.append("board \(board.displayName) was inferred, not named (\(inference.matched) of \(inference.total) signature facts): reported one severity lower; name the board to confirm")
                }
            }
            if clockRule && mergedClocks {
                for i in found.indices where found[i].severity == .error {
                    found[i].severity = .warning
                    found[i].notes.append("the clock code has more runtime branches than h7lint follows one by one; values of different branches may have been merged, so this is reported as a warning")
                }
            }
            findings += found
        }
        return findings
    }

    /// Whether what the rule needs is known for this project.
    public static func canRun(_ doc: RuleDoc, project: Project) -> Bool {
        !(doc.needs(.board) && project.board == nil) && !(doc.needs(.device) && project.device == nil)
    }
}
