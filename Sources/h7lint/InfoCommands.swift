import ArgumentParser
import Foundation
import H7Model
import H7Rules

/// `h7lint explain ID`: the rule's documentation and how to recover a stuck board.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule and how to recover a board it bricked.")
    @Argument(help: "A rule id, e.g. H7-PWR-001.") var id: String

    func run() throws {
        let code = try CommandSupport.guarded {
            let knowledge = try CommandSupport.loadKnowledge()
            guard let doc = knowledge.ruleDocs[id.uppercased()] else {
                throw H7Error.usage("unknown rule '\(id)' (see `h7lint rules`)")
            }
            var out = "\(doc.id): \(doc.title) (\(doc.severity.rawValue))\n\n\(doc.summary)\n"
            if RuleRegistry.rule(id: doc.id) == nil { out += "\n(Documented; not checked by this version yet.)\n" }
            for (title, text) in [("What it checks", doc.what), ("Why it matters", doc.why), ("Example", doc.example), ("Fix", doc.fix)] {
                if let text, !text.isEmpty { out += "\n## \(title)\n\(text.trimmingCharacters(in: .newlines))\n" }
            }
            let procedures = (doc.recovery ?? []).compactMap { knowledge.recovery[$0] }
            if !procedures.isEmpty {
                out += "\n## If the board is already stuck\n"
                for (n, procedure) in procedures.enumerated() {
                    out += "\n\(n + 1). \(procedure.title)\(procedure.irreversible == true ? " (irreversible)" : "")\n"
                    for step in procedure.steps { out += "   - \(step)\n" }
                }
            }
            if let sources = doc.sources, !sources.isEmpty {
                out += "\n## Sources\n" + sources.map { "- \($0)" }.joined(separator: "\n") + "\n"
            }
            print(out, terminator: "")
            return 0
        }
        throw ExitCode(code)
    }
}

/// `h7lint rules`: every rule with its default severity.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")

    func run() throws {
        let code = try CommandSupport.guarded {
            let knowledge = try CommandSupport.loadKnowledge()
            for doc in knowledge.ruleDocs.values.sorted(by: { $0.id < $1.id }) {
                let state = RuleRegistry.rule(id: doc.id) == nil ? " (documented, not yet checked)" : ""
                print("\(doc.id.padding(toLength: 12, withPad: " ", startingAt: 0)) \(doc.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(doc.title)\(state)")
            }
            return 0
        }
        throw ExitCode(code)
    }
}

/// `h7lint boards`: the built-in board profiles.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "boards", abstract: "List the built-in board profiles.")

    func run() throws {
        let code = try CommandSupport.guarded {
            let knowledge = try CommandSupport.loadKnowledge()
            for board in knowledge.boards.sorted(by: { $0.id < $1.id }) {
                let variants = (board.variants ?? []).map { ":\($0.id)" }.joined(separator: " ")
                let supply = (board.supply?.allowed ?? []).joined(separator: ", ")
                print("\(board.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \((board.device ?? "?").padding(toLength: 14, withPad: " ", startingAt: 0)) supply: \(supply)\(variants.isEmpty ? "" : "  variants: \(variants)")")
            }
            return 0
        }
        throw ExitCode(code)
    }
}
