import H7Model

/// GitLab's code quality report (a subset of Code Climate's issue format) for `artifacts: reports: codequality`:
/// a JSON array with one object per finding. Paths are relative to the source root, which should be the
/// repository root, as GitLab shows them on the merge request's diff.
public struct GitLabReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var issues: [JSONValue] = []
        for project in run.projects {
            if let error = project.error {
                // A project that could not be checked (exit 2) is shown too, so the widget does not look clean.
                issues.append(issue(description: "not checked: \(error)", check: "h7lint", severity: "blocker",
                                    fingerprint: Fingerprints.finding(ruleID: "h7lint", path: project.path, lineText: error, occurrence: 1), path: project.path, line: 1))
                continue
            }
            for item in project.findings {
                let f = item.finding
                var description = f.message
                if let fix = f.fix { description += " Fix: \(fix)" }
                issues.append(issue(description: description, check: f.ruleID, severity: Self.severity(f.severity),
                                    fingerprint: item.fingerprint, path: item.location?.path ?? project.path,
                                    line: item.location?.range.line ?? 1))
            }
        }
        return JSONValue.array(issues).rendered()
    }

    func issue(description: String, check: String, severity: String, fingerprint: String, path: String, line: Int) -> JSONValue {
        .obj([
            "type": .string("issue"),
            "description": .string(description),
            "check_name": .string(check),
            "fingerprint": .string(fingerprint),
            "severity": .string(severity),
            "location": .obj(["path": .string(path), "lines": .obj(["begin": .int(line)])]),
        ])
    }

    /// GitLab's levels: an error (the board fails) is critical, a warning major, a note info.
    static func severity(_ s: Severity) -> String {
        switch s {
        case .error: "critical"
        case .warning: "major"
        case .note: "info"
        }
    }
}
