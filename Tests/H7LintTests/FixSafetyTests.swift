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
        #expect(FixSet(reports).apply().isEmpty)
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
        #expect(FixSet(try TestSupport.check(root)).apply().isEmpty)
        let after = try String(contentsOf: makefile, encoding: .utf8)
        #expect(after == before.replacingOccurrences(of: "-DHSE_VALUE=25000000", with: "-DHSE_VALUE=8000000"), "\(after)")
        #expect(after.contains("-DAUDIO_EXT_HSE_VALUE=24576000"))
    }
}
