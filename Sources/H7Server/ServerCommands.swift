import Foundation
internal import H7Lint
import H7LSP
import H7Model
import H7Report

/// `workspace/executeCommand`: the clock tree of a document's project, and recovery steps for a rule.
enum ServerCommands {
    static let clockTree = "h7lint.clockTree"
    static let recover = "h7lint.recover"
    static let status = "h7lint.status"
    static let names = [clockTree, recover, status]

    static func run(_ command: String, _ arguments: [JSON], server: LanguageServer) throws -> JSON {
        switch command {
        case clockTree:
            // Arguments: the document URI.
            guard let uri = arguments.first?.string else { throw ResponseError(.invalidParams, "\(clockTree) takes a document URI") }
            let path = try server.documentPath(uri)
            var texts: [String] = [], svgs: [JSON] = []
            for checked in server.projects(holding: path) {
                guard let project = checked.report.project else { continue }
                let report = ClockReports.report(project, knowledge: server.knowledge, findings: checked.report.findings)
                texts.append(ClockTextReport(color: false).render(report))
                let svg = FileManager.default.temporaryDirectory
                    .appendingPathComponent("h7lint-clocks-\(StableHash.of(checked.root).prefix(12)).svg")
                if (try? Data(ClockDiagram().render(report).utf8).write(to: svg)) != nil { svgs.append(.string(svg.path)) }
            }
            guard !texts.isEmpty else { throw ResponseError(.requestFailed, "no checked project holds \(uri)") }
            return .object(["text": .string(texts.joined(separator: "\n")), "svg": .array(svgs)])
        case recover:
            // Arguments: a rule id, optionally a probe (cubeprogrammer, openocd, pyocd).
            guard let id = arguments.first?.string?.uppercased(), let doc = server.knowledge.ruleDocs[id] else {
                throw ResponseError(.invalidParams, "\(recover) takes a rule id (H7-PWR-001)")
            }
            let probe = arguments.count > 1 ? arguments[1].string ?? "cubeprogrammer" : "cubeprogrammer"
            let text = RecoveryText(book: server.knowledge.recoveryBook, probe: probe, family: nil)
                .render((doc.recovery ?? []).compactMap { server.knowledge.recovery[$0] })
            return .object(["text": .string(text)])
        case status:
            // What the server holds: bounded by the open documents and projects, not by the edits made.
            let held = server.holdings
            return .object(["documents": .number(Double(held.documents)), "projects": .number(Double(held.projects)),
                            "buffers": .number(Double(held.overlays)), "pendingChecks": .number(Double(held.pending))])
        default:
            throw ResponseError(.invalidParams, "unknown command '\(command)' (known: \(names.joined(separator: ", ")))")
        }
    }
}
