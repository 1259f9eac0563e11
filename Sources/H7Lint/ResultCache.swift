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
/// Beside each stamp it keeps a digest (a file's contents, a folder's names): where a stamp differs, the digest
/// decides (as git does), so a fresh checkout of the same tree (CI) is still answered, and the entry takes the new
/// stamps. A report is not kept when a watched file changed less than `racyWindow` seconds
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
    static let magic = "h7lint-result 2"
    /// Files larger than this are watched by their stamp alone (a build output inside the project is not read).
    static let digestLimit = 8 << 20

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

    /// One watched path: its stamp ("-" when absent) and digest when the entry was made.
    struct Watched {
        var stamp: String
        var digest: String
        var path: String
    }

    /// The kept report, when every watched path still has its stamp or, failing that, its digest.
    func lookup(_ files: ProjectFiles, name: String, knowledge: Knowledge) -> ProjectReport? {
        let url = directory.appendingPathComponent(key(files, name: name))
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let bytes = [UInt8](data)
        // First line: magic and checksum; then "stamp\tdigest\tpath" lines; an empty line; the report as JSON.
        guard let firstEnd = bytes.firstIndex(of: 0x0A) else { return nil }
        let first = String(decoding: bytes[..<firstEnd], as: UTF8.self)
        let rest = bytes[(firstEnd + 1)...]
        guard first == Self.magic + " " + Self.checksum(rest) else { return nil }
        var index = rest.startIndex, now: [Watched] = [], restamped = false, newest = 0.0
        while index < rest.endIndex {
            guard let end = rest[index...].firstIndex(of: 0x0A) else { return nil }
            if end == index { index = end + 1; break }
            let fields = rest[index..<end].split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            let kept = Watched(stamp: String(decoding: fields[0], as: UTF8.self), digest: String(decoding: fields[1], as: UTF8.self),
                               path: String(decoding: fields[2], as: UTF8.self))
            // The stamp is taken before the digest: a change after it shows as another stamp next time.
            let (stamp, changed) = Self.look(kept.path)
            if stamp != kept.stamp {
                guard kept.digest != Self.unknown, digest(kept.path) == kept.digest else { return nil }
                restamped = true
                newest = max(newest, changed)
            }
            now.append(Watched(stamp: stamp, digest: kept.digest, path: kept.path))
            index = end + 1
        }
        let body = Array(rest[index...])
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(body)),
              let report = stored.report(name: name, root: files.root, knowledge: knowledge) else { return nil }
        if restamped, newest < Self.now() - racyWindow {
            write(now, body: body, to: url)
        } else {
            CachePruning.touch(url.path)
        }
        return report
    }

    /// Keeps `report` (best effort) when it can be watched whole; `read` is what its check noted, `started` when it began.
    func store(_ report: ProjectReport, files: ProjectFiles, name: String, read: ReadLog, started: Double, knowledge: Knowledge) {
        guard report.error == nil, read.complete, var paths = Self.walk(files.root.path, skipping: cacheRoot) else { return }
        paths.formUnion(read.paths.map { $0.hasPrefix("/") ? $0 : files.root.appendingPathComponent($0).path })
        var watched: [Watched] = []
        for path in paths.sorted() {
            // A name with a line break or tab cannot be written in an entry's lines: not kept rather than not watched.
            if path.utf8.contains(0x0A) || path.utf8.contains(0x09) { return }
            // The digest first: a change after it shows in the stamp's times, which must be older than the check.
            let digest = digest(path)
            let (stamp, changed) = Self.look(path)
            if changed >= started - racyWindow { return }
            watched.append(Watched(stamp: stamp, digest: digest, path: path))
        }
        let stored = Stored(report)
        // Only what reads back the same is kept (a field a type leaves out of its coding would be lost).
        guard let body = try? JSONEncoder().encode(stored),
              let back = try? JSONDecoder().decode(Stored.self, from: body),
              back.report(name: name, root: files.root, knowledge: knowledge) == report else { return }
        let starts = !FileManager.default.fileExists(atPath: directory.path)
        write(watched, body: [UInt8](body), to: directory.appendingPathComponent(key(files, name: name)))
        if starts { Self.removeStale(besides: directory) }
    }

    private func write(_ watched: [Watched], body: [UInt8], to url: URL) {
        var lines: [UInt8] = []
        for entry in watched { lines += Array("\(entry.stamp)\t\(entry.digest)\t\(entry.path)\n".utf8) }
        lines.append(0x0A)
        lines += body
        CacheFile.replace(url, with: Data((Self.magic + " " + Self.checksum(lines[...]) + "\n").utf8) + Data(lines))
    }

    /// A path's stamp ("-" when absent) and the later of its modification and change times (0 when absent), from one
    /// `stat`: the stamp kept is the one judged fresh enough.
    static func look(_ path: String) -> (stamp: String, changed: Double) {
        var info = stat()
        guard stat(path, &info) == 0 else { return ("-", 0) }
        return (stamp(info), max(seconds(info.st_mtim), seconds(info.st_ctim)))
    }

    /// A digest that never matches: a file too large to read, a device, a pipe.
    static let unknown = "?"

    /// What a path holds now: "f" and a hash of a regular file's bytes, "d" and a hash of a folder's names (the cache
    /// folder left out), "-" when absent, `unknown` otherwise.
    func digest(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "-" }
        switch info.st_mode & S_IFMT {
        case S_IFREG where info.st_size <= Self.digestLimit:
            guard let data = FileManager.default.contents(atPath: path) else { return Self.unknown }
            var hash = StableHash()
            data.withUnsafeBytes { hash.addWords($0) }
            return "f" + hash.hex
        case S_IFDIR:
            guard let entries = DirectoryEntries.read(path) else { return Self.unknown }
            return "d" + StableHash.of(names: entries.map(\.name).filter { path + "/" + $0 != cacheRoot })
        default:
            return Self.unknown
        }
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
