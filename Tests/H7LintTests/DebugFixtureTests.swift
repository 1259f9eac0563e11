import Foundation
import H7Lint
import H7Model
import Testing

/// The debug lock-out fixtures (`Fixtures/dbg-*`), end to end (their full reports are snapshots).
struct DebugFixtureTests {
    static func check(_ name: String) throws -> [ProjectReport] {
        let reports = try TestSupport.check(TestSupport.fixtures.appendingPathComponent(name))
        #expect(reports.allSatisfy { $0.error == nil }, "\(reports.compactMap(\.error))")
        return reports
    }

    @Test func findingsSayWhyAndHowToFix() throws {
        for name in SnapshotTests.fixtureNames where name.hasPrefix("dbg-") {
            for finding in try Self.check(name).flatMap(\.findings) where finding.ruleID.hasPrefix("H7-DBG-") {
                #expect(finding.severity == TestSupport.knowledge.ruleDocs[finding.ruleID]?.severity)
                #expect(finding.message.contains("debug") || finding.message.contains("reset"), "\(finding.message)")
                #expect(finding.fix?.isEmpty == false, "\(finding.ruleID) in \(name) has no fix")
            }
        }
    }

    @Test func swoUseIsNamedOnTheJtagFinding() throws {
        let finding = try #require(try Self.check("dbg-jtag-spi3").flatMap(\.findings).first { $0.ruleID == "H7-DBG-002" })
        #expect(finding.message.contains("PB3 (JTDO)"))
        #expect(finding.message.contains("JTAG_5_pins"))
        #expect(finding.related.contains { $0.range.file == "dbg-jtag-spi3.ioc" })
    }

    @Test func stopOnlyReachedFromCallbacksIsNotReported() throws {
        // low_power.c also enters Standby, but only from the EXTI callback: not from main.
        let lines = try Self.check("dbg-stop-no-dbgmcu").flatMap(\.findings).compactMap(\.range?.line)
        #expect(!lines.contains(22))
    }

    @Test func cm4WakeUpHandshakeIsNotALowPowerFinding() throws {
        let findings = try Self.check("dbg-h745-scripts").flatMap(\.findings)
        #expect(!findings.contains { $0.ruleID == "H7-DBG-003" })
    }

    @Test func f7StyleBootConstantIsExplained() throws {
        let finding = try #require(try Self.check("dbg-bootaddr-f7-constant").flatMap(\.findings).first)
        #expect(finding.message.contains("0x00000000 (ITCM RAM)"))
        #expect(finding.message.contains("STM32F7-style"))
        #expect(finding.fix?.contains("0x08000000") == true)
    }

    @Test func scriptFactsAreCollectedFromEveryKindOfFile() throws {
        let project = try #require(try Self.check("dbg-h745-scripts").first?.project)
        let files = Set(project.scripts.map(\.file))
        #expect(files == [".github/workflows/release.yml", ".vscode/tasks.json", "openocd/nucleo-h745.cfg", "tools/flash_release.sh"])
        // The OpenOCD option_write restores valid boot addresses: decoded, not reported.
        let boot = project.scripts.filter { $0.file == "openocd/nucleo-h745.cfg" }.map { "\($0.option)=\($0.value ?? "")" }
        #expect(boot == ["BOOT_ADD0=0x0800", "BOOT_ADD1=0x1FF0"])
    }
}
