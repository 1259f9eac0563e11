import Foundation
@testable import H7Clang
import H7Lint
import H7Model
import Testing

/// The stand-in's fixed part read from a precompiled header: the same facts and findings as reading it as text, on
/// every fixture; a unit it could mislead reads text; a damaged or refused header is made again or read as text.
struct PrecompiledPreludeTests {
    /// Findings, errors, notes and every parsed file's facts of a run, as JSON. Precompiled without a cache folder:
    /// a fresh one, so that the header is made at the first unit (a run of its own makes one only for many units).
    static func outcome(_ path: URL, precompiled: Bool, cache: URL? = nil, ownFolder: Bool = false) throws -> Data {
        let fresh = precompiled && cache == nil && !ownFolder
            ? FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-pch-fresh-\(UUID().uuidString)") : nil
        defer { if let fresh { try? FileManager.default.removeItem(at: fresh) } }
        var checker = Checker(knowledge: TestSupport.knowledge, jobs: 1, cache: (cache ?? fresh).map { FactsCache(directory: $0) })
        checker.precompiledHeaders = precompiled
        let reports = try checker.check(path: path).reports
        struct Outcome: Encodable {
            var findings: [[Finding]]
            var errors: [String]
            var notes: [[ParseProblem]]
            var facts: [[SourceFacts]]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(Outcome(findings: reports.map(\.findings), errors: reports.map { $0.error?.message ?? "" },
                                          notes: reports.map(\.notes),
                                          facts: reports.map { $0.project?.cores.flatMap(\.sources) ?? [] }))
    }

    @Test(arguments: SnapshotTests.fixtureNames)
    func sameAsText(fixture: String) throws {
        let path = TestSupport.fixtures.appendingPathComponent(fixture)
        let text = try Self.outcome(path, precompiled: false)
        let precompiled = try Self.outcome(path, precompiled: true)
        #expect(String(decoding: precompiled, as: UTF8.self) == String(decoding: text, as: UTF8.self))
    }

    /// Without a cache folder the header is made only once ten units of a kind asked (the first ones read text):
    /// over every fixture at once, some kinds reach that and some do not, and the outcome is the same as text.
    @Test func runWithoutCacheFolderMakesItForManyUnits() throws {
        let text = try Self.outcome(TestSupport.fixtures, precompiled: false)
        let own = try Self.outcome(TestSupport.fixtures, precompiled: true, ownFolder: true)
        #expect(String(decoding: own, as: UTF8.self) == String(decoding: text, as: UTF8.self))
    }

    func project(defines: String, supply: String = "PWR_DIRECT_SMPS_SUPPLY", headers: [String: String] = [:]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-pch-\(UUID().uuidString)")
        let files = [
            "Makefile": "C_DEFS = -DSTM32H743xx -DUSE_HAL_DRIVER \(defines)\nC_INCLUDES = -ICore/Inc\n",
            "Core/Inc/main.h": "#include <stdint.h>\n",
            "Core/Src/main.c": "#include \"main.h\"\nvoid SystemClock_Config(void)\n{\n  HAL_PWREx_ConfigSupply(\(supply));\n}\n",
            ".h7lint.yml": "board: NUCLEO-H743ZI\n",
        ].merging(headers) { _, new in new }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    func pchFiles(_ cache: URL) -> [URL] {
        let folder = cache.appendingPathComponent("pch")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".pch") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Removes the parse cache's entries (not the headers), so that the next run parses again.
    func dropFacts(_ cache: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: cache.path) where name.hasSuffix(".json") {
            try FileManager.default.removeItem(at: cache.appendingPathComponent(name))
        }
    }

    /// A `-D` of a name the stand-in defines applies before the stand-in as text (which redefines it) but after the
    /// header: such a unit reads text. Here the build gives PWR_LDO_SUPPLY a value of its own; as text the
    /// stand-in's value wins.
    @Test func defineOfAStandInNameReadsText() throws {
        let root = try project(defines: "-DPWR_LDO_SUPPLY=0x99 -DDEBUG", supply: "PWR_LDO_SUPPLY")
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-pch-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: cache) }
        let text = try Self.outcome(root, precompiled: false)
        #expect(try Self.outcome(root, precompiled: true, cache: cache) == text)
        let made = try #require(pchFiles(cache).first)
        let header = try JSONDecoder().decode(PrecompiledPreludes.Header.self,
                                              from: Data(contentsOf: URL(fileURLWithPath: made.path + ".json")))
        let store = PrecompiledPreludes(cacheDirectory: cache)
        let admits = { (defines: [String]) in store.admits(header, defines: defines, includePaths: []) }
        #expect(!admits(["-DPWR_LDO_SUPPLY=0x99"]))
        #expect(!admits(["-DHAL_PWREx_ConfigSupply=my_supply"]))   // a declared name
        #expect(!admits(["-DSTM32H743xx=1"]))                      // the part's define, spelled otherwise
        #expect(admits(["-DSTM32H743xx", "-DCORE_CM7", "-DDEBUG", "-DUSE_HAL_DRIVER", "-DPWR_DIRECT_SMPS_SUPPLY=1"]))
        let folder = root.appendingPathComponent("Core/Inc").path
        #expect(store.admits(header, defines: [], includePaths: [folder]))
        try "".write(toFile: folder + "/stdint.h", atomically: true, encoding: .utf8)
        #expect(!PrecompiledPreludes(cacheDirectory: cache).admits(header, defines: [], includePaths: [folder]))
    }

    /// A project folder on `-I` with its own stdint.h would win over the one precompiled: such a unit reads text.
    @Test func projectSystemHeaderReadsText() throws {
        let root = try project(defines: "", headers: ["Core/Inc/stdint.h": "#define PWR_DIRECT_SMPS_SUPPLY PWR_LDO_SUPPLY\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Self.outcome(root, precompiled: true) == (try Self.outcome(root, precompiled: false)))
    }

    /// One header per part and core, kept in the cache folder and read again by the next run; flipped bytes or a
    /// header clang refuses are dropped and the findings stay the same.
    @Test func keptMadeAgainWhenDamaged() throws {
        let root = try project(defines: "")
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-pch-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: cache) }
        let text = try Self.outcome(root, precompiled: false)
        #expect(try Self.outcome(root, precompiled: true, cache: cache) == text)
        let made = pchFiles(cache)
        try #require(made.count == 1)
        let original = try Data(contentsOf: made[0])

        // Flipped bytes: the checksum beside it no longer matches, so it is made again.
        var damaged = original
        for i in stride(from: 1000, to: damaged.count, by: 4096) { damaged[i] ^= 0xFF }
        try damaged.write(to: made[0])
        try dropFacts(cache)
        #expect(try Self.outcome(root, precompiled: true, cache: cache) == text)
        #expect(try Data(contentsOf: made[0]).count == original.count)
        #expect(try Data(contentsOf: made[0]) != damaged)

        // A header clang refuses although the checksum matches (cut short): read as text, and removed.
        let stale = try Data(contentsOf: made[0]).prefix(100) + Data(repeating: 0, count: 100)
        try stale.write(to: made[0])
        var meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: made[0].path + ".json"))) as! [String: Any]
        meta["checksum"] = PrecompiledPreludes.checksum(stale)
        try JSONSerialization.data(withJSONObject: meta).write(to: URL(fileURLWithPath: made[0].path + ".json"))
        try dropFacts(cache)
        #expect(try Self.outcome(root, precompiled: true, cache: cache) == text)
        #expect(pchFiles(cache).isEmpty)
    }

    /// The next run reads the header made by the first (the file is not written again: a header made again is a new
    /// file renamed over it; using it only touches its time, for pruning); another part or core is another header.
    @Test func onePerPartAndCoreKeptBetweenRuns() throws {
        let h743 = try project(defines: "")
        let h745 = try project(defines: "-DSTM32H745xx -DCORE_CM4")
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-pch-cache-\(UUID().uuidString)")
        defer { for url in [h743, h745, cache] { try? FileManager.default.removeItem(at: url) } }
        _ = try Self.outcome(h743, precompiled: true, cache: cache)
        let first = try #require(pchFiles(cache).first)
        let written = try #require(try FileManager.default.attributesOfItem(atPath: first.path)[.systemFileNumber] as? Int)
        try dropFacts(cache)
        _ = try Self.outcome(h743, precompiled: true, cache: cache)
        #expect(pchFiles(cache) == [first])
        #expect(try FileManager.default.attributesOfItem(atPath: first.path)[.systemFileNumber] as? Int == written)
        _ = try Self.outcome(h745, precompiled: true, cache: cache)
        #expect(pchFiles(cache).count == 2)
    }

    /// Identifiers of C text: comments, strings and character literals are not code.
    @Test func identifiersLeaveOutCommentsAndLiterals() {
        let found = CIdentifiers.in("#define A_1 (0x10UL) /* B */ // C\nint d = 'e' + sizeof(\"f\\\"g\");\n")
        #expect(found == ["define", "A_1", "int", "d", "sizeof"])
    }
}
