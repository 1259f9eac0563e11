import Foundation
import H7Model
import H7Report
import H7Rules

/// What happens to a project's findings after the rules ran: `.h7lint.yml` (rules turned off, excluded
/// paths, `ignore:` entries, severity overrides), inline `h7lint:` comments, and H7-META-001 for a
/// suppression that silenced nothing.
public struct FindingFilter {
    public let knowledge: Knowledge
    public let config: ProjectConfig?
    /// `--require-board` (or `require-board: true`): a board not named is an error.
    public let requireBoard: Bool
    /// `--select` / `--ignore`.
    public let selection: RuleSelection?

    static let unusedSuppression = "H7-META-001"
    /// Rules this version checks: the registered rules.
    public static let checkedRules = Set(RuleRegistry.all.map(\.id))

    public struct Outcome {
        public var findings: [Finding]
        /// Findings silenced by inline comments or `ignore:` entries.
        public var suppressed: Int
        /// The places the user told h7lint to leave alone: every silenced finding (turned off, `--ignore`d,
        /// commented, `ignore:`d) and every line an inline directive covers. `--fix` never edits them.
        public var protected: [ProtectedPlace] = []
    }

    public init(knowledge: Knowledge, config: ProjectConfig?, requireBoard: Bool = false, selection: RuleSelection? = nil) {
        self.knowledge = knowledge
        self.config = config
        self.selection = selection
        self.requireBoard = requireBoard || (config?.requireBoard ?? false)
    }

    /// Off when a `disable:` pattern matches and no `enable:` pattern does.
    public func isEnabled(_ ruleID: String) -> Bool {
        if let selection, !selection.allows(ruleID) { return false }
        guard let config else { return true }
        let matches = { (patterns: [ProjectConfig.RulePattern]) in patterns.contains { Glob.matches($0.pattern, ruleID) } }
        return !matches(config.disable) || matches(config.enable)
    }

    /// Whether a file or folder is under an `exclude:` pattern.
    public func excludes(_ url: URL) -> Bool {
        guard let config, let relative = relativeToConfig(url) else { return false }
        return config.exclude.contains { PathGlob.matches($0, relative) }
    }

    public func apply(_ findings: [Finding], project: Project) -> Outcome {
        let lines = SourceLines()
        var protected: [ProtectedPlace] = []
        for finding in findings {
            guard let range = finding.range else { continue }
            if let selection, selection.ignores(finding.ruleID) {
                protected.append(ProtectedPlace(range: range, why: "\(finding.ruleID) there is given to --ignore"))
            } else if !isEnabled(finding.ruleID), selection?.allows(finding.ruleID) ?? true {
                protected.append(ProtectedPlace(range: range, why: "\(finding.ruleID) there is turned off in .h7lint.yml"))
            }
        }
        var kept = findings.filter { isEnabled($0.ruleID) && !isExcluded($0.range, project) }
        let before = kept.count

        // Inline comments.
        var comments = scanComments(project: project, findings: kept, lines: lines)
        for comment in comments where comment.comment.kind != .disableFile {
            let place = SourceRange(file: comment.file, line: comment.lines.lowerBound, endLine: comment.lines.upperBound)
            protected.append(ProtectedPlace(range: place, why: "an h7lint:\(comment.comment.kind.rawValue) comment (line \(comment.comment.line)) covers it"))
        }
        kept = kept.filter { finding in
            guard let range = finding.range else { return true }
            var silenced = false
            for i in comments.indices where comments[i].file == range.file && comments[i].covers(range.line) {
                for (n, pattern) in comments[i].comment.rules.enumerated() where Glob.matches(pattern, finding.ruleID) {
                    comments[i].used.insert(n)
                    silenced = true
                }
            }
            if silenced { protected.append(ProtectedPlace(range: range, why: "\(finding.ruleID) there is suppressed by an h7lint comment")) }
            return !silenced
        }

        // `ignore:` entries of the config.
        var usedIgnores = Set<Int>()
        if let ignores = config?.ignore, !ignores.isEmpty {
            kept = kept.filter { finding in
                guard let range = finding.range, let path = relativeToConfig(url(range.file, project)) else { return true }
                let hits = ignores.indices.filter { Glob.matches(ignores[$0].rule, finding.ruleID) && PathGlob.matches(ignores[$0].file, path) }
                usedIgnores.formUnion(hits)
                if !hits.isEmpty { protected.append(ProtectedPlace(range: range, why: "\(finding.ruleID) there is silenced by an ignore: entry of .h7lint.yml")) }
                return hits.isEmpty
            }
        }
        let suppressed = before - kept.count

        if isEnabled(Self.unusedSuppression) {
            kept += unusedComments(comments, project: project) + unusedIgnores(usedIgnores, project: project)
        }
        for i in kept.indices { kept[i].severity = severity(for: kept[i]) }
        return Outcome(findings: kept.sorted(by: Checker.placeOrder), suppressed: suppressed, protected: protected)
    }

    // MARK: - Comments

    struct ScannedComment {
        var file: String
        var comment: SuppressionComment
        /// Lines the comment covers.
        var lines: ClosedRange<Int>
        var used = Set<Int>()
        func covers(_ line: Int) -> Bool { lines.contains(line) }
    }

    /// Directives in every file the rules read and every file with a finding.
    static let directiveMarker = Array("h7lint:".utf8)

