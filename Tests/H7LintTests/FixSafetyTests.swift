import Foundation
import H7Lint
import H7Model
import Testing

/// `--fix` never makes things worse: the recipes of issue 23, each a regression test.
@Suite struct FixSafetyTests {
    /// The seed project (NUCLEO-H745ZI-Q, LDO in code) with the .ioc already set to direct SMPS and the LDO call's
    /// H7-PWR-001 silenced: the user says this unit has the LDO rework.
    static func reworkedSeed() throws -> URL {
        let root = try FixTests.copy("nucleo-h745-ldo-seed")
        try FixTests.replace("RCC.SupplySource=PWR_LDO_SUPPLY", "RCC.SupplySource=PWR_DIRECT_SMPS_SUPPLY",
                             in: root.appendingPathComponent("nucleo-h745-ldo-seed.ioc"))
        return root
    }

    static func checker(select: String? = nil, ignore: String? = nil) throws -> Checker {
        var checker = Checker(knowledge: TestSupport.knowledge)
        checker.selection = try RuleSelection(select: select, ignore: ignore, known: Set(TestSupport.knowledge.ruleDocs.keys))
        return checker
    }

    /// The supply fix offered for the .ioc finding must not rewrite the silenced LDO call.
    static func expectSuppressionHolds(_ root: URL, checker: Checker, _ how: String) throws {
        let before = try FixTests.files(root)
        let reports = try checker.check(path: root).reports
        let supply = reports.flatMap(\.findings).filter { $0.autofix != nil }
        #expect(!supply.isEmpty, "\(how): no finding carries the supply change any more")
        for finding in supply {
            #expect(finding.autofix?.isApplicable == false, "\(how): \(finding.ruleID) would still be fixed")
            #expect(finding.autofix?.blocked?.contains("does not override a suppression") == true, "\(how): \(finding.autofix?.blocked ?? "-")")
        }
        #expect(FixSet(reports).apply().failed.isEmpty)
        #expect(try FixTests.files(root) == before, "\(how): a file changed")
    }

    @Test func aFixNeverOverridesASuppression() throws {
        let main = "CM7/Core/Src/main.c"
        let inline = try Self.reworkedSeed()
        defer { try? FileManager.default.removeItem(at: inline.deletingLastPathComponent()) }
        try FixTests.replace("  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);",
                             "  // h7lint:disable-next-line H7-PWR-001 -- this unit has the LDO rework\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);",
                             in: inline.appendingPathComponent(main))
        try Self.expectSuppressionHolds(inline, checker: try Self.checker(), "inline comment")

        let disabled = try Self.reworkedSeed()
        defer { try? FileManager.default.removeItem(at: disabled.deletingLastPathComponent()) }
        try "disable: [H7-PWR-001]\n".write(to: disabled.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8)
        try Self.expectSuppressionHolds(disabled, checker: try Self.checker(), ".h7lint.yml disable")

        let ignored = try Self.reworkedSeed()
        defer { try? FileManager.default.removeItem(at: ignored.deletingLastPathComponent()) }
        try Self.expectSuppressionHolds(ignored, checker: try Self.checker(ignore: "H7-PWR-001"), "--ignore")
    }

    @Test func withoutASuppressionTheSameProjectIsFixed() throws {
        let root = try Self.reworkedSeed()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let reports = try Self.checker().check(path: root).reports
        #expect(FixSet(reports).files.count == 1, "the LDO call is fixed when nothing silences it")
    }

    @Test func hseValueFixRewritesOnlyTheWholeIdentifier() throws {
        let root = try FixTests.copy("clk-007-hse-value")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let makefile = root.appendingPathComponent("Makefile")
        try FixTests.replace("-DSTM32H743xx\n", "-DSTM32H743xx \\\n-DHSE_VALUE=25000000 \\\n-DAUDIO_EXT_HSE_VALUE=24576000\n", in: makefile)
        let before = try String(contentsOf: makefile, encoding: .utf8)
        #expect(FixSet(try TestSupport.check(root)).apply().failed.isEmpty)
        let after = try String(contentsOf: makefile, encoding: .utf8)
        #expect(after == before.replacingOccurrences(of: "-DHSE_VALUE=25000000", with: "-DHSE_VALUE=8000000"), "\(after)")
        #expect(after.contains("-DAUDIO_EXT_HSE_VALUE=24576000"))
    }

