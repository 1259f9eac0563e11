import Foundation
import H7Lint
import H7Model
import Testing

/// How projects are found in trees that are not shaped like CubeMX's.
struct DiscoveryTests {
    static func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-discovery-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// Renamed clock code and no .ioc: the file that sets the supply marks the project, and it is checked.
    @Test func clockCodeWithoutSystemClockConfigIsAProject() throws {
        let root = try Self.tree([
            "Makefile": "C_DEFS = \\\n-DSTM32H743xx\n",
            "src/board_clock.c": "void board_clock_init(void)\n{\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        #expect(reports.count == 1)
        #expect(reports[0].project?.device?.define == "STM32H743xx")
        #expect(reports[0].project?.cores.flatMap(\.parsedFiles) == ["src/board_clock.c"])
    }

    /// A vendor tree in lower case (`drivers/CMSIS/...`) is skipped like `Drivers/`: its startup files and
    /// templates are not the project's.
    @Test func lowerCaseDriversFolderIsSkipped() throws {
        let root = try Self.tree([
            "Makefile": "C_DEFS = \\\n-DSTM32H743xx\n",
            "Core/Src/main.c": "void SystemClock_Config(void)\n{\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n}\n",
            "drivers/CMSIS/DSP/startup_armv6-m.s": "  bl ExitRun0Mode\n",
            "drivers/CMSIS/Templates/main.c": "void SystemClock_Config(void)\n{\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        #expect(reports.count == 1)
        #expect(reports[0].project?.cores.first?.startupFile == nil)
        #expect(reports[0].project?.cores.flatMap(\.parsedFiles) == ["Core/Src/main.c"])
    }
}
