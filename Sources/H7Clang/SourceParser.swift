import Foundation
import H7Model
import H7Readers

/// What to parse: one C file, as the project's build compiles it for one core.
public struct ParseRequest: Sendable {
    public var file: URL
    public var core: Core?
    public var device: Device?
    public var defines: [Define]
    public var includePaths: [String]

    public init(file: URL, core: Core?, device: Device?, defines: [Define], includePaths: [String]) {
        self.file = file
        self.core = core
        self.device = device
        self.defines = defines
        self.includePaths = includePaths
    }
}

/// Which HAL/CMSIS headers libclang reads.
///
/// The default is h7lint's stand-in: the same facts whether or not a checkout has Drivers/ (CI and
/// laptops agree), and about 4x faster. Over ST's 917 STM32CubeH7 example projects both modes give
/// identical findings (README, Performance).
public enum HeaderMode: String, Sendable, CaseIterable {
    /// The project's own when its include path reaches them all, else h7lint's stand-in.
    case project
    /// Always h7lint's stand-in.
    case standIn = "stand-in"
}

/// Told about each libclang parse (file, arguments, stand-in files): for `h7lint invocations`
/// and the benchmark, which run plain clang on exactly the same inputs.
public typealias ParseObserver = @Sendable (_ file: String, _ arguments: [String], _ virtualFiles: [VirtualFile]) -> Void

/// Parses C files with libclang and returns their facts. One per task (libclang indexes are not
/// shared between threads).
public final class SourceParser {
    /// Made at the first parse that misses the cache (a run answered by the cache never loads libclang); replaced
    /// after a parse ran out of time (the abandoned thread still owns the old one).
    private var madeSession: ClangSession?
    /// Seconds one parse may take (`H7LINT_PARSE_TIMEOUT`, ParseTimeLimit).
    private let timeLimit: Double
    private let knowledge: Knowledge
    private let projectRoot: URL
    private let preludes: Preludes
    private let cache: FactsCache?
    private let headers: HeaderMode
    private let observer: ParseObserver?

    public init(knowledge: Knowledge, projectRoot: URL, cache: FactsCache? = nil, headers: HeaderMode = .standIn,
                observer: ParseObserver? = nil, preludes: Preludes = Preludes()) {
        self.preludes = preludes
        self.headers = headers
        self.observer = observer
        self.knowledge = knowledge
        self.projectRoot = projectRoot.standardizedFileURL
        self.cache = cache
        timeLimit = (try? ParseTimeLimit.fromEnvironment()) ?? ParseTimeLimit.defaultSeconds
    }

    public func parse(_ request: ParseRequest) throws -> SourceFacts {
        do {
            return try parseNoting(request)
        } catch {
            ReadLog.markIncomplete()  // a limit or a failed read: not kept as a project's result either
            throw error
        }
    }

