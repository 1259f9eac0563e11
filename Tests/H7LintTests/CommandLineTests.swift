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

/// Output that tools read: paths from the current folder, the gcc line form, counts per severity, rule
/// selection on the command line, an explicit config, and what was assumed.
struct CommandLineOutputTests {
    static let seed = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed")

    @Test func textPathsAreRelativeToTheCurrentFolder() throws {
        let result = try TestSupport.run(["check", ".."], in: Self.seed.appendingPathComponent("CM7"))
        #expect(result.stdout.hasPrefix("Core/Src/main.c:77:3: error: supply set to ldo"), "\(result.stdout.prefix(200))")
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let outside = try TestSupport.run(["check", Self.seed.path], in: elsewhere)
        #expect(outside.stdout.hasPrefix(Self.seed.path + "/CM7/Core/Src/main.c:77:3: error:"))
    }

    @Test func conciseIsOneGccLineAFindingAndCountsBySeverity() throws {
        let result = try TestSupport.run(["check", Self.seed.path, "--format", "concise"], in: Self.seed)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [
            "CM7/Core/Src/main.c:77:3: error: supply set to ldo but board NUCLEO-H745ZI-Q is wired for direct-smps [H7-PWR-001] [*]",
            "CM7/Core/Src/main.c:77:3: note: the result of HAL_PWREx_ConfigSupply() is ignored [H7-PWR-005]",
            "1 project checked, 2 findings: 1 error, 0 warnings, 1 note",
            "1 fixable with h7lint check --fix (--diff to preview)",
        ])
        #expect(result.status == 1)
    }

    @Test func selectAndIgnoreChooseRules() throws {
        let only = try TestSupport.run(["check", Self.seed.path, "--format", "concise", "--select", "H7-PWR-*", "--ignore", "H7-PWR-001"])
        #expect(only.stdout.contains("[H7-PWR-005]") && !only.stdout.contains("[H7-PWR-001]"))
        #expect(only.status == 0)
        let typo = try TestSupport.run(["check", Self.seed.path, "--select", "H7-PWX-*"])
        #expect(typo.status == 2 && typo.stderr == "h7lint: error: --select H7-PWX-* matches no rule (`h7lint rules` lists them)\n")
    }

    @Test func configFileReplacesTheNearestOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("ci.yml")
        try "board: NUCLEO-H745ZI-Q:ldo-rework\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try TestSupport.run(["check", Self.seed.path, "--config", config.path, "--format", "concise"])
        #expect(!result.stdout.contains("[H7-PWR-001]"), "\(result.stdout)")
        let missing = try TestSupport.run(["check", Self.seed.path, "--config", folder.appendingPathComponent("none.yml").path])
        #expect(missing.status == 2)
    }

    @Test func assumptionsNamePartBoardAndBuild() throws {
        let result = try TestSupport.run(["check", Self.seed.path, "--show-assumptions", "--format", "concise"])
        #expect(result.stderr.contains("part: STM32H745xx (STM32H745xx define)"))
        #expect(result.stderr.contains("board: NUCLEO-H745ZI-Q (.ioc board=NUCLEO-H745ZI-Q)"))
        #expect(result.stderr.contains("CM7: build CM7/Makefile [Makefile]"))
        #expect(result.stderr.contains("HAL/CMSIS headers: stand-in"))
    }

    @Test func usageErrorsAreOneLine() throws {
        let unknown = try TestSupport.run(["check", "--bogus"])
        #expect(unknown.status == 2 && unknown.stderr.split(separator: "\n").count == 1)
        let dash = try TestSupport.run(["check", "-dash"])
        #expect(dash.status == 2 && dash.stderr == "h7lint: error: unknown option '-dash' (long options start with --; see h7lint --help)\n")
    }
}

