import Foundation
import H7Model

/// clang-style text: `file:line:col: error: message [ID]`, the source line, a caret, the fix.
public struct TextReporter: Reporter {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    public func render(_ run: RunReport) -> String {
        var out = ""
        for project in run.projects where project.error == nil {
            for item in project.findings { out += render(item, project: project, hints: run.hints) }
            if run.verbose {
                for note in project.notes.prefix(20) {
                    let place = note.location.map { "\($0.display):\($0.range.line):\($0.range.column): " } ?? "\(project.name): "
                    // Notes with a place are libclang's diagnostics; those without are h7lint's own.
                    out += "\(place)note: \(note.location == nil ? "" : "libclang: ")\(note.message)\n"
                }
            }
        }
        return out + run.summaryLine + "\n" + run.fixableLine
    }

    func render(_ item: ReportFinding, project: ReportProject, hints: CommandHints = CommandHints()) -> String {
        let finding = item.finding
        var out = ""
        let place = item.location.map { "\($0.display):\($0.range.line):\($0.range.column)" } ?? project.name
        out += bold("\(place): ") + paint(finding.severity.rawValue + ":", finding.severity) + " " + bold(finding.message) + " [\(finding.ruleID)]\n"
        if let location = item.location, let text = location.lineText {
            let r = location.range
            out += text + "\n"
            let prefix = String(decoding: text.utf8.prefix(max(0, r.column - 1)), as: UTF8.self).map { $0 == "\t" ? "\t" : " " }.joined()
            let width = r.endLine == r.line ? max(1, r.endColumn - r.column) : 1
            out += prefix + paint("^" + String(repeating: "~", count: max(0, min(width, 80) - 1)), .note) + "\n"
        }
        for (location, message) in item.related {
            out += "\(location.display):\(location.range.line):\(location.range.column): note: \(message)\n"
        }
        for note in finding.notes { out += "  note: \(note)\n" }
        if let fix = finding.fix { out += "  fix: \(fix)\n" }
        if let autofix = finding.autofix {
            if autofix.isApplicable {
                out += "  fixable: \(autofix.description) (\(hints.fix)\(hints.preview.map { "; \($0)" } ?? ""))\n"
            } else if let blocked = autofix.blocked {
                out += "  not fixed automatically: \(blocked)\n"
            }
        }
        if let hint = item.recovery { out += "  if the board is already stuck: \(hint)\n" }
        return out
    }

    func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    func paint(_ s: String, _ severity: Severity) -> String {
        guard color else { return s }
        let code = switch severity {
        case .error: "31"
        case .warning: "35"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(s)\u{1B}[0m"
    }
}
