import Foundation
import Testing

extension String {
    /// Standard error without the `h7lint: assumed for ...` blocks that `--verbose` prints.
    var withoutAssumptions: String {
        var kept: [Substring] = []
        var inBlock = false
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("h7lint: assumed for ") { inBlock = true; continue }
            if inBlock && line.hasPrefix("  ") { continue }
            inBlock = false
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }
}

/// `--show-assumptions` (and `--verbose`) say, per core, what decided the supply: the USE_PWR_* defines and
/// the ExitRun0Mode() branch they select, and the calls, with their places.
struct AssumptionTests {
    static let dualCore = TestSupport.fixtures.appendingPathComponent("dual-core-macro-vs-call")

    @Test func supplyOriginsPerCore() throws {
        let result = try TestSupport.run(["check", ".", "--show-assumptions", "--format", "concise"], in: Self.dualCore)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let expected = [
            "  CM7: supply defines USE_PWR_DIRECT_SMPS_SUPPLY (CM7/.cproject:42:1); the startup file calls ExitRun0Mode()",
            "  CM7: supply direct-smps (USE_PWR_DIRECT_SMPS_SUPPLY) by USE_PWR_* define applied by ExitRun0Mode() at CM7/.cproject:42:1; the #if branch it selects writes PWR->CR3 at Common/Src/system_stm32h7xx_dualcore_boot_cm4_cm7.c:43:3",
            "  CM7: supply ldo (PWR_LDO_SUPPLY) by HAL_PWREx_ConfigSupply() in SystemClock_Config() at CM7/Core/Src/main.c:77:3",
            "  CM4: supply defines USE_PWR_DIRECT_SMPS_SUPPLY (CM4/.cproject:42:1); the startup file calls ExitRun0Mode()",
        ]
        #expect(lines.filter { $0.contains(": supply ") }.prefix(4).map { $0 } == expected, "\(result.stderr)")
    }

    @Test func definesThatNothingAppliesAreSaid() throws {
        let folder = TestSupport.fixtures.appendingPathComponent("macro-without-exitrun0mode")
        let result = try TestSupport.run(["check", ".", "--show-assumptions", "--format", "concise"], in: folder)
        #expect(result.stderr.contains("  CM7: supply defines USE_PWR_DIRECT_SMPS_SUPPLY (CM7/.cproject:42:1); not applied: no ExitRun0Mode() in the parsed code\n"),
                "\(result.stderr)")
    }

    @Test func verboseShowsThemAndTheDefaultDoesNot() throws {
        let seed = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed")
        let verbose = try TestSupport.run(["check", ".", "--verbose", "--format", "concise"], in: seed)
        #expect(verbose.stderr.contains("h7lint: assumed for nucleo-h745-ldo-seed:\n"))
        #expect(verbose.stderr.contains("  CM7: supply ldo (PWR_LDO_SUPPLY) by HAL_PWREx_ConfigSupply() in SystemClock_Config() at CM7/Core/Src/main.c:77:3\n"))
        #expect(verbose.stderr.contains("  CM4: supply: no USE_PWR_* define, call or PWR->CR3 write in the parsed code\n"))
        #expect(!verbose.stderr.withoutAssumptions.contains("assumed for"))
        let plain = try TestSupport.run(["check", ".", "--format", "concise"], in: seed)
        #expect(!plain.stderr.contains("assumed for"))
        #expect(plain.stdout == verbose.stdout)
    }
}