    /// Each file's owner, group and mode.
    static func owner(_ url: URL) -> (uid: uid_t, gid: gid_t, mode: mode_t) {
        var info = stat()
        _ = stat(url.path, &info)
        return (info.st_uid, info.st_gid, info.st_mode & 0o7777)
    }

    @Test func anEditMadeWhileFixRunsIsKept() throws {
        let root = try FixTests.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let fixes = FixSet(try TestSupport.check(root))
        #expect(fixes.files.count == 7)
        // The user saves main.c after h7lint read it, far from the line the fix changes.
        let main = root.appendingPathComponent("CM7/Core/Src/main.c")
        try (String(contentsOf: main, encoding: .utf8) + "/* saved meanwhile */\n").write(to: main, atomically: false, encoding: .utf8)
        let before = try FixTests.files(root)
        let applied = fixes.apply()
        #expect(applied.files == 0 && applied.failed.count == 1, "\(applied)")
        #expect(applied.failed.first?.contains("changed while --fix ran") == true, "\(applied.failed)")
        #expect(try FixTests.files(root) == before, "the edit was lost or the project was half fixed")
    }

    @Test func ownerGroupAndModeAreKept() throws {
        let root = try FixTests.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let main = root.appendingPathComponent("CM7/Core/Src/main.c")
        let asRoot = geteuid() == 0
        if asRoot { #expect(chown(main.path, 65534, 65534) == 0) }
        #expect(chmod(main.path, 0o640) == 0)
        let before = Self.owner(main)
        #expect(FixSet(try TestSupport.check(root)).apply().failed.isEmpty)
        let after = Self.owner(main)
        #expect(after.uid == before.uid && after.gid == before.gid && after.mode == 0o640, "\(before) -> \(after)")
        #expect(try String(contentsOf: main, encoding: .utf8).contains("PWR_DIRECT_SMPS_SUPPLY"))
    }

    @Test func readOnlyAndHardLinkedFilesAreNotReplaced() throws {
        for how in ["read-only", "hard links"] {
            let root = try FixTests.plantedH745()
            defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
            let ioc = root.appendingPathComponent("dual-core-macro-vs-call.ioc")
            if how == "read-only" { #expect(chmod(ioc.path, 0o444) == 0) } else { #expect(link(ioc.path, root.appendingPathComponent("copy.ioc.bak").path) == 0) }
            let fixes = FixSet(try TestSupport.check(root))
            let before = try FixTests.files(root)
            let applied = fixes.apply()
            #expect(applied.failed.count == 1 && applied.failed[0].contains(how) && applied.failed[0].contains("nothing changed"), "\(applied.failed)")
            #expect(try FixTests.files(root) == before, "\(how): a file changed")
        }
    }

    @Test func excludedPathsAreNeverEdited() throws {
        let root = try FixTests.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        try "exclude: [MDK-ARM]\n".write(to: root.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8)
        let before = try FixTests.files(root)
        let reports = try TestSupport.check(root)
        let blocked = reports.flatMap(\.findings).compactMap(\.autofix).filter { !$0.isApplicable }
        #expect(blocked.contains { $0.blocked?.contains("MDK-ARM/demo.uvprojx is excluded") == true }, "\(blocked)")
        #expect(FixSet(reports).apply().files == 0)
        #expect(try FixTests.files(root) == before)
    }

    @Test func aCharacterReferenceInOneConfigurationBlocksEveryEdit() throws {
        let root = try FixTests.plantedH745()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let ewp = root.appendingPathComponent("EWARM/demo.ewp")
        var text = try String(contentsOf: ewp, encoding: .utf8)
        let last = try #require(text.range(of: "USE_PWR_LDO_SUPPLY", options: .backwards))
        text.replaceSubrange(last, with: "USE_PWR_&#76;DO_SUPPLY")
        try text.write(to: ewp, atomically: true, encoding: .utf8)
        let before = try FixTests.files(root)
        let reports = try TestSupport.check(root)
        let autofix = try #require(reports.flatMap(\.findings).first { $0.ruleID == "H7-PWR-001" }?.autofix)
        #expect(!autofix.isApplicable && autofix.blocked?.contains("character reference") == true, "\(autofix.blocked ?? "-")")
        #expect(FixSet(reports).files.isEmpty)
        #expect(try FixTests.files(root) == before)
    }

    @Test func aProjectLeftHalfFixedIsFinishedByTheNextRun() throws {
        let whole = try FixTests.plantedH745(), half = try FixTests.plantedH745()
        defer {
            try? FileManager.default.removeItem(at: whole.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: half.deletingLastPathComponent())
        }
        #expect(FixSet(try TestSupport.check(whole)).apply().failed.isEmpty)
        // A kill after the first rename: one file fixed, the others not.
        let first = try #require(FixSet(try TestSupport.check(half)).files.first)
        try Data(first.fixed).write(to: first.url)
        #expect(FixSet(try TestSupport.check(half)).apply().failed.isEmpty)
        #expect(try FixTests.files(half) == (try FixTests.files(whole)))
    }

    @Test func leftoversOfAKilledRunNeitherBlockNorVanish() throws {
        let root = try FixTests.copy("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let folder = root.appendingPathComponent("CM7/Core/Src")
        let stale = [".main.c.1.h7lint-fix.tmp", ".main.c.h7lint-fix-Ab12Cd"].map { folder.appendingPathComponent($0) }
        for file in stale { try "old copy\n".write(to: file, atomically: false, encoding: .utf8) }
        let fixed = try TestSupport.run(["check", "--no-cache", "--fix", "--format", "concise", "."], in: root)
        #expect(fixed.stderr.contains("fixed 1 finding, 2 edits in 2 files"), "\(fixed.stderr)")
        #expect(fixed.stderr.contains("CM7/Core/Src/.main.c.h7lint-fix-Ab12Cd was left by an interrupted --fix"), "\(fixed.stderr)")
        for file in stale { #expect(FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent) was removed by a run that did not make it") }
        let made = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.contains("h7lint-fix") }
        #expect(made.count == stale.count, "\(made)")
    }

    /// An outer project whose HSE_VALUE header an inner project (another board) also reads.
    static func nestedSharingAHeader(innerBoard: String?) throws -> URL {
        let outer = try FixTests.copy("clk-007-hse-value")
        let inner = outer.appendingPathComponent("bootloader")
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("clk-007-hse-value"), to: inner)
        try? FileManager.default.removeItem(at: inner.appendingPathComponent("expected.txt"))
        try FileManager.default.removeItem(at: inner.appendingPathComponent("Core/Inc/stm32h7xx_hal_conf.h"))
        try FixTests.replace("-ICore/Inc \\", "-ICore/Inc \\\n-I../Core/Inc \\", in: inner.appendingPathComponent("Makefile"))
        let ioc = inner.appendingPathComponent("clk-007-hse-value.ioc")
        try FixTests.replace("board=NUCLEO-H743ZI", innerBoard.map { "board=\($0)" } ?? "", in: ioc)
        return outer
    }

    @Test func aFileAnotherProjectReadsIsChangedOnlyWhenBothAgree() throws {
        let header = "Core/Inc/stm32h7xx_hal_conf.h"
        let disagree = try Self.nestedSharingAHeader(innerBoard: nil)
        defer { try? FileManager.default.removeItem(at: disagree.deletingLastPathComponent()) }
        let reports = try TestSupport.check(disagree)
        #expect(reports.count == 2, "\(reports.map(\.name))")
        #expect(reports.contains { $0.readFiles.contains { $0.hasSuffix("clk-007-hse-value/" + header) } && $0.root.lastPathComponent == "bootloader" },
                "the inner project does not read the outer header: the test sets nothing up")
        let before = try FixTests.files(disagree)
        let fixes = FixSet(reports)
        #expect(fixes.files.isEmpty)
        #expect(fixes.skipped.contains { $0.contains(header) && $0.contains("bootloader") && $0.contains("does not make the same change") }, "\(fixes.skipped)")
        #expect(fixes.apply().files == 0)
        #expect(try FixTests.files(disagree) == before)

        let agree = try Self.nestedSharingAHeader(innerBoard: "NUCLEO-H743ZI")
        defer { try? FileManager.default.removeItem(at: agree.deletingLastPathComponent()) }
        let both = FixSet(try TestSupport.check(agree))
        #expect(both.skipped.isEmpty, "\(both.skipped)")
        #expect(both.apply().failed.isEmpty)
        let text = try String(contentsOf: agree.appendingPathComponent(header), encoding: .utf8)
        #expect(text.contains("(8000000UL)"))
    }

    @Test func diffOfCRLFAndLatin1FilesApplies() throws {
        let root = try FixTests.copy("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        // main.c with CRLF line ends and a Latin-1 comment (0xB5, micro sign) right above the changed line.
        let main = root.appendingPathComponent("CM7/Core/Src/main.c")
        var bytes = [UInt8]()
        for byte in try [UInt8](Data(contentsOf: main)) {
            if byte == UInt8(ascii: "\n") { bytes += [UInt8(ascii: "\r")] }
            bytes.append(byte)
        }
        let call = Array("  HAL_PWREx_ConfigSupply".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: call) })
        bytes.insert(contentsOf: Array("  /* VCAP 2.2 ".utf8) + [0xB5] + Array("F */\r\n".utf8), at: at)
        try Data(bytes).write(to: main)
        let patch = root.deletingLastPathComponent().appendingPathComponent("fix.patch")
        let preview = try TestSupport.run(["check", "--no-cache", "--diff", "--output", patch.path, "."], in: root)
        #expect(preview.status == 1, "\(preview.stderr)")
        let text = try [UInt8](Data(contentsOf: patch))
        #expect(!String(decoding: text, as: UTF8.self).contains("No newline at end of file"))
        #expect(text.contains(0xB5), "the Latin-1 byte did not come through as it is")
        let check = try ReportSupport.shell(["git", "apply", "--check", patch.path], in: root)
        #expect(check.status == 0, "\(check.output)")
        let apply = try ReportSupport.shell(["git", "apply", patch.path], in: root)
        #expect(apply.status == 0, "\(apply.output)")
        let fixed = try [UInt8](Data(contentsOf: main))
        #expect(fixed.count == bytes.count + "DIRECT_SMPS".utf8.count - "LDO".utf8.count)
        #expect(fixed.contains(0xB5) && fixed.filter { $0 == UInt8(ascii: "\r") }.count == bytes.filter { $0 == UInt8(ascii: "\r") }.count)
    }

