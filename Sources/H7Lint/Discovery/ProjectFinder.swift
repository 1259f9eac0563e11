import Foundation
import H7Model
import H7Readers

/// The files of one project, before anything is parsed.
public struct ProjectFiles: Sendable {
    public var root: URL
    public var iocFiles: [URL] = []
    public var buildFiles: [URL] = []
    /// C files that mention what the rules read (SystemClock_Config, ExitRun0Mode, the supply calls).
    public var sources: [URL] = []
    public var startupFiles: [URL] = []
    public var configFile: URL?
    /// Scripts and tool configurations read for option-byte and debug commands (ScriptScanner).
    public var scripts: [URL] = []
    /// `main.c`-like files no compiler reads as C (empty, binary, UTF-16), with the reason.
    public var unreadable: [(url: URL, reason: String)] = []
}

/// Finds CubeMX-style projects under the given paths: by `.ioc`, and by their C code where
/// there is none. Reads names and, for C files, a quick look at the text; runs nothing.
public enum ProjectFinder {
    static let skippedFolders: Set<String> = [".git", ".svn", ".build", "node_modules", "Drivers", "Middlewares",
                                              "Debug", "Release", "build", ".metadata", ".settings", ".idea", ".pio"]
    /// `drivers/`, `middlewares/`: the same folders spelled in lower case (user trees often are).
    static let skippedLowercased = Set((skippedFolders + ["CMSIS", "STM32H7xx_HAL_Driver", "STM32H7RSxx_HAL_Driver"]).map { $0.lowercased() })

    /// Without any `.ioc` or `SystemClock_Config`, a file that sets the supply or the oscillators marks a
    /// project (register-level or renamed clock code).
    static let fallbackClockWords = ["ConfigSupply", "HAL_RCC_OscConfig", "LL_RCC_PLL1_Enable", "PWR->CR3", "PWR->CSR2"].map { Array($0.utf8) }

    /// Register-level clock set-up (`RCC->PLL1DIVR = ...`, `MODIFY_REG(RCC->CFGR, ...)`): marks a project only where
    /// a startup file lies in the folder that would be its root (a reset path to follow).
    static let registerClockWords = ["RCC->PLL", "RCC->CFGR", "RCC->D1CFGR", "RCC->CDCFGR1", "PWR->D3CR", "PWR->SRDCR",
                                     "FLASH->ACR", "PWR->CSR4", "RCC->CDCFGR", "RCC->BMCFGR"].map { Array($0.utf8) }

    /// Words that make a C file part of a project's shape whatever the rules read: the clock entry
    /// point, the supply macro's function, `main`. The rest comes from the catalogue's `reads:`.
    static let shapeKeywords = ["SystemClock_Config", "ExitRun0Mode", "int main"]

