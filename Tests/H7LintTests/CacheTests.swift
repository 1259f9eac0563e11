import Foundation
import H7Lint
import H7Model
import Testing

/// The parse cache: an unchanged project is answered from it; any change to a parsed file, a header
/// it includes, the build flags or h7lint's version misses; configuration is applied after it.
struct CacheTests {
    let project: URL
    let cacheDir: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-cache-\(UUID().uuidString)")
        project = base.appendingPathComponent("proj")
        cacheDir = base.appendingPathComponent("cache")
        let files = [
            "Makefile": "C_DEFS = \\\n-DSTM32H745xx \\\n-DCORE_CM7\n",
            "Core/Inc/main.h": "#define MY_SUPPLY PWR_LDO_SUPPLY\n",
            "Core/Src/main.c": "#include \"main.h\"\nvoid SystemClock_Config(void)\n{\n  if (HAL_PWREx_ConfigSupply(MY_SUPPLY) != HAL_OK) { Error_Handler(); }\n}\n",
            ".h7lint.yml": "board: NUCLEO-H745ZI-Q\n",
        ]
        for (path, text) in files { try write(text, to: path) }
        // The Makefile names the include folder.
        try write("C_DEFS = \\\n-DSTM32H745xx \\\n-DCORE_CM7\nC_INCLUDES = \\\n-ICore/Inc\n", to: "Makefile")
    }

    func write(_ text: String, to path: String) throws {
        let url = project.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func run() throws -> (ids: [String], hits: Int, misses: Int) {
        let cache = FactsCache(directory: cacheDir)
        let reports = try Checker(knowledge: TestSupport.knowledge, jobs: 1, cache: cache).check(path: project).reports
        let stats = cache.statistics
        return (reports.flatMap(\.findings).filter { $0.severity >= .warning }.map(\.ruleID).sorted(), stats.hits, stats.misses)
    }

    @Test func unchangedProjectHitsAndChangesMiss() throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = try run()
        #expect(first.ids == ["H7-PWR-001"])
        #expect(first.hits == 0 && first.misses == 1)

        let second = try run()
        #expect(second.ids == first.ids)
        #expect(second.hits == 1 && second.misses == 0)

        // A header the unit includes changes: miss, and the new value is seen.
        try write("#define MY_SUPPLY PWR_DIRECT_SMPS_SUPPLY\n", to: "Core/Inc/main.h")
        let third = try run()
        #expect(third.misses == 1)
        #expect(third.ids == [])

        // The parsed file itself changes.
        try write("#include \"main.h\"\nvoid SystemClock_Config(void)\n{\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n}\n", to: "Core/Src/main.c")
        let fourth = try run()
        #expect(fourth.misses == 1)
        #expect(fourth.ids == ["H7-PWR-001"])

        // The build flags change (one more define; another part would now stop at the board, which is for the H745): miss.
        try write("C_DEFS = \\\n-DSTM32H745xx \\\n-DCORE_CM7 \\\n-DDEBUG\nC_INCLUDES = \\\n-ICore/Inc\n", to: "Makefile")
        #expect(try run().misses == 1)

        // Configuration is applied after the cache: a different board changes the verdict on a hit.
        try write("C_DEFS = \\\n-DSTM32H745xx \\\n-DCORE_CM7\nC_INCLUDES = \\\n-ICore/Inc\n", to: "Makefile")
        _ = try run()
        try write("board: NUCLEO-H745ZI-Q:ldo-rework\n", to: ".h7lint.yml")
        let reworked = try run()
        #expect(reworked.hits == 1)
        #expect(reworked.ids == [])
    }

    /// A fresh checkout of the same tree (every file and folder with new times, as a CI job's) keeps every parse
    /// entry: a folder where a header was looked for is stamped by the names in it, not by its time.
    @Test func freshCopyOfTheSameTreeHits() throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = try run()
        #expect(first.misses == 1)
        let saved = project.deletingLastPathComponent().appendingPathComponent("saved")
        try FileManager.default.copyItem(at: project, to: saved)
        try FileManager.default.removeItem(at: project)
        try FileManager.default.copyItem(at: saved, to: project)
        let again = try run()
        #expect(again.hits == 1 && again.misses == 0)
        #expect(again.ids == first.ids)
    }

    /// A header that was missing when the entry was written and appears later makes the entry stale.
    @Test func headerAppearingLaterMisses() throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try write("#include \"local_supply.h\"\n#ifndef MY_SUPPLY\n#define MY_SUPPLY PWR_DIRECT_SMPS_SUPPLY\n#endif\nvoid SystemClock_Config(void)\n{\n  if (HAL_PWREx_ConfigSupply(MY_SUPPLY) != HAL_OK) { Error_Handler(); }\n}\n", to: "Core/Src/main.c")
        #expect(try run().ids == [])
        #expect(try run().hits == 1)
        try write("#define MY_SUPPLY PWR_LDO_SUPPLY\n", to: "Core/Inc/local_supply.h")
        let after = try run()
        #expect(after.misses == 1)
        #expect(after.ids == ["H7-PWR-001"])
    }

    /// Issue 23, item 11: a header that appears earlier in the search order than the one the unit read (beside the
    /// includer, or in an `-I` folder listed before) is what the compiler would read now: the entry misses.
    @Test(arguments: ["Core/Src/local_supply.h", "Core/Override/local_supply.h"])
    func headerEarlierInTheSearchOrderMisses(shadow: String) throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try write("C_DEFS = \\\n-DSTM32H745xx \\\n-DCORE_CM7\nC_INCLUDES = \\\n-ICore/Override \\\n-ICore/Inc\n", to: "Makefile")
        try write("#define MY_SUPPLY PWR_LDO_SUPPLY\n", to: "Core/Inc/local_supply.h")
        try write("#include \"local_supply.h\"\nvoid SystemClock_Config(void)\n{\n  if (HAL_PWREx_ConfigSupply(MY_SUPPLY) != HAL_OK) { Error_Handler(); }\n}\n", to: "Core/Src/main.c")
        #expect(try run().ids == ["H7-PWR-001"])
        #expect(try run().hits == 1)
        try write("#define MY_SUPPLY PWR_DIRECT_SMPS_SUPPLY\n", to: shadow)
        let after = try run()
        #expect(after.misses == 1)
        #expect(after.ids == [])
    }

    /// A `__has_include` target that appears changes the branch the preprocessor takes: the entry misses.
    @Test func hasIncludeTargetAppearingMisses() throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try write("#if __has_include(\"smps_board.h\")\n#define MY_SUPPLY PWR_DIRECT_SMPS_SUPPLY\n#else\n#define MY_SUPPLY PWR_LDO_SUPPLY\n#endif\nvoid SystemClock_Config(void)\n{\n  if (HAL_PWREx_ConfigSupply(MY_SUPPLY) != HAL_OK) { Error_Handler(); }\n}\n", to: "Core/Src/main.c")
        #expect(try run().ids == ["H7-PWR-001"])
        #expect(try run().hits == 1)
        try write("/* this board is wired for direct SMPS */\n", to: "Core/Inc/smps_board.h")
        let after = try run()
        #expect(after.misses == 1)
        #expect(after.ids == [])
    }

    /// An entry changed on disk but still valid JSON (one letter of a function name) fails its checksum.
    @Test func alteredEntryIsDropped() throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let (entry, text) = try onlyEntry()
        let altered = text.replacingOccurrences(of: "\"SystemClock_Config\"", with: "\"SystemClock_Confix\"")
        #expect(altered != text)
        try altered.write(to: entry, atomically: true, encoding: .utf8)
        let again = try run()
        #expect(again.misses == 1 && again.hits == 0)
    }

    /// Checks the project once and returns its one cache entry and the entry's text.
    func onlyEntry(sourceLocation: SourceLocation = #_sourceLocation) throws -> (URL, String) {
        _ = try run()
        let entries = try FileManager.default.contentsOfDirectory(at: cacheDir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(entries.count == 1, sourceLocation: sourceLocation)
        let entry = try #require(entries.first, sourceLocation: sourceLocation)
        return (entry, try String(contentsOf: entry, encoding: .utf8))
    }

    /// An entry in the format before the header line (one JSON object: version, dependencies, facts,
    /// checksum) is a miss, is written again in the current format, and then hits.
    @Test func entryOfTheEarlierFormatIsParsedAgain() throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let (entry, text) = try onlyEntry()
        guard let cut = text.firstIndex(of: "\n") else { Issue.record("no header line"); return }
        let header = text[..<cut].dropLast()  // without its closing brace
        let earlier = header + ",\"facts\":" + text[text.index(after: cut)...] + "}"
        try String(earlier).write(to: entry, atomically: true, encoding: .utf8)
        let again = try run()
        #expect(again.misses == 1 && again.hits == 0)
        #expect(again.ids == ["H7-PWR-001"])
        #expect(try String(contentsOf: entry, encoding: .utf8) == text)
        #expect(try run().hits == 1)
    }

    /// Rules/ changed under the same h7lint (`--rules`, or a knowledge edit before a rebuild): what the front end
    /// takes from it (identifier values, the calls it recovers) is part of the key, so the file is parsed again.
    @Test func changedKnowledgeMisses() throws {
        let base = project.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(try run().misses == 1)
        let rules = base.appendingPathComponent("Rules")
        try FileManager.default.copyItem(at: TestSupport.repository.appendingPathComponent("Rules"), to: rules)
        let catalogue = rules.appendingPathComponent("catalog/H7-CLK-001.yml")
        let text = try String(contentsOf: catalogue, encoding: .utf8)
        try text.replacingOccurrences(of: "reads: ['HAL_RCC_OscConfig',", with: "reads: ['HAL_RCC_OscConfig', 'LL_RCC_MadeUp',")
            .write(to: catalogue, atomically: true, encoding: .utf8)
        let cache = FactsCache(directory: cacheDir)
        _ = try Checker(knowledge: try Knowledge(directory: rules), jobs: 1, cache: cache).check(path: project)
        #expect(cache.statistics.misses == 1 && cache.statistics.hits == 0)
        #expect(try run().hits == 1, "the built-in knowledge's entry is still there")
    }

    @Test func entryOfAnotherVersionIsIgnored() throws {
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let (entry, written) = try onlyEntry()
        let text = written.replacingOccurrences(of: "\"version\":\"\(H7LintVersion.cacheTag)\"", with: "\"version\":\"0.0.0-other\"")
        try text.write(to: entry, atomically: true, encoding: .utf8)
        #expect(try run().misses == 1)
    }
}

