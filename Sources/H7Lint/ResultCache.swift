import Foundation
import H7Clang
import H7Model

/// Each project's report kept between runs (`results/` in the cache folder) and reused while nothing it was made
/// from changed, so an unchanged project costs a few `stat`s instead of its build files, facts and rules.
///
/// An entry is keyed by the executable, libclang, the run's options and what discovery found for the project. It
/// watches, by their stamps (device, inode, size, modification and change times): every file and folder under the
/// project's root (a folder's times change when an entry appears or goes) and every file or folder the check read
/// or looked for elsewhere (ReadLog: build files, headers, board profiles, the places a missing include was sought).
/// Any stamp that differs misses. A report is not kept when a watched file changed less than `racyWindow` seconds
/// before the check began (a later change within the same clock tick would keep its stamp), when the check could
/// not name everything it read (a parse over the time limit, a facts entry not written), or when it failed.
public final class ResultCache: @unchecked Sendable {
    private let directory: URL
    /// The cache folder, never watched (a cache inside a project would otherwise change with every entry).
    private let cacheRoot: String
    private let identity: String
    private let racyWindow: Double
    /// Projects with more entries under their root are checked every time (their stamps would cost more than a check).
    static let walkLimit = 20_000
    static let magic = "h7lint-result 1"

    /// nil when the executable cannot be identified (its stamp is part of every key).
    /// `options`: everything of the run that changes a report (board, header mode, rule selection, config override).
    public init?(cacheDirectory: URL, options: [String], racyWindow: Double = 2) {
        guard let executable = Self.stamp("/proc/self/exe") else { return nil }
        var hash = StableHash()
        hash.add(Self.magic)
        hash.add(H7LintVersion.cacheTag)
        hash.add(executable)
        for option in options { hash.add(option) }
        identity = hash.hex
        // One folder per executable and options: a rebuilt or upgraded h7lint starts a new one (and clears old ones).
        directory = cacheDirectory.appendingPathComponent("results").appendingPathComponent(identity)
        cacheRoot = cacheDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        self.racyWindow = racyWindow
    }

    /// The time a check starts, to compare stamps with.
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private func key(_ files: ProjectFiles, name: String) -> String {
        var hash = StableHash()
        hash.add(identity)
        hash.add(ClangResources.keyText)
        hash.add(name)
        hash.add(files.root.path)
        for list in [files.iocFiles, files.buildFiles, files.sources, files.startupFiles, files.scripts] {
            for url in list { hash.add(url.path) }
            hash.add([1])
        }
        hash.add(files.configFile?.path ?? "-")
        for (url, reason) in files.unreadable { hash.add(url.path); hash.add(reason) }
        return hash.hex
    }

    /// What an entry holds besides the watched stamps: the report without its name and root (the key has them).
    /// Board profiles and findings leave out of their coding what a run sets (a board's variant and origin, a
    /// finding's headline and clocks): kept beside. The device is kept as its part and found again in the knowledge.
    private struct Stored: Codable, Equatable {
        var project: Project?
        var part: Part?
        var boardVariant: String?
        var boardOrigin: String?
        var headlines: [String?]
        var clocks: [[String]]
        var findings: [Finding]
        var notes: [ParseProblem]
        var config: ProjectConfig?
        var suppressed: Int
        var supply: [Assumptions.SupplyOrigin]
        var readFiles: Set<String>

