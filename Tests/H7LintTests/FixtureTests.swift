import Foundation
import H7Extract
import H7Lint
import H7Model
import Testing

/// Every shipped fixture, checked end to end in-process: ids and places of all errors and warnings.
struct FixtureTests {
    static let expected: [(String, [String])] = [
        ("nucleo-h745-smps-ok", []),
        ("nucleo-h745-ldo-seed", ["H7-PWR-001 CM7/Core/Src/main.c:77"]),
        // 480 MHz: H7-CLK-001 warns that it needs revision V silicon, H7-CLK-005 that the 960 MHz VCO
        // is above the HAL's 836 MHz (ST's own 480 MHz examples run it there).
        ("nucleo-h745-480-smps", ["H7-CLK-001 CM7/Core/Src/main.c:112", "H7-CLK-005 CM7/Core/Src/main.c:88",
                                  "H7-VOS-001 CM7/Core/Src/main.c:78"]),
        ("nucleo-h745-ldo-rework-480", ["H7-CLK-001 CM7/Core/Src/main.c:118", "H7-CLK-005 CM7/Core/Src/main.c:94"]),
        ("dual-core-macro-vs-call", ["H7-PWR-001 CM7/Core/Src/main.c:77", "H7-PWR-003 CM7/Core/Src/main.c:77"]),
        ("nucleo-h743-smps-macro", ["H7-PWR-002 cmake/stm32cubemx/CMakeLists.txt:11", "H7-PWR-004 Core/Src/main.c:54"]),
        ("nucleo-h743-ldo-makefile", []),
        ("h735g-dk-smps-520", []),
        ("h7a3-smps-280", []),
        ("with-stand-in-drivers", []),
        ("no-ioc-custom", ["H7-PWR-001 Src/main.c:56"]),
        ("multi-project-repo", ["H7-PWR-004 bootloader/Core/Src/main.c:54"]),
        ("h745-two-use-pwr", ["H7-PWR-001 Makefile/CM4/Makefile:88", "H7-PWR-001 Makefile/CM7/Makefile:88",
                              "H7-PWR-008 Makefile/CM4/Makefile:89", "H7-PWR-008 Makefile/CM7/Makefile:89"]),
        ("macro-without-exitrun0mode", ["H7-PWR-004 CM7/Core/Src/main.c:71", "H7-PWR-006 CM4/.cproject:42",
                                        "H7-PWR-006 CM7/.cproject:42"]),
    ]

    @Test(arguments: expected.map(\.0))
    func fixtureFindings(name: String) throws {
        let reports = try TestSupport.check(TestSupport.fixtures.appendingPathComponent(name))
        #expect(reports.allSatisfy { $0.error == nil }, "\(reports.compactMap(\.error))")
        let want = Self.expected.first { $0.0 == name }!.1.sorted()
        #expect(TestSupport.summary(reports) == want)
    }

    @Test func everyFixtureIsListed() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixtures.path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") && !$0.hasPrefix("clk-") && !$0.hasPrefix("dbg-") }
        #expect(Set(names) == Set(Self.expected.map(\.0)))
    }

    @Test func seedFindingExplainsAndFixes() throws {
        let reports = try TestSupport.check(TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"))
        let finding = try #require(reports.first?.findings.first { $0.ruleID == "H7-PWR-001" })
        #expect(finding.severity == .error)
        #expect(finding.message.contains("NUCLEO-H745ZI-Q"))
        #expect(finding.message.contains("direct-smps"))
        #expect(finding.range?.column == 3)
        #expect(finding.fix?.contains("PWR_DIRECT_SMPS_SUPPLY") == true)
    }

    @Test func ignoredResultIsANote() throws {
        let reports = try TestSupport.check(TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"))
        let notes = reports[0].findings.filter { $0.ruleID == "H7-PWR-005" }
        #expect(notes.count == 1)
        #expect(notes.first?.severity == .note)
    }

    @Test func macroVersusCallNamesBothPlaces() throws {
        let reports = try TestSupport.check(TestSupport.fixtures.appendingPathComponent("dual-core-macro-vs-call"))
        let finding = try #require(reports[0].findings.first { $0.ruleID == "H7-PWR-003" })
        #expect(finding.related.contains { $0.range.file.hasSuffix(".cproject") })
    }

    @Test func boardOverrideChangesTheVerdict() throws {
        let path = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed")
        let reports = try TestSupport.check(path, board: "NUCLEO-H745ZI-Q:ldo-rework")
        #expect(!TestSupport.summary(reports).contains { $0.hasPrefix("H7-PWR-001") })
    }

    @Test func unknownBoardOverrideIsAUsageError() {
        #expect(throws: H7Error.self) {
            _ = try TestSupport.check(TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"), board: "NO-SUCH-BOARD")
                .compactMap(\.error).first.map { throw $0 }
        }
    }
}

/// The project's own HAL headers and h7lint's stand-in give the same findings on the fixture that
/// ships (our own, minimal) driver headers, and the project mode really reads them.
struct HeaderModeTests {
    @Test func bothModesAgreeAndProjectModeReadsTheProjectHeaders() throws {
        let path = TestSupport.fixtures.appendingPathComponent("with-stand-in-drivers")
        let standIn = try Checker(knowledge: TestSupport.knowledge, headers: .standIn).check(path: path).reports
        let project = try Checker(knowledge: TestSupport.knowledge, headers: .project).check(path: path).reports
        #expect(TestSupport.summary(standIn, level: .note) == TestSupport.summary(project, level: .note))
        let usedPrelude = project.compactMap(\.project).flatMap(\.cores).flatMap(\.sources).map(\.usedPrelude)
        #expect(!usedPrelude.isEmpty && usedPrelude.allSatisfy { !$0 })
        let standInPrelude = standIn.compactMap(\.project).flatMap(\.cores).flatMap(\.sources).map(\.usedPrelude)
        #expect(standInPrelude.allSatisfy { $0 })
    }
}

/// A project for another STM32 family is found (it has SystemClock_Config) but nothing is checked.
struct OtherFamilyTests {
    @Test func stm32f1ProjectGetsNoFinding() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-f1-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Src"), withIntermediateDirectories: true)
        try "C_DEFS = \\\n-DSTM32F103xE\n".write(to: dir.appendingPathComponent("Makefile"), atomically: true, encoding: .utf8)
        try "void SystemClock_Config(void)\n{\n}\n".write(to: dir.appendingPathComponent("Src/main.c"), atomically: true, encoding: .utf8)
        let reports = try TestSupport.check(dir)
        #expect(reports.count == 1)
        #expect(reports[0].findings.isEmpty)
        #expect(reports[0].notes.contains { $0.message.contains("not an STM32H7 project (STM32F103xE)") })
    }
}