    private func parseNoting(_ request: ParseRequest) throws -> SourceFacts {
        let relative = PathText.relative(request.file.path, to: projectRoot.path)
        var facts = SourceFacts(file: relative, core: request.core)
        var base = SourceLanguage(file: request.file).arguments + ["--target=arm-none-eabi", "-mthumb",
                    "-mcpu=\((request.core ?? .cm7).cpu)", "-mfloat-abi=hard", "-ffreestanding",
                    "-fno-builtin", "-ferror-limit=0", "-Wno-everything"]
        var virtualFiles: [VirtualFile] = []
        var standIn = ""
        if let resources = ClangResources.directory {
            base += ["-resource-dir", resources]
        } else {
            base += ["-isystem", BuiltinHeaders.directory]
            virtualFiles = BuiltinHeaders.files
            standIn = BuiltinHeaders.digest
        }
        let real = headers == .project && StageTimings.measure(.includeScan) {
            Prelude.realHeadersReachable(includePaths: request.includePaths, near: request.file)
        }
        var defines = request.defines.map { "-D" + $0.name + ($0.value.map { "=" + $0 } ?? "") }
        if let device = request.device, !request.defines.contains(where: { $0.name == device.define }) {
            defines.append("-D" + device.define)
        }
        if let core = request.core, !request.defines.contains(where: { $0.name.hasPrefix("CORE_CM") }) {
            defines.append("-D" + core.define)
        }
        let prelude = real ? nil : try preludes.prelude(knowledge: knowledge, device: request.device)
        if let prelude {
            virtualFiles += prelude.files
            standIn += prelude.digest
            facts.usedPrelude = true
        }
        let standInFiles = virtualFiles
        let rest = defines + request.includePaths.map { "-I" + $0 } + Self.systemFolders.flatMap { ["-isystem", $0] }
        // The stand-in as text: what the cache key and `h7lint invocations` see (a precompiled header gives the same facts).
        var arguments = base + (prelude?.arguments ?? []) + rest
        let textArguments = arguments
        // The editor's unsaved buffers (h7lint server) stand in for their files on disk.
        virtualFiles += FileOverlay.all.map { VirtualFile(path: $0.key, contents: String(decoding: $0.value, as: UTF8.self)) }
        observer?(request.file.path, arguments, virtualFiles)
        let key = cache == nil ? nil : StageTimings.measure(.cache) {
            FactsCache.key(file: request.file, root: projectRoot, arguments: arguments,
                           standIn: standIn + preludes.frontEndDigest(knowledge: knowledge, device: request.device))
        }
        if key == nil { ReadLog.markIncomplete() }
        if let key, let cached = StageTimings.measure(.cache, { cache?.lookup(key) }) { return cached }
        let precompiled = prelude == nil ? nil
            : precompiledHeader(base: base, defines: defines, virtualFiles: standInFiles, standIn: standIn, request: request)
        if let precompiled, let prelude { arguments = base + prelude.arguments(precompiled: precompiled.path) + rest }
        // After the cache: a hit never walks the include graph (a header that stops being a regular file
        // changes its dependency hash, so such an entry misses and comes here).
        if let size = StageTimings.measure(.includeScan, { IncludeGuard.oversized(request.file.path) }) {
            throw H7Error.input("\(relative): \(size >> 20) MB, larger than the \(IncludeGuard.maxHeaderBytes >> 20) MB h7lint hands to libclang: not parsed")
        }
        let guarded = StageTimings.measure(.includeScan) {
            // The stand-in's folder comes first, as in the arguments: the HAL headers it shadows are not walked.
            IncludeGuard.standIns(for: request.file, includePaths: (real ? [] : [Prelude.directory]) + request.includePaths,
                                  virtual: real ? [] : Set(virtualFiles.map(\.path)))
        }
        virtualFiles += guarded.files
        let values = knowledge.identifiers.values(features: request.device?.features ?? [])
        let root = projectRoot.path
        let session = try self.session(), start = facts, wantsIncluded = key != nil
        let parsed = try ParseTimeLimit.run(seconds: timeLimit) { () -> (SourceFacts, [String]) in
            var facts = start, included: [String] = []
            /// Parses with these arguments; false when the unit could not read its precompiled header.
            func collect(_ arguments: [String]) throws -> Bool {
                try session.withTranslationUnit(file: request.file.path, arguments: arguments,
                                                virtualFiles: virtualFiles) { unit in
                    if precompiled != nil, ClangSession.precompiledHeaderFailed(unit) { return false }
                    StageTimings.measure(.facts) {
                        let paths = PathMemo(root: root)
                        let collector = FactCollector(unit: unit, relativePath: paths.relative,
                                                      evaluator: TokenEvaluator(identifiers: values),
                                                      recoverable: self.knowledge.readCalls)
                        collector.collect(into: &facts)
                        if wantsIncluded { included = ClangSession.includedFiles(unit) }
                    }
                    return true
                }
            }
            // libclang gives up on some damaged headers before any diagnostic: that is a failed read too.
            let read = precompiled == nil ? try collect(arguments) : ((try? collect(arguments)) ?? false)
            if !read, let header = precompiled {
                // Stale or damaged: forget it and read the stand-in as text.
                self.preludes.precompiled?.discard(header)
                _ = try collect(textArguments)
            }
            return (facts, included)
        }
        guard let parsed else {
            madeSession = nil
            throw H7Error.input("\(relative): parse of \(request.file.lastPathComponent) took longer than \(ParseTimeLimit.describe(timeLimit)) s, skipped (\(ParseTimeLimit.variable) sets the limit)")
        }
        let included: [String]
        (facts, included) = parsed
        for note in guarded.notes { facts.problems.append(ParseProblem(severity: .note, message: note, range: nil)) }
        if let key {
            let dependencies = included.filter { !$0.hasPrefix(Prelude.directory + "/") }
            let searchPath = (facts.usedPrelude ? [Prelude.directory] : []) + request.includePaths
            if let cache {
                let folders = StageTimings.measure(.includeScan) {
                    IncludeLookups.absentFolders(files: [PathText.normalize(request.file.path)] + dependencies, searchPath: searchPath,
                                                 found: Set(included.map(PathText.normalize)), listing: cache.listing)
                        .union(Self.missingIncludeCandidates(facts.problems, request: request, root: projectRoot)
                            .filter { access($0, F_OK) != 0 }.map(PathText.directory))
                }
                StageTimings.measure(.cache) { cache.store(key, facts: facts, dependencies: dependencies, absentFolders: folders) }
            }
        }
        return facts
    }

