import Foundation
import H7Clang
import H7Model
import H7Readers

/// Turns the files of one project into a `Project`: build settings per core, `.ioc`, part, board,
/// and the facts of the C files that matter. Throws `H7Error` when the project cannot be checked.
public struct ProjectLoader: Sendable {
    public let knowledge: Knowledge
    /// `--board` from the command line, if any (id, id:variant or a path).
    public let boardOverride: String?
    /// Parse results kept between runs; nil to parse everything.
    public let cache: FactsCache?
    public let headers: HeaderMode
    public let observer: ParseObserver?
    /// The stand-in headers per part, shared by every project this loader reads.
    let preludes: Preludes

    public init(knowledge: Knowledge, boardOverride: String?, cache: FactsCache? = nil, headers: HeaderMode = .standIn,
                observer: ParseObserver? = nil, precompiled: Bool = PrecompiledPreludes.enabled) {
        self.headers = headers
        self.observer = observer
        self.knowledge = knowledge
        self.boardOverride = boardOverride
        self.cache = cache
        preludes = Preludes(precompiled: precompiled ? PrecompiledPreludes(cacheDirectory: cache?.directory) : nil)
    }

    static let originPreference: [BuildSettings.Origin] = [.compileCommands, .platformio, .cmake, .makefile, .cproject, .subdirMk,
                                                            .ewp, .uvprojx, .mxproject]

