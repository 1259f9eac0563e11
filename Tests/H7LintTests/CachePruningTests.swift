import Foundation
import H7Clang
import H7Lint
import H7Model
import Testing

/// The cache folder does not grow for good: entries neither written nor used for 30 days go, and so do temporary
/// files of stopped runs; libclang's record stays; a used entry starts its age again; the folder is looked at once
/// a day.
struct CachePruningTests {
    static func age(_ path: String, days: Double) {
        let when = timeval(tv_sec: time(nil) - Int(days * 24 * 3600), tv_usec: 0)
        var times = [when, when]
        _ = utimes(path, &times)
    }

    static let h1 = String(repeating: "a1", count: 16), h2 = String(repeating: "b2", count: 16)

    @Test func oldEntriesAndLeftoversGo() throws {
        let cache = ResultCacheTests.temporary("prune")
        defer { try? FileManager.default.removeItem(at: cache) }
        let (h1, h2) = (Self.h1, Self.h2)
        let old = ["\(h1).json", "pch/\(h1).pch", "pch/\(h1).pch.json", "results/\(h1)/\(h2)"]
        let foreign = ["notes.txt", "old.json", "libclang.record", "pch/other.pch", "results/mine/\(h2)"]
        let young = ["\(h2).json", "results/\(h1)/\(h1)", ".\(h2).0C6F.tmp"]
        let leftover = ".\(h1).5E1A.tmp"
        try ResultCacheTests.write(Dictionary(uniqueKeysWithValues: (old + foreign + young + [leftover]).map { ($0, "x") }), in: cache)
        let path = { (name: String) in cache.appendingPathComponent(name).path }
        for name in old + foreign { Self.age(path(name), days: 40) }
        Self.age(path(leftover), days: 2)
        #expect(CachePruning.pruneIfDue(cache) == old.count + 1)
        let left = Set((old + foreign + young + [leftover, "pruned"]).filter { FileManager.default.fileExists(atPath: path($0)) })
        // Only h7lint's own names are ever removed: another file in a --cache-dir folder stays, however old.
        #expect(left == Set(foreign + young + ["pruned"]))
        // Once a day: an entry that ages now stays until the next day's look (two days on, the young temporary file
        // is a leftover too).
        Self.age(path("\(h2).json"), days: 40)
        #expect(CachePruning.pruneIfDue(cache) == 0)
        #expect(CachePruning.pruneIfDue(cache, now: Date().timeIntervalSince1970 + 2 * 24 * 3600) == 2)
    }

    /// A parse entry and a kept report answered from the cache are young again, so pruning keeps what is in use.
    @Test func usedEntriesStay() throws {
        let folder = ResultCacheTests.temporary("used")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try ResultCacheTests.project(in: folder)
        let cache = folder.appendingPathComponent("cache")
        _ = try ResultCacheTests.checker(cache: cache).check(path: root)
        let facts = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".json") }
        let entries = facts.map { cache.appendingPathComponent($0).path } + ResultCacheTests.entries(cache).map(\.path)
        #expect(entries.count == 2)  // main.c's facts and the project's report
        for entry in entries { Self.age(entry, days: 40) }
        _ = try ResultCacheTests.checker(cache: cache).check(path: root)  // the kept report answers
        var checker = ResultCacheTests.checker(cache: cache, keep: false)
        checker.precompiledHeaders = false
        _ = try checker.check(path: root)                                 // the parse entries answer
        #expect(CachePruning.pruneIfDue(cache) == 0)
        #expect(entries.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }
}
