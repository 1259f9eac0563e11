import Foundation
import H7Lint
import H7Model
import Testing

/// Shipped fixtures, checked end to end in-process: what a finding says (the full reports are the
/// fixtures' snapshots, SnapshotTests).
struct FixtureTests {
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
