import Foundation
import H7Clang
import H7Model
import H7Rules

/// The result of checking one project.
public struct ProjectReport: Equatable, Sendable {
    public var name: String
    public var root: URL
    /// nil when the project could not be checked (then `error` says why).
    public var project: Project?
    public var findings: [Finding]
    public var error: H7Error?
    /// Parse problems and other notes that are not findings.
    public var notes: [ParseProblem]
    /// The `.h7lint.yml` that applied.
    public var config: ProjectConfig? = nil
    /// Findings silenced by suppression comments or `ignore:` entries (FindingFilter).
    public var suppressed = 0
    /// How each core's supply was decided (`--show-assumptions`), taken before the C facts are dropped.
    public var supply: [Assumptions.SupplyOrigin] = []
    /// Every file the project's settings came from (build files, C files with facts, `.ioc`), as resolved
    /// absolute paths: `--fix` edits a file that other projects read only when they make the same change.
    public var readFiles: Set<String> = []
}

/// The whole run: discovery, loading, rules.
public struct Checker: Sendable {
    public let knowledge: Knowledge
    public let boardOverride: String?
    /// Projects checked at once (one libclang index per worker).
    public let jobs: Int
    /// Parse results kept between runs (nil: parse everything).
    public let cache: FactsCache?
    public let headers: HeaderMode
    public let observer: ParseObserver?
    /// Keep each project's C facts in its report (the clock report needs them; `check` does not,
    /// and over hundreds of projects they are most of the memory).
    public let retainFacts: Bool
    /// `--require-board`: a board that is not named is an error.
    public var requireBoard = false
    /// `--select` / `--ignore`.
    public var selection: RuleSelection?
    /// `--config FILE`: this `.h7lint.yml` for every project instead of the nearest one.
    public var configOverride: URL?
    /// The stand-in's fixed part read precompiled (PrecompiledPreludes); `H7LINT_PCH=0` turns it off.
    public var precompiledHeaders = PrecompiledPreludes.enabled
    /// Whole reports of unchanged projects (`check` with a cache; not where facts are kept or parses observed).
    public var results: ResultCache?
    /// Parse problems kept per project when facts are not retained.
    static let notesKept = 50

    public init(knowledge: Knowledge, boardOverride: String? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, cache: FactsCache? = nil,
                headers: HeaderMode = .standIn, observer: ParseObserver? = nil, retainFacts: Bool = true) {
        self.retainFacts = retainFacts
        self.headers = headers
        self.observer = observer
        self.knowledge = knowledge
        self.boardOverride = boardOverride
        self.jobs = max(1, jobs)
        self.cache = cache
    }

    /// Checks every project under `path`. Throws only when the path itself is unusable.
    /// `progress` is called (from any thread) as each project is done, with the number of projects.
    public func check(path: URL, progress: (@Sendable (_ total: Int) -> Void)? = nil) throws -> (reports: [ProjectReport], notes: [String]) {
        var notes: [String] = []
        _ = try ParseTimeLimit.fromEnvironment()  // a bad H7LINT_PARSE_TIMEOUT stops the run before any work
        MallocArenas.limit(jobs: jobs)
        // With a cache that recorded the libclang a run would load, it is loaded by the first parse that misses.
        if !(cache.map { ClangResources.useRecord(in: $0.directory) } ?? false) { try ClangLibrary.require() }
        let top = path.standardizedFileURL.resolvingSymlinksInPath()
        var found = try StageTimings.measure(.discovery) {
            try ProjectFinder.find(path: top, reads: knowledge.readNames, jobs: jobs, notes: &notes)
        }
        guard !found.isEmpty else {
            throw H7Error.input("\(path.path): no STM32 project found (no .ioc file and no C file defining SystemClock_Config)")
        }
        // A .h7lint.yml above the checked folder applies too (up to the repository root).
        let outer = ProjectConfig.nearest(from: top)
        for i in found.indices where found[i].configFile == nil { found[i].configFile = outer }
        if let configOverride { for i in found.indices { found[i].configFile = configOverride } }
        let total = found.count
        let loader = ProjectLoader(knowledge: knowledge, boardOverride: boardOverride, cache: cache, headers: headers,
                                   observer: observer, precompiled: precompiledHeaders)
        try loader.checkBoardOverride()
        let results = retainFacts || observer != nil || !FileOverlay.all.isEmpty ? nil : self.results
        let base = top.deletingLastPathComponent().path
        let reports = ParallelMap.map(found, jobs: jobs) { files -> ProjectReport? in
            let name = PathText.relative(files.root.path, to: base)
            defer { progress?(total) }
            guard let results else { return checkProject(files, name: name, base: base, loader: loader) }
            if let kept = StageTimings.measure(.keptReports, { results.lookup(files, name: name, knowledge: knowledge) }) { return kept }
            let started = ResultCache.now()
            let (report, read) = ReadLog.record { checkProject(files, name: name, base: base, loader: loader) }
            if let report { StageTimings.measure(.keptReports) { results.store(report, files: files, name: name, read: read, started: started, knowledge: knowledge) } }
            return report
        }
        for (files, report) in zip(found, reports) where report == nil {
            notes.append("\(files.root.path): excluded by .h7lint.yml")
        }
        for case let report? in reports { notes += report.project.map { LoadProblems.duplicateKeyNotes($0, name: report.name) } ?? [] }
        return (reports.compactMap { $0 }, notes)
    }