    /// Throws only when a path cannot be used at all; problems inside the tree become notes.
    /// `reads`: the names rules read from C code (`Knowledge.readNames`); a C file holding none of them
    /// (and none of `shapeKeywords`) is not parsed.
    /// `jobs`: files looked at at once.
    public static func find(path: URL, reads: [String], jobs: Int = 1, notes: inout [String]) throws -> [ProjectFiles] {
        let keywordBytes = (shapeKeywords + reads).map { Array($0.utf8) }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
            throw H7Error.usage("\(path.path): no such file or folder")
        }
        guard isDirectory.boolValue else {
            throw H7Error.usage("\(path.path): not a folder (give the project folder)")
        }
        guard fm.isReadableFile(atPath: path.path) else { throw H7Error.input("\(path.path): cannot read the folder") }
        let root = path.standardizedFileURL.resolvingSymlinksInPath()
        var iocs: [URL] = [], builds: [URL] = [], sources: [URL] = [], startups: [URL] = [], configs: [URL] = []
        var clockSources: Set<URL> = [], fallbackSources: [URL] = [], registerSources: [URL] = [], startupCode: [URL] = []
        var plainSources: [URL] = []
        var unreadable: [(url: URL, reason: String)] = []
        var blank: [(url: URL, reason: String)] = []
        var scripts: [URL] = []
        var anchors: [URL] = []
        var foreignFolders: Set<String> = [], foreignNotes: [String] = []
        defer { notes += foreignNotes }
        var walked: [URL] = []
        walk(root, top: root, depth: 0, notes: &notes) { walked.append($0) }
        // Each file looked at on its own (C files read in part), in parallel; gathered in the walk's order.
        let seen = ParallelMap.map(walked, jobs: jobs) { look(at: $0, top: root.path, keywords: keywordBytes, reads: reads) }
        for (url, file) in zip(walked, seen) {
            if file.isScript { scripts.append(url) }
            switch file.kind {
            case .ioc: iocs.append(url)
            case .config: configs.append(url)
            case .build: builds.append(url)
            case .startup: startups.append(url)
            case .other: break
            case .source(let source):
                if let reason = source.unreadable { unreadable.append((url, reason)) }
                if let reason = source.blank { blank.append((url, reason)) }
                if source.plain { plainSources.append(url) }
                if let family = source.otherFamily {
                    if foreignFolders.insert(url.deletingLastPathComponent().path).inserted {
                        foreignNotes.append("\(url.deletingLastPathComponent().path): in \(family)/, code for another STM32 family, not parsed")
                    }
                    continue
                }
                if source.mentionsReads { sources.append(url) }
                if source.definesClock { clockSources.insert(url) }
                if source.fallbackClock { fallbackSources.append(url) }
                if source.registerClock { registerSources.append(url) }
            }
            if file.isStartupCode { startupCode.append(url) }
            if file.isAnchor { anchors.append(url) }
        }
        anchors += builds + startups + startupCode + iocs
        // Roots: folders with an .ioc or an STM32 platformio.ini, and folders that hold clock code without one.
        var roots = Set(iocs.map { $0.deletingLastPathComponent().path })
        for build in builds where isPlatformIOProject(build) { roots.insert(build.deletingLastPathComponent().path) }
        for source in sources where clockSources.contains(source) || source.lastPathComponent.hasPrefix("system_stm32h7") {
            if innermost(of: source.path, in: roots, orSelf: false) != nil { continue }
            roots.insert(projectRoot(for: source, top: root, builds: builds).path)
        }
        // Register-level code (no SystemClock_Config) is a project where no other project holds it or lies inside it.
        let primary = roots
        // A reset path in C (`Startup.c` with the vector table and the reset handler) counts as a startup file.
        let startupFolders = Set((startups + startupCode).map { $0.deletingLastPathComponent().path })
        for source in fallbackSources + registerSources where innermost(of: source.path, in: roots, orSelf: false) == nil {
            let candidate = projectRoot(for: source, top: root, builds: builds).path
            if !fallbackSources.contains(source),
               !startupFolders.contains(where: { $0 == candidate || $0.hasPrefix(candidate + "/") || candidate.hasPrefix($0 + "/") }) { continue }
            if primary.contains(where: { $0 == candidate || $0.hasPrefix(candidate + "/") }) { continue }
            roots.insert(candidate)
        }
        roots = anchored(roots, anchors: anchors.map(\.path), iocRoots: Set(iocs.map { $0.deletingLastPathComponent().path }), top: root.path)
        roots = underBuildFile(roots, builds: builds.map(\.path), iocRoots: Set(iocs.map { $0.deletingLastPathComponent().path }), top: root.path)
        // A folder nested in another root is its own project only when it has its own .ioc.
        let sortedRoots = roots.sorted()
        func owner(_ file: URL) -> String? { innermost(of: file.path, in: roots, orSelf: true) }
        var projects: [String: ProjectFiles] = [:]
        for r in sortedRoots { projects[r] = ProjectFiles(root: URL(fileURLWithPath: r)) }
        for f in iocs { if let o = owner(f) { projects[o]?.iocFiles.append(f) } }
        for f in builds { if let o = owner(f) { projects[o]?.buildFiles.append(f) } }
        for key in projects.keys { dropVendoredBuilds(of: &projects[key]!, notes: &notes) }
        for f in sources { if let o = owner(f) { projects[o]?.sources.append(f) } }
        for f in startups { if let o = owner(f) { projects[o]?.startupFiles.append(f) } }
        // Register-level trees (no .ioc, no SystemClock_Config): the reset path may pass through files that name
        // nothing the rules read (`HwInitialization()` calling the clock code), so every C file is parsed, up to
        // `plainSourceLimit` a project (beyond, clock code the reset path does not reach is H7-META-005).
        var plainByProject: [String: [URL]] = [:]
        for f in plainSources {
            guard let o = owner(f), let project = projects[o], project.iocFiles.isEmpty,
                  !project.sources.contains(where: clockSources.contains), !project.sources.isEmpty else { continue }
            plainByProject[o, default: []].append(f)
        }
        for (o, files) in plainByProject where files.count <= plainSourceLimit { projects[o]?.sources += files }
        for f in unreadable { if let o = owner(f.url) { projects[o]?.unreadable.append(f) } }
        // An empty C file is a placeholder, unless the project has no SystemClock_Config: then it is where it was.
        for f in blank {
            if let o = owner(f.url), projects[o]?.sources.contains(where: clockSources.contains) == false { projects[o]?.unreadable.append(f) }
        }
        for f in configs { if let o = owner(f), f.deletingLastPathComponent().path == o { projects[o]?.configFile = f } }
        // An .ioc kept in a folder with no code: pair it with the nearest project that has code and no .ioc.
        for (key, project) in projects where project.sources.isEmpty && !project.iocFiles.isEmpty {
            let candidates = projects.values.filter { $0.iocFiles.isEmpty && !$0.sources.isEmpty }
            let best = candidates.max { commonPrefix($0.root.path, key) < commonPrefix($1.root.path, key) }
            if let best, candidates.filter({ commonPrefix($0.root.path, key) == commonPrefix(best.root.path, key) }).count == 1 {
                projects[best.root.path]?.iocFiles = project.iocFiles
                projects[key] = nil
            }
        }
        if configs.isEmpty == false {
            for (key, project) in projects where project.configFile == nil {
                projects[key]?.configFile = nearestConfig(from: project.root, top: root, configs: configs)
            }
        }
        assignScripts(scripts, to: &projects)
        return projects.values.sorted { $0.root.path < $1.root.path }
    }

    /// What one walked file is to discovery.
    struct SeenFile: Sendable {
        enum Kind: Sendable { case ioc, config, build, source(SeenSource), startup, other }
        var kind: Kind = .other
        var isScript = false
        var isStartupCode = false
        var isAnchor = false
    }

    /// What the first part of a C file says.
    struct SeenSource: Sendable {
        var unreadable: String?
        var blank: String?
        /// Names nothing the rules read (parsed only in register-level trees).
        var plain = false
        var mentionsReads = false
        /// In another family's folder: not parsed, noted once per folder.
        var otherFamily: String?
        var definesClock = false
        var fallbackClock = false
        var registerClock = false
    }

    /// Classifies one file by its name and, for C files, the first part of its text.
    static func look(at url: URL, top: String, keywords: [[UInt8]], reads: [String]) -> SeenFile {
        let name = url.lastPathComponent
        let ext = url.pathExtension.lowercased()
        var file = SeenFile()
        file.isScript = ScriptScanner.kind(of: url) != nil
        file.isStartupCode = ext == "c" && PathText.namesStartup(name)
        file.isAnchor = linkerExtensions.contains(ext)
        if ext == "ioc" {
            file.kind = .ioc
        } else if name == ".h7lint.yml" {
            file.kind = .config
        } else if BuildFileReaders.reader(for: url) != nil && name != "subdir.mk" {
            file.kind = .build
        } else if Self.sourceExtensions.contains(ext) {
            guard let bytes = readPrefix(url) else { return SeenFile(isScript: file.isScript) }  // unreadable: only a script
            var source = SeenSource()
            if name.lowercased().hasPrefix("main") || UnreadSources.utf16Mentions(bytes, shapeKeywords + reads),
               let reason = Self.unreadableReason(bytes) {
                source.unreadable = reason
            } else if bytes.count < 4096, let reason = Self.unreadableReason(bytes), reason.hasPrefix("empty") {
                source.blank = reason
            }
            source.mentionsReads = keywords.contains(where: { ByteText.contains(bytes, $0) })
            source.plain = ext != "hpp" && !source.mentionsReads
            if source.mentionsReads {
                source.otherFamily = otherFamilyFolder(url, top: top)
                // A header joins the project that holds it; it does not make one (a C++ library's `pwr.hpp`).
                if source.otherFamily == nil && ext != "hpp" {
                    source.definesClock = ByteText.definesFunction(Array("SystemClock_Config".utf8), in: bytes)
                    source.fallbackClock = fallbackClockWords.contains(where: { ByteText.contains(bytes, $0) })
                    source.registerClock = !source.fallbackClock && registerClockWords.contains(where: { ByteText.contains(bytes, $0) })
                }
            }
            file.kind = .source(source)
        } else if ext == "s" && PathText.namesStartup(name) {
            file.kind = .startup
        }
        return file
    }

    /// The innermost root holding `path` (its folders walked upwards: the cost follows the path's depth, not
    /// the number of projects, so thousands of projects in one tree stay linear).
    static func innermost(of path: String, in roots: Set<String>, orSelf: Bool) -> String? {
        if orSelf, roots.contains(path) { return path }
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            let candidate = folder.isEmpty ? "/" : String(folder)
            if roots.contains(candidate) { return candidate }
        }
        return nil
    }

    /// A script belongs to the innermost project holding it; one outside every project (a repository's
    /// `tools/flash.sh`) to the projects nearest to it.
    static func assignScripts(_ scripts: [URL], to projects: inout [String: ProjectFiles]) {
        let roots = projects.keys.sorted()
        let rootSet = Set(roots)
        for script in scripts {
            if let owner = innermost(of: script.path, in: rootSet, orSelf: false) {
                projects[owner]?.scripts.append(script)
                continue
            }
            let nearest = roots.map { commonPrefix($0, script.path) }.max() ?? 0
            for r in roots where commonPrefix(r, script.path) == nearest { projects[r]?.scripts.append(script) }
        }
    }

    /// The most C files without a word the rules read that a register-level project parses (a bare-metal tree has
    /// tens; a multi-target tree's hundreds are not one reset path).
    static let plainSourceLimit = 200

    /// C and C++ sources (and C++ headers, which may hold inline set-up code), by lower-cased extension.
    static let sourceExtensions: Set<String> = ["c", "cpp", "cc", "cxx", "hpp"]

    /// A `platformio.ini` for ST's platform: a project of its own even when all its set-up is the framework's.
    static func isPlatformIOProject(_ url: URL) -> Bool {
        guard url.lastPathComponent == "platformio.ini", let bytes = readPrefix(url) else { return false }
        return ByteText.contains(bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, Array("ststm32".utf8))
    }

    /// Linker scripts: with build files, startup files and `.ioc`s they anchor a project's root.
    static let linkerExtensions: Set<String> = ["ld", "lds", "icf", "sct"]

    /// A root with no build file and no `.ioc` in it moves up to the nearest folder that holds a build file
    /// (a Makefile at the top compiling `Code/...`), unless another root lies in that folder too.
    static func underBuildFile(_ roots: Set<String>, builds: [String], iocRoots: Set<String>, top: String) -> Set<String> {
        let buildFolders = Set(builds.map { ($0 as NSString).deletingLastPathComponent })
        // Every folder holding a build file at any depth, so each root's question is one look-up.
        var holdingBuilds = buildFolders
        for folder in buildFolders {
            var above = Substring(folder)
            while let slash = above.lastIndex(of: "/"), slash != above.startIndex {
                above = above[..<slash]
                guard holdingBuilds.insert(String(above)).inserted else { break }
            }
        }
        func within(_ path: String, _ dir: String) -> Bool { path == dir || path.hasPrefix(dir + "/") }
        var result = Set<String>()
        for r in roots {
            guard !iocRoots.contains(r), !holdingBuilds.contains(r) else { result.insert(r); continue }
            var dir = r, chosen = r
            while dir != top && within(dir, top) {
                dir = (dir as NSString).deletingLastPathComponent
                guard buildFolders.contains(dir) else { continue }
                if roots.allSatisfy({ $0 == r || !within($0, dir) }) { chosen = dir }
                break
            }
            result.insert(chosen)
        }
        return result
    }

    /// A root found from C code that holds no build file, startup file, linker script or `.ioc` (a source folder
    /// with an unusual name, `Core/Scr`) moves up to the nearest folder that holds one, unless that folder also
    /// holds another project that has its own.
    static func anchored(_ roots: Set<String>, anchors: [String], iocRoots: Set<String>, top: String) -> Set<String> {
        // Every folder that holds an anchor at any depth, so each question is one look-up.
        var anchorFolders = Set<String>()
        for anchor in anchors {
            var folder = Substring(anchor)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard anchorFolders.insert(folder.isEmpty ? "/" : String(folder)).inserted else { break }
            }
        }
        func hasAnchor(_ dir: String) -> Bool { anchorFolders.contains(dir) }
        func within(_ path: String, _ dir: String) -> Bool { path == dir || path.hasPrefix(dir + "/") }
        var result = Set<String>()
        for r in roots {
            guard !iocRoots.contains(r), !hasAnchor(r) else { result.insert(r); continue }
            var dir = r, chosen = r
            while dir != top && within(dir, top) {
                dir = (dir as NSString).deletingLastPathComponent
                guard hasAnchor(dir) else { continue }
                let others = roots.filter { $0 != r && within($0, dir) }
                if others.allSatisfy({ !iocRoots.contains($0) && !hasAnchor($0) }) { chosen = dir }
                break
            }
            result.insert(chosen)
        }
        return result
    }

    static let coreFolders: Set<String> = ["cm7", "cm4"]
    static let layoutFolders: Set<String> = ["src", "source", "sources", "inc", "core", "common", "startup", "application", "user",
                                             "app", "cm7", "cm4", "makefile", "stm32cubeide", "sw4stm32",
                                             "mdk-arm", "ewarm", "cubemx"]

    /// The folder a project without an .ioc lives in: up from the file past layout folders.
    static func projectRoot(for source: URL, top: URL, builds: [URL]) -> URL {
        var dir = source.deletingLastPathComponent()
        while dir.path != top.path && dir.path.hasPrefix(top.path) && layoutFolders.contains(dir.lastPathComponent.lowercased()) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    static func nearestConfig(from dir: URL, top: URL, configs: [URL]) -> URL? {
        var current = dir
        while current.path.hasPrefix(top.path) {
            if let config = configs.first(where: { $0.deletingLastPathComponent().path == current.path }) { return config }
            if current.path == top.path { break }
            current = current.deletingLastPathComponent()
        }
        return nil
    }

    static func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a.split(separator: "/"), b.split(separator: "/")).prefix { $0 == $1 }.count
    }


    /// The first 256 KiB of a file (enough to see what a source is about).
    /// Why a C file is not C a compiler reads: empty, UTF-16 (a byte-order mark), or binary (NUL bytes).
    static func unreadableReason(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "empty" }
        if bytes.count < 4096, bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains($0) }) { return "empty (only blanks)" }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return "UTF-16 text, which C compilers do not read (save it as UTF-8)"
        }
        if bytes.prefix(4096).contains(0) { return "binary (contains NUL bytes)" }
        return nil
    }

    static func readPrefix(_ url: URL) -> [UInt8]? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        // An empty file reads as no data at all: that is an empty prefix, not a failure.
        guard let data = try? handle.read(upToCount: 256 * 1024) else { return [] }
        return [UInt8](data)
    }

    /// Walks without following symbolic links; a link is noted and skipped.
    static func walk(_ dir: URL, top: URL, depth: Int, notes: inout [String], visit: (URL) -> Void) {
        guard depth < 24 else { notes.append("\(dir.path): folders nested too deep, not searched further"); return }
        let dirPath = dir.path
        guard let entries = DirectoryEntries.read(dirPath) else {
            notes.append("\(dirPath): cannot read the folder, skipped")
            return
        }
        for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
            guard let type else { continue }
            // Told the type, the URL needs no look at the disk of its own.
            let url = dir.appendingPathComponent(name, isDirectory: type == .typeDirectory)
            if type == .typeSymbolicLink {
                if let target = LinkScope.followedFile(url, top: top) {
                    notes.append("\(PathText.relative(url, to: top.deletingLastPathComponent())): symbolic link to \(target), followed")
                    visit(url)
                } else {
                    notes.append(linkNote(url, top: top))
                }
                continue
            }
            if type == .typeDirectory {
                if skippedFolders.contains(name) || skippedLowercased.contains(name.lowercased()) || name.hasPrefix("cmake-build")
                    || name.hasPrefix(".build") { continue }
                walk(url, top: top, depth: depth + 1, notes: &notes, visit: visit)
            } else if type == .typeRegular {
                visit(url)
            }
        }
    }

}