    func scanComments(project: Project, findings: [Finding], lines: SourceLines) -> [ScannedComment] {
        var files = Set(findings.compactMap { $0.range?.file })
        for core in project.cores {
            files.formUnion(core.parsedFiles)
            files.formUnion(core.allSettings.map(\.file))
            if let startup = core.startupFile { files.insert(startup) }
        }
        if let ioc = project.ioc { files.insert(ioc.file) }
        var scanned: [ScannedComment] = []
        for file in files.sorted() where !isExcluded(SourceRange(file: file, line: 1), project) {
            // Most files have no directive: only those that mention the marker are split into lines.
            let place = url(file, project)
            ReadLog.note(place.path)
            guard let data = FileOverlay.buffer(atPath: place.path) ?? (try? Data(contentsOf: place, options: .mappedIfSafe)),
                  ByteText.contains([UInt8](data), Self.directiveMarker), let text = lines.lines(of: place) else { continue }
            let found = SuppressionComment.scan(text)
            for comment in found where comment.kind != .enable {
                scanned.append(ScannedComment(file: file, comment: comment, lines: Self.reach(of: comment, in: text, all: found)))
            }
        }
        return scanned
    }

    /// The lines a directive silences.
    static func reach(of comment: SuppressionComment, in text: [String], all: [SuppressionComment]) -> ClosedRange<Int> {
        switch comment.kind {
        case .disableLine, .enable:
            return comment.line...comment.line
        case .disableNextLine:
            // Stacked directive comments all reach the first line of code below them.
            var target = comment.line + 1
            while target <= text.count && SuppressionComment.isDirectiveOnly(text[target - 1]) { target += 1 }
            return target...target
        case .disableFile:
            return 1...max(1, text.count)
        case .disable:
            let end = all.first { other in
                other.kind == .enable && other.line > comment.line
                    && (other.rules.isEmpty || !Set(other.rules).isDisjoint(with: comment.rules))
            }
            return comment.line...max(comment.line, (end?.line ?? text.count + 1) - 1)
        }
    }

    func unusedComments(_ comments: [ScannedComment], project: Project) -> [Finding] {
        var out: [Finding] = []
        for scanned in comments {
            let c = scanned.comment
            let range = SourceRange(file: scanned.file, line: c.line, column: c.column, endLine: c.line, endColumn: c.column + c.length)
            let directive = "h7lint:\(c.kind.rawValue)"
            if c.rules.isEmpty {
                out.append(unused("\(directive) names no rule: name the ids it silences (`h7lint rules` lists them)", at: range))
            }
            for (n, pattern) in c.rules.enumerated() where !scanned.used.contains(n) {
                if !knowledge.ruleDocs.keys.contains(where: { Glob.matches(pattern, $0) }) {
                    out.append(unused("\(directive) names '\(pattern)', which is no h7lint rule\(Suggestion.didYouMean(pattern, among: knowledge.ruleDocs.keys)) (`h7lint rules` lists them)", at: range))
                } else if couldRun(pattern, project: project) {
                    let place = switch c.kind {
                    case .disableNextLine: "on the line below it"
                    case .disableLine: "on its line"
                    case .disableFile: "in this file"
                    case .disable, .enable: "up to its h7lint:enable"
                    }
                    out.append(unused("\(directive) \(pattern) silences nothing: \(pattern) reports nothing \(place)", at: range))
                }
            }
        }
        return out
    }

    /// An `ignore:` entry naming one file of this project that silenced nothing.
    func unusedIgnores(_ used: Set<Int>, project: Project) -> [Finding] {
        guard let config, let file = config.file, let folder = config.folder else { return [] }
        let rootPath = project.root.standardizedFileURL.path + "/"
        return config.ignore.indices.compactMap { i in
            let entry = config.ignore[i]
            guard !used.contains(i), !entry.file.contains(where: { "*?".contains($0) }),
                  folder.appendingPathComponent(entry.file).standardizedFileURL.path.hasPrefix(rootPath),
                  couldRun(entry.rule, project: project) else { return nil }
            let range = SourceRange(file: PathText.relative(file, to: project.root), line: entry.line)
            return unused("ignore entry for \(entry.rule) in \(entry.file) silences nothing: \(entry.rule) reports nothing there", at: range)
        }
    }

    func unused(_ message: String, at range: SourceRange) -> Finding {
        UnusedSuppressionRule.finding(message, at: range, knowledge: knowledge)
    }

    /// A rule that did not run cannot be expected to report: turned off, not implemented, board or part unknown.
    func couldRun(_ pattern: String, project: Project) -> Bool {
        knowledge.ruleDocs.keys.contains { id in
            Glob.matches(pattern, id) && isEnabled(id) && Self.checkedRules.contains(id)
                && knowledge.ruleDocs[id].map { RuleEngine.canRun($0, project: project) } ?? false
        }
    }

    // MARK: - Paths and severities

    func severity(for finding: Finding) -> Severity {
        if requireBoard, finding.ruleID == BoardNotNamedRule().id { return .error }
        return config?.severity.last { Glob.matches($0.rules.pattern, finding.ruleID) }?.severity ?? finding.severity
    }

    func isExcluded(_ range: SourceRange?, _ project: Project) -> Bool {
        guard let range, config?.exclude.isEmpty == false else { return false }
        return excludes(url(range.file, project))
    }

    func url(_ file: String, _ project: Project) -> URL {
        file.hasPrefix("/") ? URL(fileURLWithPath: file) : project.root.appendingPathComponent(file)
    }

    /// The path below the config file's folder, nil when outside it.
    func relativeToConfig(_ url: URL) -> String? {
        config?.folder.flatMap { PathText.below(url.path, $0.path) }
    }
}
