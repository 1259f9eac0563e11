import Foundation
import H7Lint
import H7Model
import Testing

/// `--fix`: a supply scheme planted wrong in every place a project sets it is fixed in all of them, byte-minimal,
/// once; a change that cannot be made everywhere is made nowhere.
@Suite struct FixTests {
    /// A copy of a fixture in a temporary folder.
    static func copy(_ fixture: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent(fixture)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(fixture), to: target)
        try? FileManager.default.removeItem(at: target.appendingPathComponent("expected.txt"))
        return target
    }

    static func files(_ root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = root.resolvingSymlinksInPath().path + "/"
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) ?? .init() {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            out[String(url.resolvingSymlinksInPath().path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return out
    }

    static func replace(_ old: String, _ new: String, in url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    static func ewp(_ core: String) -> String {
        """
          <configuration>
            <name>demo_\(core)</name>
            <settings>
              <name>ICCARM</name>
              <data>
                <option>
                  <name>CCDefines</name>
                  <state>CORE_\(core)</state>
                  <state>USE_HAL_DRIVER</state>
                  <state>STM32H745xx</state>
                  <state>USE_PWR_LDO_SUPPLY</state>
                </option>
              </data>
            </settings>
          </configuration>

        """
    }

    static func uvTarget(_ core: String) -> String {
        """
            <Target>
              <TargetName>demo_\(core)</TargetName>
              <TargetOption>
                <TargetCommonOption><Device>STM32H745ZITx:\(core)</Device></TargetCommonOption>
                <TargetArmAds>
                  <Cads>
                    <VariousControls>
                      <Define>CORE_\(core),USE_HAL_DRIVER,STM32H745xx,USE_PWR_LDO_SUPPLY</Define>
                    </VariousControls>
                  </Cads>
                </TargetArmAds>
              </TargetOption>
            </Target>

        """
    }

    /// NUCLEO-H745ZI-Q (direct SMPS) set to LDO in the code, the .ioc, both cores' .cproject (every configuration),
    /// an EWARM project, an MDK-ARM project and a CRLF Makefile.
    static func plantedH745() throws -> URL {
        let root = try copy("dual-core-macro-vs-call")
        for core in ["CM7", "CM4"] {
            try replace("USE_PWR_DIRECT_SMPS_SUPPLY", "USE_PWR_LDO_SUPPLY", in: root.appendingPathComponent("\(core)/.cproject"))
        }
        try replace("RCC.SupplySource=PWR_DIRECT_SMPS_SUPPLY", "RCC.SupplySource=PWR_LDO_SUPPLY",
                    in: root.appendingPathComponent("dual-core-macro-vs-call.ioc"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("EWARM"), withIntermediateDirectories: true)
        try ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project>\n" + ewp("CM7") + ewp("CM4") + "</project>\n")
            .write(to: root.appendingPathComponent("EWARM/demo.ewp"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("MDK-ARM"), withIntermediateDirectories: true)
        try ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n<Project>\n  <Targets>\n" + uvTarget("CM7") + uvTarget("CM4") + "  </Targets>\n</Project>\n")
            .write(to: root.appendingPathComponent("MDK-ARM/demo.uvprojx"), atomically: true, encoding: .utf8)
        let makefile = "TARGET = demo\r\nC_DEFS = \\\r\n-DCORE_CM7 \\\r\n-DUSE_HAL_DRIVER \\\r\n-DSTM32H745xx \\\r\n-DUSE_PWR_LDO_SUPPLY\r\n"
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Makefile/CM7"), withIntermediateDirectories: true)
        try makefile.write(to: root.appendingPathComponent("Makefile/CM7/Makefile"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func supplyIsFixedInEveryPlaceItLives() throws {
        let root = try Self.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let before = try Self.files(root)
        let reports = try TestSupport.check(root)
        let supplyRules: Set<String> = ["H7-PWR-001", "H7-PWR-003", "H7-PWR-007", "H7-PWR-010"]
        #expect(reports.flatMap(\.findings).contains { $0.ruleID == "H7-PWR-001" })
        let fixes = FixSet(reports)
        #expect(fixes.skipped.isEmpty, "\(fixes.skipped)")
        #expect(fixes.apply().failed.isEmpty)
        let after = try Self.files(root)

        // Every place, and nothing else: each changed file is the old one with the scheme's names replaced.
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed == ["CM7/Core/Src/main.c", "CM7/.cproject", "CM4/.cproject", "dual-core-macro-vs-call.ioc",
                            "EWARM/demo.ewp", "MDK-ARM/demo.uvprojx", "Makefile/CM7/Makefile"])
        for path in changed {
            let old = String(decoding: before[path]!, as: UTF8.self), new = String(decoding: after[path]!, as: UTF8.self)
            let expected = old.replacingOccurrences(of: "PWR_LDO_SUPPLY", with: "PWR_DIRECT_SMPS_SUPPLY")
            #expect(new == expected, "\(path)")
        }
        // The CRLF Makefile keeps its line endings.
        let makefile = String(decoding: after["Makefile/CM7/Makefile"]!, as: UTF8.self)
        #expect(makefile.contains("-DUSE_PWR_DIRECT_SMPS_SUPPLY\r\n") && !makefile.contains("\n\n"))

        let again = try TestSupport.check(root)
        let left = again.flatMap(\.findings).filter { supplyRules.contains($0.ruleID) }
        #expect(left.isEmpty, "\(left.map { "\($0.ruleID) \($0.message)" })")
        #expect(FixSet(again).files.isEmpty, "a second --fix changes files")
    }

    @Test func cmakeDefineOnAPartWithoutSMPS() throws {
        let root = try Self.copy("nucleo-h743-smps-macro")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let fixes = FixSet(try TestSupport.check(root))
        #expect(fixes.apply().failed.isEmpty)
        let cmake = try String(contentsOf: root.appendingPathComponent("cmake/stm32cubemx/CMakeLists.txt"), encoding: .utf8)
        #expect(cmake.contains("\tUSE_PWR_LDO_SUPPLY \n") && !cmake.contains("SMPS"))
        let again = try TestSupport.check(root)
        #expect(TestSupport.summary(again, level: .note).isEmpty, "\(TestSupport.summary(again, level: .note))")
    }

    @Test func aPlaceThatIsNotMechanicalBlocksTheWholeChange() throws {
        let root = try Self.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try Self.replace("HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);", "HAL_PWREx_ConfigSupply(BOARD_SUPPLY);",
                         in: root.appendingPathComponent("CM7/Core/Src/main.c"))
        try Self.replace("void SystemClock_Config(void)", "#define BOARD_SUPPLY PWR_LDO_SUPPLY\nvoid SystemClock_Config(void)",
                         in: root.appendingPathComponent("CM7/Core/Src/main.c"))
        let before = try Self.files(root)
        let reports = try TestSupport.check(root)
        let autofix = try #require(reports.flatMap(\.findings).first { $0.ruleID == "H7-PWR-001" }?.autofix)
        #expect(!autofix.isApplicable)
        #expect(autofix.blocked?.contains("'BOARD_SUPPLY', not a scheme constant") == true, "\(autofix.blocked ?? "-")")
        let fixes = FixSet(reports)
        #expect(fixes.files.isEmpty && fixes.apply().failed.isEmpty)
        #expect(try Self.files(root) == before)
    }

    @Test func aFileChangedSinceTheCheckLeavesTheProjectAlone() throws {
        let root = try Self.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let reports = try TestSupport.check(root)
        try Self.replace("USE_PWR_LDO_SUPPLY</state>", "USE_PWR_LDO_SUPPLY</state>\n<!-- edited -->",
                         in: root.appendingPathComponent("EWARM/demo.ewp"))
        try Self.replace("<state>CORE_CM7", "<state>CORE_CM7</state>\n<state>X", in: root.appendingPathComponent("EWARM/demo.ewp"))
        let before = try Self.files(root)
        let fixes = FixSet(reports)
        #expect(fixes.files.isEmpty)
        #expect(fixes.skipped.contains { $0.contains("demo.ewp") && $0.contains("changed since it was checked") }, "\(fixes.skipped)")
        #expect(try Self.files(root) == before)
    }

    @Test func hseValueTakesTheNamedBoardsFrequency() throws {
        let root = try Self.copy("clk-007-hse-value")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let header = root.appendingPathComponent("Core/Inc/stm32h7xx_hal_conf.h")
        let before = try String(contentsOf: header, encoding: .utf8)
        #expect(FixSet(try TestSupport.check(root)).apply().failed.isEmpty)
        let after = try String(contentsOf: header, encoding: .utf8)
        #expect(after == before.replacingOccurrences(of: "#define HSE_VALUE    (25000000UL)", with: "#define HSE_VALUE    (8000000UL)"))
        #expect(!(try TestSupport.check(root)).flatMap(\.findings).contains { $0.ruleID == "H7-CLK-007" })

        // A body that is not one decimal number is not rewritten.
        try after.replacingOccurrences(of: "(8000000UL)", with: "(0x017D7840U)").write(to: header, atomically: true, encoding: .utf8)
        let reports = try TestSupport.check(root)
        let autofix = try #require(reports.flatMap(\.findings).first { $0.ruleID == "H7-CLK-007" }?.autofix)
        #expect(!autofix.isApplicable && autofix.blocked?.contains("not a plain number") == true, "\(autofix)")
    }

    @Test func aFileThatCannotBeWrittenLeavesTheOthersUnchanged() throws {
        let root = try Self.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let fixes = FixSet(try TestSupport.check(root))
        #expect(fixes.files.count == 7)
        // The last file in write order stops being a regular file between the check and the write.
        let last = try #require(fixes.files.last?.url)
        try FileManager.default.removeItem(at: last)
        #expect(mkfifo(last.path, 0o644) == 0)
        let before = try Self.files(root)
        let failed = fixes.apply().failed
        #expect(failed.count == 1 && failed[0].contains("nothing changed"), "\(failed)")
        #expect(try Self.files(root) == before, "a file was changed though the project's fix failed")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.contains(".h7lint-fix") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func anInferredBoardGivesNoFix() throws {
        // custom-board-nucleo-pins: the board is recognised from the .ioc's pins, not named.
        let reports = try TestSupport.check(TestSupport.fixtures.appendingPathComponent("custom-board-nucleo-pins"))
        let findings = reports.flatMap(\.findings)
        #expect(findings.contains { $0.ruleID.hasPrefix("H7-PWR-") })
        #expect(findings.allSatisfy { $0.autofix == nil })
    }

    @Test func diffPreviewsAndFixWritesThroughTheCommandLine() throws {
        let root = try Self.copy("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let before = try Self.files(root)
        let preview = try TestSupport.run(["check", "--no-cache", "--diff", "."], in: root)
        #expect(preview.status == 1)
        #expect(preview.stdout.contains("--- a/CM7/Core/Src/main.c\n+++ b/CM7/Core/Src/main.c\n@@ -74,7 +74,7 @@\n"))
        #expect(preview.stdout.contains("-  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n+  HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY);\n"))
        #expect(preview.stdout.contains("-RCC.SupplySource=PWR_LDO_SUPPLY\n+RCC.SupplySource=PWR_DIRECT_SMPS_SUPPLY\n"))
        #expect(try Self.files(root) == before, "--diff changed files")
        // The preview is a patch git applies as it is.
        let patch = root.deletingLastPathComponent().appendingPathComponent("fix.patch")
        try preview.stdout.write(to: patch, atomically: true, encoding: .utf8)
        let check = try ReportSupport.shell(["git", "apply", "--check", patch.path], in: root)
        #expect(check.status == 0, "\(check.output)")

        let fixed = try TestSupport.run(["check", "--no-cache", "--fix", "--format", "concise", "."], in: root)
        #expect(fixed.stderr.contains("h7lint: fixed 1 finding, 2 edits in 2 files"), "\(fixed.stderr)")
        #expect(!fixed.stdout.contains("H7-PWR-001"))
        #expect(fixed.status == 0, "only the note about the ignored result is left: \(fixed.stdout)")
        let second = try TestSupport.run(["check", "--no-cache", "--diff", "."], in: root)
        #expect(second.status == 0 && second.stdout.isEmpty)
    }
}