    /// Loads one project and runs the rules; nil when its `.h7lint.yml` excludes it.
    private func checkProject(_ files: ProjectFiles, name: String, base: String, loader: ProjectLoader) -> ProjectReport? {
        do {
            let config = try files.configFile.map(ProjectConfig.load)
            try config?.validate(ruleIDs: Set(knowledge.ruleDocs.keys))
            let filter = FindingFilter(knowledge: knowledge, config: config, requireBoard: requireBoard, selection: selection)
            if filter.excludes(files.root) { return nil }
            let project = try loader.load(files, name: name, config: config)
            let (outcome, findings) = StageTimings.measure(.rules) {
                let outcome = filter.apply(run(project), project: project)
                var planner = FixPlanner(project: project, knowledge: knowledge, protected: outcome.protected) { file in
                    filter.excludes(file.hasPrefix("/") ? URL(fileURLWithPath: file) : project.root.appendingPathComponent(file))
                }
                return (outcome, planner.plan(outcome.findings))
            }
            var notes = project.notes + project.cores.flatMap { $0.sources.flatMap(\.problems) }
            if let family = project.otherFamily {
                notes = [ParseProblem(severity: .note, message: "not an STM32H7 project (\(family)): nothing checked", range: nil)]
            }
            let readFiles = Self.readFiles(project)
            var kept = project
            if !retainFacts {
                // Reports of hundreds of projects: keep what reporters show, not every parse detail.
                for index in kept.cores.indices {
                    kept.cores[index].sources = []
                    kept.cores[index].allSettings = []
                }
                if notes.count > Self.notesKept {
                    let more = notes.count - Self.notesKept
                    notes = Array(notes.prefix(Self.notesKept))
                        + [ParseProblem(severity: .note, message: "\(more) more parse problems not kept", range: nil)]
                }
            }
            return ProjectReport(name: name, root: files.root, project: kept, findings: findings,
                                 error: nil, notes: notes,
                                 config: config, suppressed: outcome.suppressed,
                                 supply: Assumptions.supplyOrigins(project, knowledge: knowledge), readFiles: readFiles)
        } catch let error as H7Error {
            return ProjectReport(name: name, root: files.root, project: nil, findings: [],
                                 error: LoadProblems.naming(error, project: name, base: base), notes: [])
        } catch {
            return ProjectReport(name: name, root: files.root, project: nil, findings: [],
                                 error: H7Error(.internal, "\(name): \(error)"), notes: [])
        }
    }

    /// The files a project's settings were read from, resolved.
    static func readFiles(_ project: Project) -> Set<String> {
        var files: Set<String> = []
        for core in project.cores {
            files.formUnion(core.parsedFiles)
            files.formUnion(core.allSettings.flatMap { settings in [settings.file] + settings.defines.compactMap(\.file) })
            if let startup = core.startupFile { files.insert(startup) }
            for source in core.sources {
                files.formUnion(source.calls.map(\.range.file) + source.assignments.map(\.range.file) + source.macros.values.map(\.range.file))
            }
        }
        if let ioc = project.ioc { files.insert(ioc.file) }
        return Set(files.map { file in
            (file.hasPrefix("/") ? URL(fileURLWithPath: file) : project.root.appendingPathComponent(file))
                .standardizedFileURL.resolvingSymlinksInPath().path
        })
    }

    /// Runs every rule on a loaded project; findings sorted by place.
    public func run(_ project: Project) -> [Finding] {
        RuleEngine.run(project, knowledge: knowledge).sorted(by: Self.placeOrder)
    }

    /// Project-level findings first, then by place, then by rule id.
    static func placeOrder(_ a: Finding, _ b: Finding) -> Bool {
        switch (a.range, b.range) {
        case let (x?, y?): return x != y ? x < y : a.ruleID < b.ruleID
        case (nil, _?): return true
        case (_?, nil): return false
        default: return a.ruleID < b.ruleID
        }
    }
}
