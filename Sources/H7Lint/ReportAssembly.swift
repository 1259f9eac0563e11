import Foundation
import H7Model
import H7Report

/// Turns the checker's project reports into what reporters read: paths relative to the source root,
/// source lines, fingerprints, recovery hints.
public struct ReportAssembly: Sendable {
    public let knowledge: Knowledge
    /// The repository root (or the folder paths are given relative to).
    public let sourceRoot: URL
    /// `--fail-level` from the command line; otherwise each project's `fail-level:`, else warning.
    public let failLevel: Severity?
    private let lines = SourceLines()
    /// The folder text output is relative to (the current folder), so that IDEs and terminals open the paths.
    public var displayBase = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL {
        didSet { displayBasePath = displayBase.path }
    }
    private var displayBasePath = FileManager.default.currentDirectoryPath
    private let sourceRootPath: String
    /// How the report names the fix and recovery commands (a pre-commit hook names its own).
    public var hints = CommandHints()
    /// Projects assembled at once (each reads the lines its findings point at).
    public var jobs = 1

    public init(knowledge: Knowledge, sourceRoot: URL, failLevel: Severity?) {
        self.knowledge = knowledge
        self.sourceRoot = sourceRoot.standardizedFileURL.resolvingSymlinksInPath()
        sourceRootPath = self.sourceRoot.path
        displayBasePath = displayBase.path
        self.failLevel = failLevel
    }

    public func run(_ reports: [ProjectReport], notes: [String] = [], verbose: Bool = false) -> RunReport {
        let projects = ParallelMap.map(reports, jobs: jobs) { project($0) }
        var run = RunReport(knowledge: knowledge, sourceRoot: sourceRoot, projects: projects, notes: notes,
                            verbose: verbose, implementedRules: FindingFilter.checkedRules)
        run.hints = hints
        return run
    }

    public func project(_ report: ProjectReport) -> ReportProject {
        var counter = Fingerprints.Counter(), lineCounter = Fingerprints.Counter()
        let projectPath = relative(report.root)
        let findings = report.findings.map { finding -> ReportFinding in
            let location = finding.range.map { self.location($0, report) }
            let path = location?.path ?? projectPath
            let text = location?.lineText
            let trimmed = text?.trimmingWhitespace() ?? ""
            var item = ReportFinding(
                finding: finding, location: location,
                related: finding.related.map { (location: self.location($0.range, report), message: $0.message) },
                fingerprint: Fingerprints.finding(ruleID: finding.ruleID, path: path, lineText: text,
                                                  occurrence: counter.next(finding.ruleID, path, trimmed)),
                lineHash: Fingerprints.lineHash(lineText: text, occurrence: lineCounter.next(path, trimmed)),
                recovery: recovery(finding.ruleID))
            if let fix = finding.autofix, fix.isApplicable {
                item.fixEdits = fix.edits.map { (self.location($0.range, report), $0) }
            }
            return item
        }
        let project = report.project
        return ReportProject(
            name: report.name, path: projectPath, root: report.root,
            board: project?.board.map { $0.displayName }, boardOrigin: project?.boardOrigin,
            device: project?.device?.part.define, config: report.config?.file.map(relative),
            error: report.error?.message, findings: findings,
            notes: report.notes.map { (location: $0.range.map { self.location($0, report) }, message: $0.message) },
            suppressed: report.suppressed,
            failLevel: failLevel ?? report.config?.failLevel ?? .warning)
    }

    func location(_ range: SourceRange, _ report: ProjectReport) -> ReportLocation {
        // As text: a location's path is joined, cut and compared thousands of times in a large run.
        let path = range.file.hasPrefix("/") ? range.file : report.root.path + "/" + range.file
        return ReportLocation(path: PathText.relative(path, to: sourceRootPath),
                              display: Self.display(path, base: displayBasePath), range: range,
                              lineText: lines.line(range.line, atPath: path))
    }

    /// A path as a terminal in `base` opens it: relative when below `base`, else absolute.
    public static func display(_ url: URL, base: URL) -> String { display(url.path, base: base.path) }

    static func display(_ path: String, base: String) -> String {
        PathText.below(path, base) ?? PathText.normalize(path)
    }

    /// A path below the source root, or the absolute path.
    func relative(_ url: URL) -> String { PathText.relative(url, to: sourceRoot) }

    func recovery(_ id: String) -> String? {
        guard let first = knowledge.ruleDocs[id]?.recovery?.first, let procedure = knowledge.recovery[first] else { return nil }
        return "\(procedure.title) (commands: \(hints.recover(id)))"
    }

    /// The repository holding `folder` (the nearest folder with `.git`), else `folder` itself.
    public static func sourceRoot(containing folder: URL) -> URL {
        var dir = folder.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return folder.standardizedFileURL }
            dir = parent
        }
    }
}