    @Test func aCROnlyFileIsFixedLikeAnyOther() throws {
        let root = try FixTests.copy("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let main = root.appendingPathComponent("CM7/Core/Src/main.c")
        let old = try [UInt8](Data(contentsOf: main)).map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: "\r") : $0 }
        try Data(old).write(to: main)
        let reports = try TestSupport.check(root)
        let autofix = try #require(reports.flatMap(\.findings).first { $0.ruleID == "H7-PWR-001" }?.autofix)
        #expect(autofix.isApplicable, "\(autofix.blocked ?? "-")")
        #expect(FixSet(reports).apply().failed.isEmpty)
        let new = try [UInt8](Data(contentsOf: main))
        #expect(String(decoding: new, as: UTF8.self) == String(decoding: old, as: UTF8.self)
            .replacingOccurrences(of: "ConfigSupply(PWR_LDO_SUPPLY)", with: "ConfigSupply(PWR_DIRECT_SMPS_SUPPLY)"))
    }

    /// h745-two-use-pwr with each core's supply define chosen by `ifeq ($(BOARD),custom)`.
    static func boardConditional(defaults: String, custom: String, nucleo: String) throws -> URL {
        let root = try FixTests.copy("h745-two-use-pwr")
        for core in ["CM7", "CM4"] {
            let makefile = root.appendingPathComponent("Makefile/\(core)/Makefile")
            try FixTests.replace("-DSTM32H745xx \\\n-DUSE_PWR_LDO_SUPPLY \\\n-DUSE_PWR_DIRECT_SMPS_SUPPLY\n",
                                 "-DSTM32H745xx\n\(defaults)ifeq ($(BOARD),custom)\nC_DEFS += -D\(custom)\nelse\nC_DEFS += -D\(nucleo)\nendif\n", in: makefile)
        }
        return root
    }

    @Test func makefileConditionalsAreConfigurationsAndTheFixStaysInTheTakenBranch() throws {
        // make with no variables builds the else branch: direct SMPS, right for the Nucleo. Nothing to report.
        let right = try Self.boardConditional(defaults: "", custom: "USE_PWR_LDO_SUPPLY", nucleo: "USE_PWR_DIRECT_SMPS_SUPPLY")
        defer { try? FileManager.default.removeItem(at: right.deletingLastPathComponent()) }
        let reports = try TestSupport.check(right)
        #expect(TestSupport.summary(reports, level: .warning).isEmpty, "\(TestSupport.summary(reports))")
        let settings = try #require(reports.first?.project?.cores.first?.settings)
        #expect(settings.configuration?.contains("ifeq ($(BOARD),custom) (Makefile/CM7/Makefile:88) not taken") == true, "\(settings.configuration ?? "-")")

        // The default branch selects the LDO on the Nucleo: reported there, and fixed there only.
        let wrong = try Self.boardConditional(defaults: "", custom: "USE_PWR_LDO_SUPPLY", nucleo: "USE_PWR_LDO_SUPPLY")
        defer { try? FileManager.default.removeItem(at: wrong.deletingLastPathComponent()) }
        let found = try TestSupport.check(wrong)
        // One mistake in both cores' Makefiles is one finding, the other core's line a related location.
        #expect(TestSupport.summary(found, level: .error) == ["H7-PWR-001 Makefile/CM7/Makefile:91"], "\(TestSupport.summary(found, level: .error))")
        #expect(found.flatMap(\.findings).first { $0.ruleID == "H7-PWR-001" }?.related.contains { $0.range.file == "Makefile/CM4/Makefile" && $0.range.line == 91 } == true)
        let makefile = wrong.appendingPathComponent("Makefile/CM7/Makefile")
        let before = try String(contentsOf: makefile, encoding: .utf8)
        #expect(FixSet(found).apply().failed.isEmpty)
        let after = try String(contentsOf: makefile, encoding: .utf8)
        #expect(after == before.replacingOccurrences(of: "else\nC_DEFS += -DUSE_PWR_LDO_SUPPLY", with: "else\nC_DEFS += -DUSE_PWR_DIRECT_SMPS_SUPPLY"))
        #expect(after.contains("ifeq ($(BOARD),custom)\nC_DEFS += -DUSE_PWR_LDO_SUPPLY\n"), "the custom board's branch was rewritten")

        // `BOARD ?= custom` makes make take the custom branch by default: that is the configuration checked.
        let custom = try Self.boardConditional(defaults: "BOARD ?= custom\n", custom: "USE_PWR_LDO_SUPPLY", nucleo: "USE_PWR_DIRECT_SMPS_SUPPLY")
        defer { try? FileManager.default.removeItem(at: custom.deletingLastPathComponent()) }
        let taken = try TestSupport.check(custom)
        #expect(TestSupport.summary(taken, level: .error) == ["H7-PWR-001 Makefile/CM7/Makefile:90"],
                "\(TestSupport.summary(taken, level: .error))")
    }

    @Test func aFileReachedThroughALinkIsNeverChanged() throws {
        let root = try Self.boardConditional(defaults: "", custom: "USE_PWR_LDO_SUPPLY", nucleo: "USE_PWR_LDO_SUPPLY")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        // CM7's Makefile is a link to a makefile the repository shares.
        let makefile = root.appendingPathComponent("Makefile/CM7/Makefile"), shared = root.appendingPathComponent("common-cm7.mk")
        try FileManager.default.moveItem(at: makefile, to: shared)
        try FileManager.default.createSymbolicLink(atPath: makefile.path, withDestinationPath: "../../common-cm7.mk")
        let before = try FixTests.files(root)
        let fixes = FixSet(try TestSupport.check(root))
        #expect(fixes.files.isEmpty, "\(fixes.files.map(\.url.path))")
        #expect(fixes.skipped.contains { $0.contains("Makefile/CM7/Makefile: a symbolic link") }, "\(fixes.skipped)")
        #expect(fixes.apply().files == 0)
        #expect(try FixTests.files(root) == before)
    }

    /// The check after the fix reads the fixed header, not the hash it took of it before (one run, one cache).
    @Test func theCheckAfterTheFixSeesTheFixedHeader() throws {
        let root = try FixTests.copy("clk-007-hse-value")
        let cache = root.deletingLastPathComponent().appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let first = try TestSupport.run(["check", "--cache-dir", cache.path, "--format", "concise", "."], in: root)
        #expect(first.stdout.contains("[H7-CLK-007]"))
        let fixed = try TestSupport.run(["check", "--fix", "--cache-dir", cache.path, "--format", "concise", "."], in: root)
        #expect(fixed.stderr.contains("fixed 1 finding"), "\(fixed.stderr)")
        #expect(!fixed.stdout.contains("[H7-CLK-007]"), "the check after the fix used the header's old facts: \(fixed.stdout)")
    }
}
