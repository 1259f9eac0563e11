import Foundation
import H7Model

/// GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=ID::message`, one per finding.
/// Paths are relative to the source root, which should be the repository root.
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var out = ""
        for project in run.projects {
            if let error = project.error {
                out += "::error title=\(Self.property("h7lint"))::\(Self.data(error))\n"
                continue
            }
            for item in project.findings {
                let f = item.finding
                var properties: [String] = []
                if let l = item.location {
                    let r = l.range
                    properties += ["file=\(Self.property(l.path))", "line=\(r.line)", "col=\(r.column)"]
                    if r.endLine > r.line || r.endColumn > r.column {
                        properties += ["endLine=\(r.endLine)", "endColumn=\(r.endColumn)"]
                    }
                } else {
                    properties.append("file=\(Self.property(project.path))")
                }
                properties.append("title=\(Self.property(f.ruleID))")
                var message = f.message
                if let fix = f.fix { message += "\nfix: \(fix)" }
                if let hint = item.recovery { message += "\nif the board is already stuck: \(hint)" }
                out += "::\(Self.command(f.severity)) \(properties.joined(separator: ","))::\(Self.data(message))\n"
            }
        }
        return out + run.summaryLine + "\n"
    }

    static func command(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// Escapes a message as the runner expects (`%`, CR, LF).
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (also `:` and `,`).
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
