import ArgumentParser
import Foundation
import H7Lint
import H7Model
import H7Report

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
            let out = RuleHelp.text(doc, knowledge: knowledge, implemented: FindingFilter.checkedRules.contains(doc.id))
            try StandardStreams.output(out)
            return 0
        }
        throw ExitCode(code)
    }
}

/// `h7lint rules`: every rule with its default severity.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")
    @Option(help: "text, json (id, title, severity, summary, checked, helpUri) or markdown (docs/rules.md).") var format: String = "text"

    func run() throws {
        let code = try CommandSupport.guarded {
            guard ["text", "json", "markdown"].contains(format) else {
                throw H7Error.usage("--format must be text, json or markdown, not '\(format)'")
            }
            let knowledge = try CommandSupport.loadKnowledge()
            if format == "markdown" {
                try StandardStreams.output(RuleHelp.catalogPage(knowledge, implemented: FindingFilter.checkedRules))
                return 0
            }
            let docs = knowledge.ruleDocs.values.sorted(by: { $0.id < $1.id })
            let checked = { (id: String) in FindingFilter.checkedRules.contains(id) }
            if format == "json" {
                try StandardStreams.output(JSONValue.array(docs.map { doc in
                    .obj(["id": .string(doc.id), "title": .string(doc.title), "severity": .string(doc.severity.rawValue),
                          "summary": .string(doc.summary), "checked": .bool(checked(doc.id)), "helpUri": .string(RuleHelp.uri(doc.id))])
                }).rendered())
                return 0
            }
            var lines = ""
            for doc in docs {
                let state = checked(doc.id) ? "" : " (documented, not yet checked)"
                lines += "\(doc.id.padding(toLength: 12, withPad: " ", startingAt: 0)) \(doc.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(doc.title)\(state)\n"
            }
            try StandardStreams.output(lines)
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
            var lines = ""
            for board in knowledge.boards.sorted(by: { $0.id < $1.id }) {
                let variants = (board.variants ?? []).map { ":\($0.id)" }.joined(separator: " ")
                let supply = (board.supply?.allowed ?? []).joined(separator: ", ")
                lines += "\(board.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \((board.device ?? "?").padding(toLength: 14, withPad: " ", startingAt: 0)) supply: \(supply)\(variants.isEmpty ? "" : "  variants: \(variants)")\n"
            }
            try StandardStreams.output(lines)
            return 0
        }
        throw ExitCode(code)
    }
}
