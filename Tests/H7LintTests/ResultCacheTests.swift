import Foundation
import H7Clang
@testable import H7Lint
import H7Model
import Testing

/// Whole reports kept between runs: a kept report is the report a check would give, on every fixture; any change
/// to what the check read (in the project, above it, outside it, a header that appears) gives a fresh check; a
/// damaged entry, a report whose files changed just before it was made, or a check that could not name what it
/// read are not used.
struct ResultCacheTests {
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-results-\(name)-\(UUID().uuidString)")
    }

    /// A checker like `check`'s: facts dropped from the reports, a cache, and reports kept (stamps trusted at once
    /// unless `racyWindow` says otherwise).
    static func checker(cache: URL, racyWindow: Double = 0, keep: Bool = true, facts: FactsCache? = nil) -> Checker {
        var checker = Checker(knowledge: TestSupport.knowledge, jobs: 1, cache: facts ?? FactsCache(directory: cache), retainFacts: false)
        if keep { checker.results = ResultCache(cacheDirectory: cache, options: ["test"], racyWindow: racyWindow) }
        return checker
    }

    /// The kept reports, in every executable's folder.
    static func entries(_ cache: URL) -> [URL] {
        let results = cache.appendingPathComponent("results")
        return ((try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []).sorted().flatMap { name in
            let folder = results.appendingPathComponent(name)
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
        }
    }

    static func write(_ files: [String: String], in root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// A Makefile project on NUCLEO-H743ZI (no SMPS) whose supply comes from `supply` through `main.h`.
    static func project(in folder: URL, supply: String = "PWR_EXTERNAL_SOURCE_SUPPLY", includes: String = "",
                        config: Bool = true) throws -> URL {
        let root = folder.appendingPathComponent("proj")
        var files = [
            "Makefile": "C_DEFS = -DSTM32H743xx -DUSE_HAL_DRIVER\nC_INCLUDES = -ICore/Inc \(includes)\n",
            "Core/Inc/main.h": "#define BOARD_SUPPLY \(supply)\n",
            "Core/Src/main.c": "#include \"main.h\"\nvoid SystemClock_Config(void)\n{\n  HAL_PWREx_ConfigSupply(BOARD_SUPPLY);\n}\n",
        ]
        if config { files[".h7lint.yml"] = "board: NUCLEO-H743ZI\n" }
        try write(files, in: root)
        return root
    }

    static func rules(_ reports: [ProjectReport]) -> [String] {
        reports.flatMap { $0.findings.map(\.ruleID) }.sorted()
    }

    /// `root` checked with kept reports in `cache`, then `change` made, then checked again; with the number of
    /// reports kept after the first run.
    static func aroundChange(_ root: URL, cache: URL, change: () throws -> Void) throws
        -> (before: [ProjectReport], kept: Int, after: [ProjectReport]) {
        let before = try checker(cache: cache).check(path: root).reports
        let kept = entries(cache).count
        try change()
        return (before, kept, try checker(cache: cache).check(path: root).reports)
    }

    /// What a check with nothing kept says of `root` now (its cache beside the project, removed with it).
    static func fresh(_ root: URL) throws -> [ProjectReport] {
        try checker(cache: root.deletingLastPathComponent().appendingPathComponent("fresh-\(UUID().uuidString)"), keep: false)
            .check(path: root).reports
    }

    @Test(arguments: SnapshotTests.fixtureNames)
    func keptReportIsTheCheckedOne(fixture: String) throws {
        let path = TestSupport.fixtures.appendingPathComponent(fixture)
        let cache = Self.temporary("fixture")
        defer { try? FileManager.default.removeItem(at: cache) }
        let checked = try Self.checker(cache: cache).check(path: path)
        let facts = FactsCache(directory: cache)
        let kept = try Self.checker(cache: cache, facts: facts).check(path: path)
        #expect(Self.entries(cache).count == checked.reports.filter { $0.error == nil }.count)
        #expect(kept.reports == checked.reports)
        #expect(kept.notes == checked.notes)
        // Every project came from its kept report: no parse was even looked up.
        if checked.reports.allSatisfy({ $0.error == nil }) { #expect(facts.statistics.hits + facts.statistics.misses == 0) }
    }

    @Test func editedSourceIsCheckedAgain() throws {
        let folder = Self.temporary("edit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        // Same size, other scheme: the stamp's times tell it.
        let (before, kept, after) = try Self.aroundChange(root, cache: folder.appendingPathComponent("cache")) {
            try Self.write(["Core/Inc/main.h": "#define BOARD_SUPPLY PWR_LDO_SUPPLY            \n"], in: root)
        }
        #expect(kept == 1)
        #expect(Self.rules(before).contains("H7-PWR-001"))
        #expect(after == (try Self.fresh(root)))
        #expect(!Self.rules(after).contains("H7-PWR-001"))
    }

    @Test func headerOutsideTheProjectIsWatched() throws {
        let folder = Self.temporary("outside")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(["common/supply.h": "#define SHARED_SUPPLY PWR_EXTERNAL_SOURCE_SUPPLY\n"], in: folder)
        let root = try Self.project(in: folder, supply: "SHARED_SUPPLY", includes: "-I../common")
        try Self.write(["Core/Inc/main.h": "#include \"supply.h\"\n#define BOARD_SUPPLY SHARED_SUPPLY\n"], in: root)
        let (before, kept, after) = try Self.aroundChange(root, cache: folder.appendingPathComponent("cache")) {
            try Self.write(["common/supply.h": "#define SHARED_SUPPLY PWR_LDO_SUPPLY\n"], in: folder)
        }
        #expect(Self.rules(before).contains("H7-PWR-001"))
        #expect(kept == 1)
        #expect(!Self.rules(after).contains("H7-PWR-001"))
        #expect(after == (try Self.fresh(root)))
    }

    /// The project removed and copied back (a fresh checkout in CI: every stamp new): answered by the digests, and
    /// the entry takes the new stamps.
    @Test func freshCopyOfTheSameTreeIsAnswered() throws {
        let folder = Self.temporary("copy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        let cache = folder.appendingPathComponent("cache")
        let checked = try Self.checker(cache: cache).check(path: root).reports
        let entry = try #require(Self.entries(cache).first)
        let written = try Data(contentsOf: entry)
        try Self.copyAfresh(root)
        let facts = FactsCache(directory: cache)
        #expect(try Self.checker(cache: cache, facts: facts).check(path: root).reports == checked)
        #expect(facts.statistics.hits + facts.statistics.misses == 0)
        #expect(try Data(contentsOf: entry) != written)  // the new stamps
        let again = FactsCache(directory: cache)
        #expect(try Self.checker(cache: cache, facts: again).check(path: root).reports == checked)
        #expect(again.statistics.hits + again.statistics.misses == 0)
    }

    /// A fresh copy with one file edited (same size): its digest differs, the project is checked again.
    @Test func freshCopyWithAnEditIsCheckedAgain() throws {
        let folder = Self.temporary("copy-edit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        let (before, kept, after) = try Self.aroundChange(root, cache: folder.appendingPathComponent("cache")) {
            try Self.copyAfresh(root)
            try Self.write(["Core/Inc/main.h": "#define BOARD_SUPPLY PWR_LDO_SUPPLY            \n"], in: root)
        }
        #expect(kept == 1)
        #expect(Self.rules(before).contains("H7-PWR-001"))
        #expect(!Self.rules(after).contains("H7-PWR-001"))
        #expect(after == (try Self.fresh(root)))
    }

    /// A file's digest changes with any one byte, in its eight-byte words and in its tail, and not with its place.
    @Test func digestTellsEveryByte() throws {
        let folder = Self.temporary("digest")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let results = try #require(ResultCache(cacheDirectory: folder.appendingPathComponent("cache"), options: ["test"]))
        let (one, two) = (folder.appendingPathComponent("one").path, folder.appendingPathComponent("two").path)
        for count in 0...17 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(FileManager.default.createFile(atPath: one, contents: Data(bytes)))
            #expect(FileManager.default.createFile(atPath: two, contents: Data(bytes)))
            let digest = results.digest(one)
            #expect(digest.hasPrefix("f") && results.digest(two) == digest)
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 0x01
                #expect(FileManager.default.createFile(atPath: two, contents: Data(changed)))
                #expect(results.digest(two) != digest, "\(count) bytes, byte \(index)")
            }
        }
        #expect(results.digest(folder.appendingPathComponent("none").path) == "-")
    }

    /// `root` moved aside and copied back: the same files and folders, every inode and time new.
    static func copyAfresh(_ root: URL) throws {
        let aside = root.deletingLastPathComponent().appendingPathComponent("aside")
        try FileManager.default.moveItem(at: root, to: aside)
        try FileManager.default.copyItem(at: aside, to: root)
        try FileManager.default.removeItem(at: aside)
    }

    /// A header that was looked for and not found, outside the project: when it appears, the project is checked again.
    @Test func missingHeaderThatAppears() throws {
        let folder = Self.temporary("appears")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("common"), withIntermediateDirectories: true)
        let root = try Self.project(in: folder, includes: "-I../common")
        try Self.write(["Core/Inc/main.h": "#include \"late.h\"\n#ifndef LATE\n#define BOARD_SUPPLY PWR_EXTERNAL_SOURCE_SUPPLY\n#else\n#define BOARD_SUPPLY PWR_LDO_SUPPLY\n#endif\n"], in: root)
        let (before, _, after) = try Self.aroundChange(root, cache: folder.appendingPathComponent("cache")) {
            try Self.write(["common/late.h": "#define LATE 1\n"], in: folder)
        }
        #expect(Self.rules(before).contains("H7-PWR-001"))
        #expect(!Self.rules(after).contains("H7-PWR-001"))
    }

    @Test func configAboveTheProjectThatAppears() throws {
        let folder = Self.temporary("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder, config: false)
        // The board named above the project: its wiring is now checked.
        let (before, _, after) = try Self.aroundChange(root, cache: folder.appendingPathComponent("cache")) {
            try Self.write([".h7lint.yml": "board: NUCLEO-H743ZI\n"], in: folder)
        }
        #expect(!Self.rules(before).contains("H7-PWR-001"))
        #expect(Self.rules(after).contains("H7-PWR-001"))
    }

    /// A custom board's profile outside the project (the case h7lint exists for): its wiring changes, the project
    /// is checked again.
    @Test func customBoardProfileOutsideTheProject() throws {
        let folder = Self.temporary("board")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder, config: false)
        try Self.write([".h7lint.yml": "board: ../boards/my-board.yml\n"], in: root)
        let profile = { (scheme: String) in
            "id: MY-BOARD\ndevice: STM32H743xx\nsupply:\n  allowed: [\(scheme)]\n  source: our schematic rev B\n"
        }
        try Self.write(["boards/my-board.yml": profile("ldo")], in: folder)
        let (before, kept, after) = try Self.aroundChange(root, cache: folder.appendingPathComponent("cache")) {
            try Self.write(["boards/my-board.yml": profile("external-source")], in: folder)
        }
        #expect(Self.rules(before).contains("H7-PWR-001"))
        #expect(kept == 1)
        #expect(!Self.rules(after).contains("H7-PWR-001"))
        #expect(after == (try Self.fresh(root)))
    }

    /// A cache folder inside the project (a CI cache kept in the workspace) is not watched: the next run is answered.
    @Test func cacheInsideTheProject() throws {
        let folder = Self.temporary("inside")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        let cache = root.appendingPathComponent(".h7lint-cache")
        let checked = try Self.checker(cache: cache).check(path: root).reports
        #expect(Self.entries(cache).count == 1)
        let facts = FactsCache(directory: cache)
        #expect(try Self.checker(cache: cache, facts: facts).check(path: root).reports == checked)
        #expect(facts.statistics.hits == 0 && facts.statistics.misses == 0)
    }

    /// Files changed less than the window before the check began are not trusted to their stamps: nothing is kept.
    @Test func freshlyChangedFilesAreNotKept() throws {
        let folder = Self.temporary("racy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        let cache = folder.appendingPathComponent("cache")
        _ = try Self.checker(cache: cache, racyWindow: 3600).check(path: root)
        #expect(Self.entries(cache).isEmpty)
    }

    @Test func damagedEntryIsNotUsed() throws {
        let folder = Self.temporary("damaged")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        let cache = folder.appendingPathComponent("cache")
        let before = try Self.checker(cache: cache).check(path: root).reports
        let entry = try #require(Self.entries(cache).first)
        var bytes = [UInt8](try Data(contentsOf: entry))
        // A finding's rule id changed in the kept JSON: still JSON, but not what was written.
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "H7-PWR-001", with: "H7-PWR-009")
        bytes = Array(text.utf8)
        try Data(bytes).write(to: entry)
        let after = try Self.checker(cache: cache).check(path: root).reports
        #expect(after == before)
    }

    /// Another executable's folder not written to for over a day goes when a new one starts; a recent one stays.
    @Test func staleFoldersOfOtherExecutablesAreRemoved() throws {
        let folder = Self.temporary("stale")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        let cache = folder.appendingPathComponent("cache")
        let results = cache.appendingPathComponent("results")
        let (stale, recent) = (String(repeating: "0a", count: 16), String(repeating: "0b", count: 16))
        try Self.write(["\(stale)/entry": "x", "\(recent)/entry": "x", "mine/entry": "x"], in: results)
        let old = timeval(tv_sec: time(nil) - 2 * 24 * 3600, tv_usec: 0)
        var times = [old, old]
        for name in [stale, "mine"] { #expect(utimes(results.appendingPathComponent(name).path, &times) == 0) }
        _ = try Self.checker(cache: cache).check(path: root)
        let left = try FileManager.default.contentsOfDirectory(atPath: results.path).sorted()
        #expect(left.count == 3)  // the recent one, a folder not named by h7lint, and this run's
        #expect(left.contains(recent) && left.contains("mine") && !left.contains(stale))
    }

    @Test func checkThatCouldNotNameItsReadsIsNotKept() throws {
        let folder = Self.temporary("incomplete")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try Self.project(in: folder)
        let cache = folder.appendingPathComponent("cache")
        let report = try #require(try Self.checker(cache: folder.appendingPathComponent("other")).check(path: root).reports.first)
        let results = try #require(ResultCache(cacheDirectory: cache, options: ["test"], racyWindow: 0))
        let files = ProjectFiles(root: report.root)
        let (_, incomplete) = ReadLog.record { ReadLog.markIncomplete() }
        results.store(report, files: files, name: report.name, read: incomplete, started: ResultCache.now(), knowledge: TestSupport.knowledge)
        #expect(Self.entries(cache).isEmpty)
        let (_, complete) = ReadLog.record { ReadLog.note(root.path) }
        results.store(report, files: files, name: report.name, read: complete, started: ResultCache.now(), knowledge: TestSupport.knowledge)
        #expect(Self.entries(cache).count == 1)
        #expect(results.lookup(files, name: report.name, knowledge: TestSupport.knowledge) == report)
    }
}
