import Foundation
import H7Model
import H7Report

/// `--write-baseline FILE` / `--baseline FILE`: the findings a project already had, keyed by their
/// fingerprint (rule, file, text of the line, occurrence), so line shifts do not make them new.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var fingerprint: String
        public var ruleId: String
        /// The project folder and the file, relative to the source root.
        public var project: String
        public var file: String
        /// For people reading the file; matching ignores both.
        public var line: Int?
        public var message: String
    }

    public static let formatVersion = 1
    public var entries: [Entry]

    /// The findings of a run (baselined ones included).
    public static func make(_ run: RunReport) -> Baseline {
        let entries = run.projects.flatMap { project in
            project.findings.map { item in
                Entry(fingerprint: item.fingerprint, ruleId: item.finding.ruleID, project: project.path,
                      file: item.location?.path ?? project.path, line: item.location?.range.line, message: item.finding.message)
            }
        }
        return Baseline(entries: entries.sorted { ($0.file, $0.line ?? 0, $0.ruleId, $0.fingerprint) < ($1.file, $1.line ?? 0, $1.ruleId, $1.fingerprint) })
    }

    public static func load(_ url: URL) throws -> Baseline {
        struct File: Decodable {
            var version: Int
            var findings: [Entry]
        }
        guard let data = try? Data(contentsOf: url) else { throw H7Error.usage("\(url.path): cannot read the baseline") }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw H7Error.usage("\(url.path): not an h7lint baseline (write one with --write-baseline)")
        }
        guard file.version == formatVersion else {
            throw H7Error.usage("\(url.path): baseline version \(file.version) is not supported (expected \(formatVersion))")
        }
        return Baseline(entries: file.findings)
    }

    public func rendered() -> String {
        JSONValue.obj([
            "version": .int(Self.formatVersion),
            "tool": .string("h7lint \(H7LintVersion.current)"),
            "findings": .array(entries.map { e in
                .obj(["fingerprint": .string(e.fingerprint), "ruleId": .string(e.ruleId), "project": .string(e.project),
                      "file": .string(e.file), "line": e.line.map(JSONValue.int), "message": .string(e.message)])
            }),
        ]).rendered()
    }

    /// Leaves out the findings the baseline holds and lists the entries of checked projects that
    /// match nothing any more (fixed).
    public func apply(to run: inout RunReport, file: String) {
        var open = Dictionary(grouping: entries, by: \.fingerprint)
        var matched = 0
        for p in run.projects.indices where run.projects[p].error == nil {
            let before = run.projects[p].findings.count
            run.projects[p].findings.removeAll { item in
                guard var list = open[item.fingerprint], !list.isEmpty else { return false }
                list.removeLast()
                open[item.fingerprint] = list
                return true
            }
            run.projects[p].baselined = before - run.projects[p].findings.count
            matched += run.projects[p].baselined
        }
        let checked = Set(run.checkedProjects.map(\.path))
        let fixed = open.values.joined().filter { checked.contains($0.project) }
            .sorted { ($0.file, $0.line ?? 0, $0.ruleId) < ($1.file, $1.line ?? 0, $1.ruleId) }
            .map { BaselineSummary.Fixed(ruleID: $0.ruleId, path: $0.file, line: $0.line, message: $0.message, fingerprint: $0.fingerprint) }
        run.baseline = BaselineSummary(file: file, matched: matched, fixed: fixed)
    }
}