/// `h7lint recover`: the recovery procedures of a rule or a scenario, with the commands for one probe.
struct RecoverCommandTests {
    @Test func supplyLockUpStartsWithTheResetHeldPowerUp() throws {
        let result = try TestSupport.run(["recover", "H7-PWR-001"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Probe: STM32CubeProgrammer (STM32_Programmer_CLI)"))
        #expect(result.stdout.contains("\n\n1. Power up with reset held, connect under reset (hardware reset mode), mass erase\n"))
        #expect(result.stdout.contains("2. Start the system bootloader with BOOT0 high"))
        #expect(result.stdout.contains("     STM32_Programmer_CLI -c port=SWD mode=UR reset=HWrst -e all\n"))
        #expect(result.stdout.contains("BOOT_CM7_ADD1"))
    }

    @Test func probesAndScenarios() throws {
        let openocd = try TestSupport.run(["recover", "--scenario", "supply", "--probe", "openocd"])
        #expect(openocd.stdout.contains("connect_assert_srst") && openocd.stdout.contains("none of them was run against a part by h7lint's authors (all three probe tools alike)"))
        let cm7 = try TestSupport.run(["recover", "--scenario", "cm7-boot"])
        #expect(cm7.stdout.contains("STM32_Programmer_CLI -c port=SWD ap=3 -ob BCM7=1"))
        let rdp = try TestSupport.run(["recover", "--scenario", "rdp"])
        #expect(rdp.stdout.contains("(irreversible)"))
        let bad = try TestSupport.run(["recover", "--scenario", "supply", "--probe", "jlink"])
        #expect(bad.status == 2 && bad.stderr == "h7lint: error: --probe must be cubeprogrammer, openocd, pyocd, not 'jlink'\n")
        let neither = try TestSupport.run(["recover"])
        #expect(neither.status == 2)
    }

    /// Every finding's recovery hint points at the recover command.
    @Test func findingsPointAtRecover() throws {
        let result = try TestSupport.run(["check", TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path])
        #expect(result.stdout.contains("if the board is already stuck: Power up with reset held, connect under reset (hardware reset mode), mass erase (commands: h7lint recover H7-PWR-001)"))
    }
}

/// `h7lint invocations`: the parses of a check as clang commands, each with the stand-in of its own part and core
/// (written once per distinct stand-in), so plain clang sees what h7lint's parse saw.
struct InvocationsCommandTests {
    @Test func eachPartAndCoreGetsItsOwnStandIn() throws {
        let folder = ResultCacheTests.temporary("invocations")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["nucleo-h743-ldo-makefile", "nucleo-h745-smps-ok"] {
            try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(name),
                                             to: folder.appendingPathComponent("projects/\(name)"))
        }
        let standIns = folder.appendingPathComponent("stand-in").path
        let run = try TestSupport.run(["invocations", folder.appendingPathComponent("projects").path, "--stand-in-dir", standIns])
        #expect(run.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        var folderByPart: [String: String] = [:], cores: Set<String> = []
        for entry in entries {
            let arguments = try #require(entry["arguments"] as? [String])
            let values = try #require(arguments.first { $0.hasPrefix(standIns + "/") && $0.hasSuffix("/h7lint_values.h") })
            #expect(FileManager.default.fileExists(atPath: values))
            let part = arguments.first { $0 == "-DSTM32H743xx" || $0 == "-DSTM32H745xx" } ?? "?"
            cores.insert(part + (arguments.contains("-DCORE_CM4") ? " CM4" : " CM7"))
            let folder = (values as NSString).deletingLastPathComponent
            if let seen = folderByPart[part] { #expect(seen == folder) } else { folderByPart[part] = folder }
        }
        // The part's values differ: two stand-ins (both H745 cores share one), not one folder the last parse overwrote.
        #expect(cores == ["-DSTM32H743xx CM7", "-DSTM32H745xx CM7", "-DSTM32H745xx CM4"])
        #expect(Set(folderByPart.values).count == 2)
        let texts = try folderByPart.values.map { try String(contentsOfFile: $0 + "/h7lint_values.h", encoding: .utf8) }
        #expect(Set(texts).count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: standIns).count == 2)
    }
}