        init(_ report: ProjectReport) {
            project = report.project
            part = project?.device?.part
            project?.device = nil
            boardVariant = report.project?.board?.selectedVariant
            boardOrigin = report.project?.board?.origin
            headlines = report.findings.map(\.headline)
            clocks = report.findings.map(\.clocks)
            findings = report.findings
            notes = report.notes
            config = report.config
            suppressed = report.suppressed
            supply = report.supply
            readFiles = report.readFiles
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            project = try container.decodeIfPresent(Project.self, forKey: .project)
            part = try container.decodeIfPresent(Part.self, forKey: .part)
            boardVariant = try container.decodeIfPresent(String.self, forKey: .boardVariant)
            boardOrigin = try container.decodeIfPresent(String.self, forKey: .boardOrigin)
            headlines = try container.decode([String?].self, forKey: .headlines)
            clocks = try container.decode([[String]].self, forKey: .clocks)
            findings = try container.decode([Finding].self, forKey: .findings)
            guard headlines.count == findings.count, clocks.count == findings.count else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "findings"))
            }
            for index in findings.indices {
                findings[index].headline = headlines[index]
                findings[index].clocks = clocks[index]
            }
            notes = try container.decode([ParseProblem].self, forKey: .notes)
            config = try container.decodeIfPresent(ProjectConfig.self, forKey: .config)
            suppressed = try container.decode(Int.self, forKey: .suppressed)
            supply = try container.decode([Assumptions.SupplyOrigin].self, forKey: .supply)
            readFiles = try container.decode(Set<String>.self, forKey: .readFiles)
            project?.board?.selectedVariant = boardVariant
            project?.board?.origin = boardOrigin
        }

        /// nil when the knowledge no longer has the part.
        func report(name: String, root: URL, knowledge: Knowledge) -> ProjectReport? {
            var project = project
            if let part {
                guard let device = knowledge.device(part: part) else { return nil }
                project?.device = device
            }
            return ProjectReport(name: name, root: root, project: project, findings: findings, error: nil, notes: notes,
                                 config: config, suppressed: suppressed, supply: supply, readFiles: readFiles)
        }
    }

    /// The kept report, when every watched stamp still holds.
    func lookup(_ files: ProjectFiles, name: String, knowledge: Knowledge) -> ProjectReport? {
        let path = directory.appendingPathComponent(key(files, name: name)).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        // First line: magic and checksum; then "stamp\tpath" lines; an empty line; the report as JSON.
        guard let firstEnd = bytes.firstIndex(of: 0x0A) else { return nil }
        let first = String(decoding: bytes[..<firstEnd], as: UTF8.self)
        let rest = bytes[(firstEnd + 1)...]
        guard first == Self.magic + " " + Self.checksum(rest) else { return nil }
        var index = rest.startIndex
        while index < rest.endIndex {
            guard let end = rest[index...].firstIndex(of: 0x0A) else { return nil }
            if end == index { index = end + 1; break }
            guard let tab = rest[index..<end].firstIndex(of: 0x09) else { return nil }
            let stamp = String(decoding: rest[index..<tab], as: UTF8.self)
            let watched = String(decoding: rest[(tab + 1)..<end], as: UTF8.self)
            guard (Self.stamp(watched) ?? "-") == stamp else { return nil }
            index = end + 1
        }
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(rest[index...])) else { return nil }
        CachePruning.touch(path)
        return stored.report(name: name, root: files.root, knowledge: knowledge)
    }

    /// Keeps `report` (best effort) when it can be watched whole; `read` is what its check noted, `started` when it began.
    func store(_ report: ProjectReport, files: ProjectFiles, name: String, read: ReadLog, started: Double, knowledge: Knowledge) {
        guard report.error == nil, read.complete, var watched = Self.walk(files.root.path, skipping: cacheRoot) else { return }
        watched.formUnion(read.paths.map { $0.hasPrefix("/") ? $0 : files.root.appendingPathComponent($0).path })
        var lines: [UInt8] = []
        for path in watched.sorted() where !path.contains("\n") {
            var info = stat()
            let stamp: String
            if stat(path, &info) == 0 {
                if max(Self.seconds(info.st_mtim), Self.seconds(info.st_ctim)) >= started - racyWindow { return }
                stamp = Self.stamp(info)
            } else {
                stamp = "-"
            }
            lines += Array("\(stamp)\t\(path)\n".utf8)
        }
        lines.append(0x0A)
        let stored = Stored(report)
        // Only what reads back the same is kept (a field a type leaves out of its coding would be lost).
        guard let body = try? JSONEncoder().encode(stored),
              let back = try? JSONDecoder().decode(Stored.self, from: body),
              back.report(name: name, root: files.root, knowledge: knowledge) == report else { return }
        lines += [UInt8](body)
        let data = Data((Self.magic + " " + Self.checksum(lines[...]) + "\n").utf8) + Data(lines)
        let starts = !FileManager.default.fileExists(atPath: directory.path)
        CacheFile.replace(directory.appendingPathComponent(key(files, name: name)), with: data)
        if starts { Self.removeStale(besides: directory) }
    }

    /// Entries of other executables or options (folders named by a hash) not written to for `staleAfter` seconds:
    /// removed when a new folder starts (otherwise every upgrade would leave its predecessor's entries behind for good).
    static let staleAfter: Double = 24 * 3600

    static func removeStale(besides kept: URL) {
        let parent = kept.deletingLastPathComponent().path
        for (name, type) in DirectoryEntries.read(parent) ?? []
        where type == .typeDirectory && name != kept.lastPathComponent && name.count == 32 && name.allSatisfy(\.isHexDigit) {
            var info = stat()
            guard stat(parent + "/" + name, &info) == 0, seconds(info.st_mtim) < now() - staleAfter else { continue }
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }

    /// Every file and folder under `root` (the root too), not inside version-control folders or `skipping`; nil past
    /// `walkLimit`.
    static func walk(_ root: String, skipping: String) -> Set<String>? {
        var found: Set<String> = [root], folders = [root]
        while let folder = folders.popLast() {
            guard let entries = DirectoryEntries.read(folder) else { continue }
            for (name, type) in entries where ![".git", ".svn", ".hg"].contains(name) {
                let path = folder + "/" + name
                if path == skipping { continue }
                found.insert(path)
                if type == .typeDirectory { folders.append(path) }
            }
            if found.count > walkLimit { return nil }
        }
        return found
    }

    /// A path's stamp now: "-" when it does not exist.
    public static func stamp(_ path: String) -> String? {
        var info = stat()
        return stat(path, &info) == 0 ? stamp(info) : nil
    }

    static func stamp(_ info: stat) -> String {
        let kind = info.st_mode & S_IFMT == S_IFREG ? "f" : info.st_mode & S_IFMT == S_IFDIR ? "d" : "o"
        return "\(kind)\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):"
            + "\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    private static func seconds(_ time: timespec) -> Double { Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 }

    private static func checksum(_ bytes: ArraySlice<UInt8>) -> String {
        var hash = StableHash()
        hash.add(Array(bytes))
        return hash.hex
    }
}
