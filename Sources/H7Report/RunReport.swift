import Foundation
import H7Model

/// A place as reporters show it.
public struct ReportLocation: Sendable {
    /// Relative to the run's source root (repository root), or absolute when outside it.
    public var path: String
    /// As the text report shows it: the project's name, then the file in the project.
    public var display: String
    public var range: SourceRange
    /// The source line at `range.line`, without its line break (nil when unreadable).
    public var lineText: String?

    public init(path: String, display: String, range: SourceRange, lineText: String?) {
        self.path = path
        self.display = display
        self.range = range
        self.lineText = lineText
    }
}

/// A finding with everything reporters need: resolved places, fingerprint, recovery hint.
public struct ReportFinding: Sendable {
    public var finding: Finding
    /// nil for a project-level finding with no place.
    public var location: ReportLocation?
    public var related: [(location: ReportLocation, message: String)]
    /// Stable across runs while the finding's line keeps its text (Fingerprints).
    public var fingerprint: String
    /// Stable line hash for GitHub's `primaryLocationLineHash`.
    public var lineHash: String
    /// `title (h7lint explain ID)` of the first recovery procedure, if any.
    public var recovery: String?
    /// Where each edit of the finding's applicable autofix is (empty when `--fix` cannot fix it).
    public var fixEdits: [(location: ReportLocation, edit: TextEdit)] = []

    public init(finding: Finding, location: ReportLocation?, related: [(location: ReportLocation, message: String)],
                fingerprint: String, lineHash: String, recovery: String?) {
        self.finding = finding
        self.location = location
        self.related = related
        self.fingerprint = fingerprint
        self.lineHash = lineHash
        self.recovery = recovery
    }
}

/// One checked project (or one that could not be checked).
public struct ReportProject: Sendable {
    public var name: String
    /// The project folder relative to the source root (or absolute).
    public var path: String
    public var root: URL
    public var board: String?
    public var boardOrigin: String?
    public var device: String?
    /// The `.h7lint.yml` used, relative to the source root.
    public var config: String?
    /// Why the project could not be checked.
    public var error: String?
    /// Reported findings (baselined ones are left out and counted in `baselined`).
    public var findings: [ReportFinding]
    public var notes: [(location: ReportLocation?, message: String)]
    /// Findings silenced by inline comments or `ignore:` entries.
    public var suppressed: Int
    public var baselined: Int
    /// The lowest severity that fails the run for this project.
    public var failLevel: Severity

    public init(name: String, path: String, root: URL, board: String? = nil, boardOrigin: String? = nil, device: String? = nil,
                config: String? = nil, error: String? = nil, findings: [ReportFinding] = [],
                notes: [(location: ReportLocation?, message: String)] = [], suppressed: Int = 0, baselined: Int = 0,
                failLevel: Severity = .warning) {
        self.name = name
        self.path = path
        self.root = root
        self.board = board
        self.boardOrigin = boardOrigin
        self.device = device
        self.config = config
        self.error = error
        self.findings = findings
        self.notes = notes
        self.suppressed = suppressed
        self.baselined = baselined
        self.failLevel = failLevel
    }

    /// True when a reported finding is at or above the failure level.
    public var failed: Bool { findings.contains { $0.finding.severity >= failLevel } }
}

/// What a `--baseline` run found out about the baseline.
public struct BaselineSummary: Sendable {
    public struct Fixed: Sendable {
        public var ruleID: String
        public var path: String
        public var line: Int?
        public var message: String
        public var fingerprint: String
        public init(ruleID: String, path: String, line: Int?, message: String, fingerprint: String) {
            self.ruleID = ruleID
            self.path = path
            self.line = line
            self.message = message
            self.fingerprint = fingerprint
        }
    }

    public var file: String
    /// Findings matched by a baseline entry (not reported).
    public var matched: Int
    /// Baseline entries of the checked projects that no finding matches any more.
    public var fixed: [Fixed]

    public init(file: String, matched: Int, fixed: [Fixed]) {
        self.file = file
        self.matched = matched
        self.fixed = fixed
    }
}