    /// `config`: the project's `.h7lint.yml`, loaded once by the caller (nil: none).
    public func load(_ files: ProjectFiles, name: String, config: ProjectConfig? = nil) throws -> Project {
        let root = files.root
        var project = Project(root: root, name: name)
        let rel = { (url: URL) in PathText.relative(url.path, to: root.path) }

        // .ioc
        let iocs = files.iocFiles.filter { !$0.lastPathComponent.lowercased().hasPrefix("backup") }
        if iocs.count > 1, Set(iocs.map { $0.deletingLastPathComponent().path }).count == 1 {
            throw H7Error.input("\(rel(iocs[0])): \(iocs.count) .ioc files in one folder (\(iocs.map(\.lastPathComponent).joined(separator: ", "))); keep one, or check them as separate projects")
        }
        if let ioc = iocs.first { project.ioc = try StageTimings.measure(.buildFiles) { try IocReader.read(url: ioc, file: rel(ioc)) } }
        for (url, reason) in files.unreadable { project.unreadableSources[rel(url)] = reason }
        // Scripts and tool configurations, read as text
        project.scripts = StageTimings.measure(.buildFiles) { files.scripts.flatMap { ScriptScanner.scan(url: $0, file: rel($0)) } }

        // Build files
        var settings: [BuildSettings] = []
        for file in files.buildFiles {
            if let read = try StageTimings.measure(.buildFiles, { try BuildFileReaders.read(url: file, projectRoot: root) }) { settings += read }
        }
        settings = platformioH7First(settings)

        // Part
        let deviceDefines = knowledge.deviceDefines
        if let define = settings.lazy.flatMap(\.defines).first(where: { deviceDefines.contains($0.name) }) {
            project.device = knowledge.device(define: define.name)
            project.deviceOrigin = "\(define.name) define"
        } else if let part = project.ioc?.partName, let device = knowledge.device(partName: part) {
            project.device = device
            project.deviceOrigin = ".ioc \(part)"
        } else if let part = settings.compactMap(\.partName).first, let device = knowledge.device(partName: part) {
            project.device = device
            project.deviceOrigin = part
        }

        if project.device == nil, let (device, origin) = platformioDevice(settings) {
            project.device = device
            project.deviceOrigin = origin
        }
        if project.device == nil, let (device, evidence) = Self.deviceFromFileNames(files, knowledge: knowledge) {
            // No define and no .ioc: the startup file or linker script names the part.
            project.device = device
            project.deviceOrigin = "file name \(evidence)"
            project.notes.append(ParseProblem(severity: .note, message: "assumed part \(device.define) from the file name \(evidence): no build file defines it and there is no .ioc", range: nil))
        }
        if project.device == nil { project.otherFamily = Self.otherFamily(ioc: project.ioc, settings: settings) ?? platformioOtherFamily(settings) }

        // Board
        try resolveBoard(into: &project, config: config, settings: settings)
        try Self.checkBoardPart(&project, strict: boardOverride != nil || config?.board != nil, knowledge: knowledge)
        // Nothing in the project names its part: a board the user named does (register-level and custom trees).
        if project.device == nil, boardOverride != nil || config?.board != nil,
           let board = project.board,
           let device = board.device.flatMap({ knowledge.device(define: $0) }) ?? board.part.flatMap({ knowledge.device(partName: $0) }) {
            project.device = device
            project.deviceOrigin = "board \(board.id)"
            project.notes.append(ParseProblem(severity: .note, message: "assumed part \(device.define) from the board \(board.id) (\(project.boardOrigin ?? "named")): nothing in the project names its part", range: nil))
        }

        // Images of an H7R/S project (Boot/, Appli/, ExtMemLoader/): the Boot image is the project's build; the
        // others are parsed after it into `project.images` (ImageLayout).
        let imageLayout = ImageLayout(files: files, settings: settings, relative: rel)
        var files = files
        if imageLayout.isBootless, project.device?.line.vosRegister == "csr4" {
            project.inheritsBootStage = true
            project.notes.append(ParseProblem(
                severity: .note,
                message: "assumed: this STM32H7R/S project holds no Boot image (\(imageLayout.imageNames.joined(separator: ", ")) only), so a Boot image outside it (ST's examples load Templates/Template_XIP's) sets the supply, the voltage scale and the clocks; that image was not checked",
                range: nil))
        }
        if imageLayout.isMultiImage {
            files.sources = files.sources.filter { imageLayout.image(of: $0) == nil || imageLayout.image(of: $0) == ImageLayout.boot }
            files.startupFiles = files.startupFiles.filter { imageLayout.image(of: $0) == nil || imageLayout.image(of: $0) == ImageLayout.boot }
            settings = imageLayout.settings(for: ImageLayout.boot, settings)
        }

        // Cores
        let coreOf = { (url: URL) -> Core? in CoreDetection.fromPath(rel(url)) }
        let hasCoreFolders = (files.sources + files.startupFiles).contains { coreOf($0) != nil }
        // Two cores when the tree has CM7/ and CM4/ folders; otherwise one image, for the core the
        // build names (CORE_CM4 alone means a CM4 image), else the CM7 on dual-core parts.
        let namedCores = Set(settings.compactMap(\.core))
        let cores: [Core?] = hasCoreFolders ? [.cm7, .cm4]
            : [namedCores.count == 1 ? namedCores.first! : ((project.device?.isDualCore ?? false) ? .cm7 : nil)]
        let parser = SourceParser(knowledge: knowledge, projectRoot: root, cache: cache, headers: headers, observer: observer,
                                  preludes: preludes)
        for core in cores {
            let mine = { (url: URL) in core == nil || coreOf(url) == nil || coreOf(url) == core }
            let coreSettings = settings.filter { s in
                core == nil || s.core == core || (s.core == nil && coreOf(root.appendingPathComponent(s.file)) == core)
            }
            let fallback = coreSettings.isEmpty ? settings.filter { $0.core == nil } : coreSettings
            let chosen = Self.originPreference.lazy.compactMap { origin in fallback.first { $0.origin == origin } }.first
            var build = CoreBuild(core: core, settings: chosen, allSettings: fallback)
            // The startup file of the same toolchain as the chosen build file, when there are several.
            let settingsDir = chosen.map { root.appendingPathComponent($0.file).deletingLastPathComponent().path } ?? root.path
            // Each file's closeness worked out once, not at every comparison.
            let keyed: [(url: URL, path: String, shared: Int)] = files.startupFiles.filter(mine).map { url in
                (url, url.path, ProjectFinder.commonPrefix(url.path, settingsDir))
            }
            let startup = keyed.sorted { a, b in a.shared != b.shared ? a.shared > b.shared : a.path < b.path }.map(\.url)
            if let first = startup.first {
                build.startupFile = rel(first)
                build.startupExitRun0ModeCall = StartupScanner.exitRun0ModeCall(in: first, relative: rel(first))
            }
            let excluded = Set(chosen?.excludedSources ?? [])
            let sources = files.sources.filter { mine($0) && !excluded.contains($0.path) }.sorted { $0.path < $1.path }
            let coreForParse = core ?? (project.device.map { _ in Core.cm7 })
            var includePaths = chosen?.includePaths ?? []
            if chosen == nil {
                // No build file: the include folders CubeMX generates, as a build would pass them.
                includePaths = Self.layoutIncludeFolders(core: core).filter { folder in
                    var isDirectory: ObjCBool = false
                    ReadLog.note(root.appendingPathComponent(folder).path)
                    return FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path, isDirectory: &isDirectory)
                        && isDirectory.boolValue
                }.map { root.appendingPathComponent($0).path }
                for folder in Self.halConfFolders(root) where !includePaths.contains(folder) { includePaths.append(folder) }
                if !sources.isEmpty {
                    let shown = includePaths.map { rel(URL(fileURLWithPath: $0)) }
                    project.notes.append(ParseProblem(
                        severity: .note,
                        message: "assumed\(core.map { " for \($0.rawValue.uppercased())" } ?? ""): no build file, so no defines and the include folders of CubeMX's layout (\(shown.isEmpty ? "none found" : shown.joined(separator: ", ")))",
                        range: nil))
                }
            }
            for source in sources {
                let facts = try parser.parse(ParseRequest(
                    file: source, core: coreForParse, device: project.device, defines: chosen?.defines ?? [],
                    includePaths: includePaths))
                build.parsedFiles.append(facts.file)
                if let gap = Self.unparsedClockSetUp(facts, url: source, core: core) { project.setupNotRead.append(gap) }
                build.sources.append(facts)
            }
            if core == .cm4 && build.sources.isEmpty && build.startupFile == nil { continue }
            for (file, reason) in UnreadSources.problems(listed: chosen?.sources ?? [], listedIn: chosen?.file, root: root, core: core)
            where project.unreadableSources[file] == nil {
                project.unreadableSources[file] = reason
            }
            if build.sources.isEmpty { project.coresWithoutCode.append(core?.rawValue.uppercased() ?? "") }
            project.cores.append(build)
        }
        for image in imageLayout.otherImages {
            let imageSettings = imageLayout.settings(for: image, imageLayout.allSettings)
            let chosen = Self.originPreference.lazy.compactMap { origin in imageSettings.first { $0.origin == origin } }.first
            var build = CoreBuild(core: nil, settings: chosen, allSettings: imageSettings)
            for source in imageLayout.sources(of: image).sorted(by: { $0.path < $1.path }) {
                let facts = try parser.parse(ParseRequest(
                    file: source, core: project.device.map { _ in Core.cm7 }, device: project.device,
                    defines: chosen?.defines ?? [], includePaths: chosen?.includePaths ?? []))
                build.parsedFiles.append(facts.file)
                build.sources.append(facts)
            }
            if !build.sources.isEmpty { project.images[image] = build }
        }
        if let gap = frameworkGap(project, settings: settings) {
            // The framework's core sets the clocks (H7-META-005 says which): no project C file is expected to.
            project.setupNotRead.append(gap)
            project.coresWithoutCode = []
        }
        return project
    }

    /// A file whose text defines `SystemClock_Config` but whose parse shows no such function (libclang gave up on
    /// the code around it): its set-up was not checked, said at the first error.
    static func unparsedClockSetUp(_ facts: SourceFacts, url: URL, core: Core?) -> SetupGap? {
        let errors = facts.problems.filter { $0.severity == .error && $0.range?.file == facts.file }
        guard let first = errors.first, !facts.functions.contains(where: { $0.name == "SystemClock_Config" }),
              let bytes = ProjectFinder.readPrefix(url), ByteText.definesFunction(Array("SystemClock_Config".utf8), in: bytes)
        else { return nil }
        return SetupGap(
            message: "\(facts.file) defines SystemClock_Config but it does not parse (\(first.message)): its clock and supply set-up was not checked",
            range: first.range, core: core)
    }

    /// The part a startup file or linker script is named for (`startup_stm32h743xx.s`, `STM32H747XI_FLASH.ld`),
    /// when every such name agrees.
    static func deviceFromFileNames(_ files: ProjectFiles, knowledge: Knowledge) -> (Device, String)? {
        var names = (files.startupFiles + files.sources).map(\.lastPathComponent)
        let linkerExtensions: Set<String> = ["ld", "lds", "icf", "sct"]
        if let items = FileManager.default.enumerator(at: files.root, includingPropertiesForKeys: nil,
                                                      options: [.skipsHiddenFiles, .skipsPackageDescendants]) {
            var seen = 0
            for case let url as URL in items {
                seen += 1
                if seen > 5_000 { break }  // a huge tree: the names found so far decide
                if items.level > 3 { items.skipDescendants(); continue }
                let ext = url.pathExtension.lowercased()
                // Linker scripts, C startup files and SEGGER Ozone projects (`STM32H7A3ZIT6Q.jdebug`) are named for the part.
                if linkerExtensions.contains(ext) || ext == "jdebug" || (ext == "c" && PathText.namesStartup(url.path)) {
                    names.append(url.lastPathComponent)
                }
            }
        }
        var found: [(Device, String)] = []
        for name in names {
            guard let range = name.range(of: #"(?i)stm32h7[0-9a-z]{2}[a-z0-9]{0,5}"#, options: .regularExpression) else { continue }
            let token = name[range].uppercased()
            // The whole part number first: its suffix tells the SMPS variant (`STM32H7A3ZITXQ` is an STM32H7A3xxQ).
            let device = knowledge.device(partName: token) ?? knowledge.device(define: token.prefix(9) + "xx")
            if let device { found.append((device, name)) }
        }
        guard let first = found.first, found.allSatisfy({ $0.0.define == first.0.define }) else { return nil }
        return first
    }

    /// Folders outside CubeMX's layout that hold the project's `stm32h7xx_hal_conf.h` (its HSE_VALUE), for a
    /// project without a build file (`Config/` in VisualGDB trees).
    static func halConfFolders(_ root: URL) -> [String] {
        guard let items = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil,
                                                         options: [.skipsHiddenFiles, .skipsPackageDescendants]) else { return [] }
        var folders: [String] = [], seen = 0
        for case let url as URL in items {
            seen += 1
            if seen > 5_000 { break }
            if items.level > 3 || ProjectFinder.skippedLowercased.contains(url.lastPathComponent.lowercased()) {
                items.skipDescendants()
                continue
            }
            if url.lastPathComponent == "stm32h7xx_hal_conf.h" { folders.append(url.deletingLastPathComponent().path) }
        }
        return folders.sorted()
    }

    /// The include folders CubeMX generates for a core, in the order its own build files list them
    /// (cubemx-formats §3: `Core/Inc` modern, `Inc` old layout, `CM7/Core/Inc` + `Common/Inc` dual core), then the
    /// driver folders of a project that copies them.
    static func layoutIncludeFolders(core: Core?) -> [String] {
        let own = core.map { c in ["\(c.rawValue.uppercased())/Core/Inc", "\(c.rawValue.uppercased())/Inc", "Common/Inc"] } ?? []
        return own + ["Core/Inc", "Inc", "Drivers/STM32H7xx_HAL_Driver/Inc", "Drivers/STM32H7xx_HAL_Driver/Inc/Legacy",
                      "Drivers/CMSIS/Device/ST/STM32H7xx/Include", "Drivers/CMSIS/Include"]
    }

    /// The part of a project that is evidently not an STM32H7: its `.ioc` family or its device define.
    static func otherFamily(ioc: IocFile?, settings: [BuildSettings]) -> String? {
        if let family = ioc?.value("Mcu.Family"), !family.uppercased().hasPrefix("STM32H7") {
            return ioc?.partName ?? family
        }
        for define in settings.lazy.flatMap(\.defines) {
            let name = define.name.uppercased()
            guard name.hasPrefix("STM32"), name.count >= 9, name.count <= 14, name.hasSuffix("XX") || name.contains("X"),
                  !name.hasPrefix("STM32H7"), name.dropFirst(5).first?.isLetter == true,
                  name.dropFirst(6).first?.isNumber == true else { continue }
            return define.name
        }
        return nil
    }

    private func resolveBoard(into project: inout Project, config: ProjectConfig?, settings: [BuildSettings]) throws {
        if let spec = boardOverride {
            project.board = try board(spec: spec, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), strict: true)
            project.boardOrigin = "--board \(spec)"
            return
        }
        if let config, let spec = config.board, let file = config.file {
            project.board = try board(spec: spec, base: file.deletingLastPathComponent(), strict: true,
                                      origin: file.path)
            project.boardOrigin = "\(PathText.relative(file.path, to: project.root.path)) board: \(spec)"
            return
        }
        let fromBuild = platformioBoardName(settings) ?? settings.compactMap(\.boardName).first.map { ($0, "build file board ") }
        let named = [project.ioc?.board.map { ($0, ".ioc board=") }, fromBuild]
        // No board named anywhere: a folder of the project's path named like a known board (ST's
        // example trees, `boards/NUCLEO-H743ZI/...`).
        let generic: Set<String> = ["custom", "genericboard", "generic", "default", "none", ""]
        if named.allSatisfy({ $0 == nil || generic.contains($0!.0.lowercased()) }) {
            for folder in project.root.pathComponents.reversed() {
                if let board = knowledge.board(named: folder) {
                    project.board = board
                    project.boardOrigin = "folder name \(folder)"
                    return
                }
            }
            if let (name, origin) = named.compactMap({ $0 }).first {
                project.boardOrigin = "\(origin)\(name)"
            }
            // Not named: an ST board whose CubeMX preset the .ioc still shows.
            if let ioc = project.ioc, let device = project.device,
               let (board, inference) = BoardSignatureMatch.best(ioc: ioc, device: device, boards: knowledge.boards) {
                project.board = board
                project.boardInference = inference
                project.boardOrigin = "inferred from the .ioc (\(inference.matched) of \(inference.total) signature facts)"
            }
            return
        }
        for case let (name, origin)? in named where !generic.contains(name.lowercased()) {
            if let board = knowledge.board(named: name) {
                project.board = board
                project.boardOrigin = "\(origin)\(name)"
                return
            }
            let why = fromBuild?.0 == name ? platformioUnknownBoard(settings).map { " " + $0 } ?? "" : ""
            project.boardOrigin = "\(origin)\(name) is not a board h7lint knows\(why)"
            return
        }
    }

    /// A board built around another part than the project's is never used: named on the command line or in
    /// `.h7lint.yml` it stops this project with one line (the root cause, instead of every wiring rule failing);
    /// named by the `.ioc`, a build file or a folder, the board counts as unknown and H7-META-002 says why.
    /// A part of the same die as the board's (the same line, cores and SMPS: an STM32H730xxQ project on the
    /// STM32H735G-DK, an STM32H745xx one on the STM32H747I-DISCO, as ST's own examples do) keeps the board.
    static func checkBoardPart(_ project: inout Project, strict: Bool, knowledge: Knowledge) throws {
        guard let board = project.board, project.boardInference == nil, let part = board.device, let device = project.device,
              part.caseInsensitiveCompare(device.define) != .orderedSame else { return }
        if let boardDevice = knowledge.device(define: part), boardDevice.line.line == device.line.line,
           boardDevice.isDualCore == device.isDualCore, boardDevice.smps == device.smps { return }
        let origin = project.boardOrigin ?? "board"
        if strict {
            throw H7Error.input("\(project.name): board \(board.id) (\(origin)) is built around the \(part), but this project is for the \(device.define) (\(project.deviceOrigin ?? "its build")): name this project's own board")
        }
        project.board = nil
        project.boardOrigin = "\(origin) is a board for the \(part), not for this project's \(device.define)"
    }

    /// Resolves `--board` once before any project, so that a bad value stops the run with one line
    /// instead of one per project.
    public func checkBoardOverride() throws {
        guard let spec = boardOverride else { return }
        do {
            _ = try board(spec: spec, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), strict: true)
        } catch let error as H7Error {
            throw H7Error.usage(error.message)
        }
    }

    func board(spec: String, base: URL, strict: Bool, origin: String = "--board") throws -> Board {
        let (name, variant) = Knowledge.splitVariant(spec)
        if name.hasSuffix(".yml") || name.hasSuffix(".yaml") || name.contains("/") {
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : base.appendingPathComponent(name)
            return try knowledge.loadBoard(file: url.standardizedFileURL, variant: variant)
        }
        guard let board = knowledge.board(named: name) else {
            throw H7Error.usage("\(origin): unknown board '\(name)'\(Suggestion.didYouMean(name, among: knowledge.boards.flatMap { [$0.id] + ($0.aliases ?? []) })) (see `h7lint boards`, or give a profile file)")
        }
        guard let variant else { return board }
        guard let applied = board.applying(variant: variant) else {
            let known = (board.variants ?? []).map(\.id).joined(separator: ", ")
            throw H7Error.usage("\(origin): board \(board.id) has no variant '\(variant)'\(known.isEmpty ? "" : " (variants: \(known))")")
        }
        return applied
    }
}
