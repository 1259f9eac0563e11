import Foundation
import Testing

/// The h7lint binary: output format and exit codes (0 clean, 1 findings, 2 usage/input error).
struct CommandLineTests {
    @Test func cleanProjectExitsZero() throws {
        let result = try TestSupport.run(["check", TestSupport.fixtures.appendingPathComponent("nucleo-h745-smps-ok").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 project checked, 0 findings"))
    }

    @Test func seedProjectExitsOneWithClangStyleDiagnostic() throws {
        let result = try TestSupport.run(["check", TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("nucleo-h745-ldo-seed/CM7/Core/Src/main.c:77:3: error: supply set to ldo"))
        #expect(result.stdout.contains("[H7-PWR-001]"))
        #expect(result.stdout.contains("  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n  ^~~~"))
    }

    @Test func missingPathExitsTwoWithOneLine() throws {
        let result = try TestSupport.run(["check", "/no/such/folder"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: /no/such/folder: no such file or folder\n")
    }

    @Test func unknownBoardExitsTwo() throws {
        let path = TestSupport.fixtures.appendingPathComponent("nucleo-h745-smps-ok").path
        let result = try TestSupport.run(["check", "--board", "NO-SUCH-BOARD", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown board 'NO-SUCH-BOARD'"))
    }

    @Test func folderWithoutProjectExitsTwo() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try TestSupport.run(["check", empty.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no STM32 project found"))
    }

    @Test func badOptionExitsTwo() throws {
        let result = try TestSupport.run(["check", "--no-such-option"])
        #expect(result.status == 2)
    }
}