/// Many projects on several threads: the same reports, in the same order, as one thread.
struct ParallelTests {
    @Test func jobsDoNotChangeTheResult() throws {
        func run(_ jobs: Int) throws -> [String] {
            let reports = try Checker(knowledge: TestSupport.knowledge, jobs: jobs).check(path: TestSupport.fixtures).reports
            return reports.map { "\($0.name): " + $0.findings.map { "\($0.ruleID)@\($0.range?.description ?? "-")" }.joined(separator: ",") }
        }
        let one = try run(1)
        #expect(one.count >= 15)
        #expect(try run(2) == one)
        #expect(try run(4) == one)
    }

    /// Discovery looks at files on several threads and gathers them in the walk's order: every list is the same.
    @Test func discoveryOnSeveralThreadsFindsTheSame() throws {
        func found(_ jobs: Int) throws -> [String] {
            var notes: [String] = []
            let projects = try ProjectFinder.find(path: TestSupport.fixtures, reads: TestSupport.knowledge.readNames, jobs: jobs, notes: &notes)
            return notes + projects.map { files in
                ([files.root, files.configFile].map { $0?.path ?? "-" }
                    + [files.iocFiles, files.buildFiles, files.sources, files.startupFiles, files.scripts].map { $0.map(\.path).joined(separator: ",") }
                    + files.unreadable.map { $0.url.path + ": " + $0.reason }).joined(separator: " | ")
            }
        }
        let one = try found(1)
        #expect(one.count >= 15)
        #expect(try found(4) == one)
    }
}

/// Two processes compute the same cache keys: the second run of the binary adds no entry.
struct CacheAcrossRunsTests {
    @Test func secondProcessReusesEveryEntry() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-cache-runs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-smps-ok").path
        func entries() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") })
        }
        let first = try TestSupport.run(["check", fixture], environment: ["H7LINT_CACHE_DIR": dir.path])
        #expect(first.status == 0)
        let afterFirst = try entries()
        #expect(!afterFirst.isEmpty)
        let second = try TestSupport.run(["check", fixture], environment: ["H7LINT_CACHE_DIR": dir.path])
        #expect(second.stdout == first.stdout)
        #expect(try entries() == afterFirst)
    }
}
