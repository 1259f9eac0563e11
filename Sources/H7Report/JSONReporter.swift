import Foundation
import H7Model

/// The JSON report (docs/json-format.md). Every key is always present (null when empty), in a fixed order.
public struct JSONReporter: Reporter {
    /// Bump when a key changes meaning or goes away; adding keys keeps the version.
    public static let formatVersion = 1

    public init() {}

    public func render(_ run: RunReport) -> String {
        let all = run.projects.flatMap(\.findings)
        let count = { (s: Severity) in JSONValue.int(all.filter { $0.finding.severity == s }.count) }
        return JSONValue.obj([
            "version": .int(Self.formatVersion),
            "tool": .obj(["name": .string("h7lint"), "version": .string(H7LintVersion.current)]),
            "sourceRoot": .string(run.sourceRoot.path),
            "projects": .array(run.projects.map(project)),
            "baseline": run.baseline.map(baseline) ?? .null,
            "summary": .obj([
                "projects": .int(run.checkedProjects.count),
                "unchecked": .int(run.projects.count - run.checkedProjects.count),
                "findings": .int(all.count),
                "error": count(.error), "warning": count(.warning), "note": count(.note),
                "suppressed": .int(run.projects.reduce(0) { $0 + $1.suppressed }),
                "failed": .bool(run.failed),
            ]),
        ]).rendered()
    }

    func project(_ p: ReportProject) -> JSONValue {
        .obj([
            "name": .string(p.name), "path": .string(p.path),
            "board": .str(p.board) ?? .null, "boardOrigin": .str(p.boardOrigin) ?? .null,
            "device": .str(p.device) ?? .null, "config": .str(p.config) ?? .null,
            "error": .str(p.error) ?? .null,
            "failLevel": .string(p.failLevel.rawValue), "failed": .bool(p.failed),
            "suppressed": .int(p.suppressed), "baselined": .int(p.baselined),
            "findings": .array(p.findings.map(finding)),
            "notes": .array(p.notes.map { note in
                .obj(["message": .string(note.message), "location": note.location.map { location($0) } ?? .null])
            }),
        ])
    }

    func finding(_ item: ReportFinding) -> JSONValue {
        let f = item.finding
        return .obj([
            "ruleId": .string(f.ruleID), "severity": .string(f.severity.rawValue), "message": .string(f.message),
            "location": item.location.map { location($0, source: true) } ?? .null,
            "related": .array(item.related.map { related in
                var value = location(related.location)
                if case .object(var pairs) = value { pairs.append(("message", .string(related.message))); value = .object(pairs) }
                return value
            }),
            "notes": .array(f.notes.map { .string($0) }),
            "fix": .str(f.fix) ?? .null, "autofix": autofix(item), "recovery": .str(item.recovery) ?? .null,
            "core": .str(f.core?.rawValue) ?? .null, "fingerprint": .string(item.fingerprint),
        ])
    }

    /// The edits `--fix` makes for this finding, or why it makes none; null when the rule offers no certain value.
    func autofix(_ item: ReportFinding) -> JSONValue {
        guard let fix = item.finding.autofix else { return .null }
        return .obj([
            "description": .string(fix.description), "applicable": .bool(fix.isApplicable),
            "blocked": .str(fix.blocked) ?? .null,
            "edits": .array(item.fixEdits.map { location, edit in
                var value = self.location(location)
                if case .object(var pairs) = value {
                    pairs += [("offset", .int(edit.offset)), ("length", .int(edit.length)),
                              ("original", .string(edit.original)), ("replacement", .string(edit.replacement))]
                    value = .object(pairs)
                }
                return value
            }),
        ])
    }

    func location(_ l: ReportLocation, source: Bool = false) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("path", .string(l.path)), ("line", .int(l.range.line)), ("column", .int(l.range.column)),
            ("endLine", .int(l.range.endLine)), ("endColumn", .int(l.range.endColumn)),
        ]
        if source { pairs.append(("sourceLine", .str(l.lineText) ?? .null)) }
        return .object(pairs)
    }

    func baseline(_ b: BaselineSummary) -> JSONValue {
        .obj([
            "file": .string(b.file), "matched": .int(b.matched),
            "fixed": .array(b.fixed.map { f in
                .obj(["ruleId": .string(f.ruleID), "path": .string(f.path), "line": f.line.map(JSONValue.int) ?? .null,
                         "message": .string(f.message), "fingerprint": .string(f.fingerprint)])
            }),
        ])
    }
}