/// The whole run as reporters see it.
public struct RunReport: Sendable {
    public var knowledge: Knowledge
    /// Paths in the report are relative to this folder (the repository root, `%SRCROOT%` in SARIF).
    public var sourceRoot: URL
    public var projects: [ReportProject]
    /// Notes from discovery (folders skipped, links not followed).
    public var notes: [String]
    public var baseline: BaselineSummary?
    /// Print parse notes in the text report.
    public var verbose: Bool
    /// Rules this version checks (the others are documented only).
    public var implementedRules: Set<String>
    /// How the user runs the fix and recovery commands from where this report is read.
    public var hints = CommandHints()

    public init(knowledge: Knowledge, sourceRoot: URL, projects: [ReportProject], notes: [String] = [],
                baseline: BaselineSummary? = nil, verbose: Bool = false, implementedRules: Set<String> = []) {
        self.knowledge = knowledge
        self.implementedRules = implementedRules
        self.sourceRoot = sourceRoot
        self.projects = projects
        self.notes = notes
        self.baseline = baseline
        self.verbose = verbose
    }

    public var checkedProjects: [ReportProject] { projects.filter { $0.error == nil } }
    public var findingCount: Int { projects.reduce(0) { $0 + $1.findings.count } }
    /// Findings `--fix` can fix.
    public var fixableCount: Int { projects.reduce(0) { $0 + $1.findings.filter { !$0.fixEdits.isEmpty }.count } }
    /// `2 fixable with h7lint check --fix (--diff to preview)`, or nothing.
    public var fixableLine: String {
        fixableCount == 0 ? "" : "\(fixableCount) fixable with \(hints.fix)\(hints.preview.map { " (\($0))" } ?? "")\n"
    }
    public var failed: Bool { projects.contains(where: \.failed) }
    /// False when a project could not be checked.
    public var executionSuccessful: Bool { projects.allSatisfy { $0.error == nil } }

    /// `2 projects checked, 3 findings (1 suppressed, 4 in the baseline)`.
    public var summaryLine: String {
        let checked = checkedProjects.count, count = findingCount
        var line = "\(checked) project\(checked == 1 ? "" : "s") checked, \(count) finding\(count == 1 ? "" : "s")"
        if count > 0 {
            let reported = projects.flatMap(\.findings).map(\.finding.severity)
            let parts = Severity.allCases.reversed().map { severity in
                let n = reported.filter { $0 == severity }.count
                return "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
            }
            line += ": " + parts.joined(separator: ", ")
        }
        var extras: [String] = []
        let suppressed = projects.reduce(0) { $0 + $1.suppressed }
        if suppressed > 0 { extras.append("\(suppressed) suppressed") }
        if let baseline { extras.append("\(baseline.matched) in the baseline, \(baseline.fixed.count) fixed since") }
        let broken = projects.count - checked
        if broken > 0 { extras.append("\(broken) could not be checked") }
        if !extras.isEmpty { line += " (" + extras.joined(separator: ", ") + ")" }
        return line
    }
}

/// Renders a run in one format.
public protocol Reporter: Sendable {
    func render(_ run: RunReport) -> String
}

/// `--format` values.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, concise, json, sarif, github, gitlab

    public func reporter(color: Bool) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color)
        case .concise: ConciseReporter()
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .github: GitHubReporter()
        case .gitlab: GitLabReporter()
        }
    }
}

/// The commands a report names, as the reader can run them: in a terminal `h7lint check --fix`; in a pre-commit
/// hook's output the hook that fixes, since the hook's h7lint lives only in pre-commit's own environment.
public struct CommandHints: Sendable {
    /// The command that applies the fixes.
    public var fix = "h7lint check --fix"
    /// How to see them first, where there is a way.
    public var preview: String? = "--diff to preview"
    /// How `h7lint recover ID` is run.
    public var recover: @Sendable (String) -> String = { "h7lint recover \($0)" }

    public init() {}

    /// Hints for a run inside pre-commit whose fixing hook is `fixHook` (`h7lint-fix`).
    public static func preCommit(fixHook: String) -> CommandHints {
        var hints = CommandHints()
        hints.fix = "pre-commit run \(fixHook) --hook-stage manual --all-files"
        hints.preview = nil
        hints.recover = { "h7lint recover \($0), from `pip install h7lint`" }
        return hints
    }
}