    /// This parser's libclang index, loading libclang first when no parse needed it yet.
    private func session() throws -> ClangSession {
        if let madeSession { return madeSession }
        try ClangLibrary.require()
        let made = ClangSession()
        madeSession = made
        return made
    }

    /// The folders of the toolchain's C library, when installed (after the project's own `-I` folders).
    static let systemFolders = ["/usr/lib/arm-none-eabi/include", "/usr/arm-none-eabi/include"].filter {
        FileManager.default.fileExists(atPath: $0)
    }

    /// The stand-in's precompiled part for this unit, when there is a store, the unit would see the same through it,
    /// and nobody records the arguments (`h7lint invocations` hands them to plain clang).
    private func precompiledHeader(base: [String], defines: [String], virtualFiles: [VirtualFile], standIn: String,
                                   request: ParseRequest) -> PrecompiledPreludes.Header? {
        guard let store = preludes.precompiled, observer == nil else { return nil }
        let header = base.map { $0 == "c" ? "c-header" : $0 == "c++" ? "c++-header" : $0 }
            + ["-I\(Prelude.directory)"] + Self.systemFolders.flatMap { ["-isystem", $0] }
        let own = defines.filter { define in
            request.device.map { define == "-D" + $0.define } == true || define == "-DCORE_CM4" || define == "-DCORE_CM7"
        }
        guard let session = try? session(),
              let made = store.header(arguments: header, defines: own, virtualFiles: virtualFiles, standIn: standIn,
                                      session: session),
              store.admits(made, defines: defines, includePaths: request.includePaths)
        else { return nil }
        return made
    }

    /// Every place a header that was not found could appear: the including file's folder and each `-I` folder.
    static func missingIncludeCandidates(_ problems: [ParseProblem], request: ParseRequest, root: URL) -> [String] {
        var candidates: [String] = []
        for problem in problems {
            let m = problem.message
            guard m.hasPrefix("'"), m.hasSuffix("' file not found"), let range = problem.range else { continue }
            let name = String(m.dropFirst().dropLast("' file not found".count))
            let including = range.file.hasPrefix("/") ? URL(fileURLWithPath: range.file) : root.appendingPathComponent(range.file)
            for folder in [including.deletingLastPathComponent().path] + request.includePaths {
                candidates.append(URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path)
            }
        }
        return candidates
    }

}

/// Remembers the relative form of each file name libclang reports (it reports the same few many times).
final class PathMemo {
    private let root: String
    private var known: [String: String] = [:]

    init(root: String) { self.root = root }

    func relative(_ path: String) -> String {
        if let hit = known[path] { return hit }
        let value = path.isEmpty ? path : PathText.relative(path, to: root)
        known[path] = value
        return value
    }
}
