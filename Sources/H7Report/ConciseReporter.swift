/// One short line per finding, `file:line:col: severity: headline [ID]` (what VS Code's `$gcc` problem matcher
/// and Eclipse CDT's GCC error parser read), with Ruff's `[*]` after the id when `--fix` can fix it, then the
/// summary. The headline is the message's first clause (`Finding.short`); `h7lint explain ID` and the other
/// formats have the whole message.
public struct ConciseReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var out = ""
        for project in run.projects where project.error == nil {
            for item in project.findings {
                let f = item.finding
                let place = item.location.map { "\($0.display):\($0.range.line):\($0.range.column)" } ?? project.name
                out += "\(place): \(f.severity.rawValue): \(f.short) [\(f.ruleID)]\(item.fixEdits.isEmpty ? "" : " [*]")\n"
            }
        }
        return out + run.summaryLine + "\n" + run.fixableLine
    }
}
