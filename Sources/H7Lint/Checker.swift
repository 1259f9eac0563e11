import Foundation
import H7Extract
import H7Model
import H7Rules

/// The result of checking one project.
public struct ProjectReport: Sendable {
    public var name: String
    public var root: URL
    /// nil when the project could not be checked (then `error` says why).
    public var project: Project?
    public var findings: [Finding]
    public var error: H7Error?
    /// Parse problems and other notes that are not findings.
    public var notes: [ParseProblem]
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

    public init(knowledge: Knowledge, boardOverride: String? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, cache: FactsCache? = nil,
                headers: HeaderMode = .project, observer: ParseObserver? = nil) {
        self.headers = headers
        self.observer = observer
        self.knowledge = knowledge
        self.boardOverride = boardOverride
        self.jobs = max(1, jobs)
        self.cache = cache
    }

    /// Checks every project under `path`. Throws only when the path itself is unusable.
    public func check(path: URL) throws -> (reports: [ProjectReport], notes: [String]) {
        var notes: [String] = []
        let top = path.standardizedFileURL.resolvingSymlinksInPath()
        let found = try ProjectFinder.find(path: top, notes: &notes)
        guard !found.isEmpty else {
            throw H7Error.input("\(path.path): no STM32 project found (no .ioc file and no C file defining SystemClock_Config)")
        }
        let loader = ProjectLoader(knowledge: knowledge, boardOverride: boardOverride, cache: cache, headers: headers,
                                   observer: observer)
        let reports = ParallelMap.map(found, jobs: jobs) { files -> ProjectReport in
            let name = SourceParser.relativePath(files.root.path, root: top.deletingLastPathComponent().path)
            do {
                let project = try loader.load(files, name: name)
                return ProjectReport(name: name, root: files.root, project: project, findings: run(project),
                                     error: nil, notes: project.notes + project.cores.flatMap { $0.sources.flatMap(\.problems) })
            } catch let error as H7Error {
                return ProjectReport(name: name, root: files.root, project: nil, findings: [], error: error, notes: [])
            } catch {
                return ProjectReport(name: name, root: files.root, project: nil, findings: [],
                                     error: H7Error(.internal, "\(name): \(error)"), notes: [])
            }
        }
        return (reports, notes)
    }

    /// Runs every rule on a loaded project; findings sorted by place.
    public func run(_ project: Project) -> [Finding] {
        let context = RuleContext(project: project, knowledge: knowledge)
        var findings = RuleRegistry.all.flatMap { $0.check(context) }
        if project.board == nil, let doc = knowledge.ruleDocs["H7-META-002"] {
            let why = project.boardOrigin ?? "no --board, no .h7lint.yml board: and no .ioc board="
            findings.append(Finding(ruleID: "H7-META-002", severity: doc.severity,
                                    message: "board unknown (\(why)): rules that compare with the board's wiring did not run; name it with --board ID, `board:` in .h7lint.yml, or a profile file",
                                    range: context.projectAnchor))
        }
        return findings.sorted { a, b in
            switch (a.range, b.range) {
            case let (x?, y?): return x != y ? x < y : a.ruleID < b.ruleID
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.ruleID < b.ruleID
            }
        }
    }
}
