import Foundation
import H7Model
import Testing

/// A fix names the API the project's clock code is written in: an LL project gets LL calls and constants, a
/// register-level one registers, never HAL struct fields.
struct FixTextAPITests {
    @Test func llProjectGetsLLFixTexts() throws {
        let project = try FixTests.copy("clk-005-h723-ll-vco")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let main = project.appendingPathComponent("Core/Src/main.c")
        // VOS1 with the CPU at 430 MHz, HCLK undivided, one wait state: the CPU, bus and wait-state limits fire.
        try FixTests.replace("LL_PWR_REGU_VOLTAGE_SCALE0", "LL_PWR_REGU_VOLTAGE_SCALE1", in: main)
        try FixTests.replace("LL_RCC_SetAHBPrescaler(LL_RCC_AHB_DIV_2)", "LL_RCC_SetAHBPrescaler(LL_RCC_AHB_DIV_1)", in: main)
        try FixTests.replace("LL_FLASH_LATENCY_3", "LL_FLASH_LATENCY_1", in: main)
        let fixes = try TestSupport.check(project).flatMap(\.findings).compactMap(\.fix)
        let joined = fixes.joined(separator: "\n")
        #expect(joined.contains("LL_RCC_PLL1_SetN"), "\(joined)")
        #expect(joined.contains("LL_FLASH_LATENCY_"), "\(joined)")
        for hal in ["PLLN", "SYSCLKDivider", "AHBCLKDivider", "FLASH_LATENCY_", "HAL_RCC"] {
            let named = fixes.filter { $0.replacingOccurrences(of: "LL_FLASH_LATENCY_", with: "").contains(hal) }
            #expect(named.isEmpty, "an LL project's fix names \(hal): \(named)")
        }
    }

    @Test func registerProjectGetsRegisterFixTexts() throws {
        let fixes = try TestSupport.check(TestSupport.fixtures.appendingPathComponent("h745-register-level")).flatMap(\.findings).compactMap(\.fix)
        let joined = fixes.joined(separator: "\n")
        #expect(joined.contains("FLASH->ACR LATENCY") && joined.contains("RCC->PLL1DIVR"), "\(joined)")
        #expect(!joined.contains("SYSCLKDivider") && !joined.contains("FLASH_LATENCY_"), "\(joined)")
    }
}
