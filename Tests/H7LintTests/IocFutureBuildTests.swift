import Foundation
@testable import H7Lint
import H7Model
import Testing

/// The `.ioc` is the next build: its supply source and HSE mode are judged against the board, once per root cause.
struct IocFutureBuildTests {
    static func project(ioc: String, code: String) throws -> URL {
        try DiscoveryTests.tree([
            "app.ioc": "Mcu.Family=STM32H7\nMcu.UserName=STM32H745ZITx\nboard=NUCLEO-H745ZI-Q\n" + ioc,
            "Core/Src/main.c": "void SystemClock_Config(void)\n{\n  if (\(code) != HAL_OK) { while (1) {} }\n}\n",
        ])
    }

    /// Code fixed, `.ioc` not: an error at the `.ioc` line (the board is named), and no H7-PWR-007 beside it.
    @Test func iocSupplyWrongForTheBoard() throws {
        let root = try Self.project(ioc: "RCC.SupplySource=PWR_LDO_SUPPLY\n", code: "HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY)")
        defer { try? FileManager.default.removeItem(at: root) }
        let findings = try TestSupport.check(root).flatMap(\.findings).filter { $0.severity >= .warning }
        #expect(findings.map(\.ruleID) == ["H7-PWR-001"])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.range?.file == "app.ioc" && findings.first?.range?.line == 4)
        #expect(findings.first?.message.hasPrefix("regenerating the code from this .ioc selects ldo (PWR_LDO_SUPPLY)") == true)
    }

    /// Code and `.ioc` wrong the same way: one finding, at the code, which says the `.ioc` holds it too.
    @Test func codeAndIocWrongIsOneFinding() throws {
        let root = try Self.project(ioc: "RCC.SupplySource=PWR_LDO_SUPPLY\n", code: "HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY)")
        defer { try? FileManager.default.removeItem(at: root) }
        let findings = try TestSupport.check(root).flatMap(\.findings).filter { $0.ruleID == "H7-PWR-001" }
        #expect(findings.count == 1)
        #expect(findings.first?.range?.file == "Core/Src/main.c")
        #expect(findings.first?.notes.contains { $0.hasPrefix("the .ioc selects it too (app.ioc:4") } == true)
    }

    /// The `.ioc` agrees with the board: nothing about it.
    @Test func iocRightIsQuiet() throws {
        let root = try Self.project(ioc: "RCC.SupplySource=PWR_DIRECT_SMPS_SUPPLY\n", code: "HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY)")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(TestSupport.summary(try TestSupport.check(root)).isEmpty)
    }

    /// The HSE pin mode of the `.ioc` against the board's wiring (NUCLEO-H745ZI-Q: 8 MHz bypass).
    @Test func iocHSEModeWrongForTheBoard() throws {
        let root = try Self.project(ioc: "PH0-OSC_IN\\ (PH0).Mode=HSE-External-Oscillator\nPH0-OSC_IN\\ (PH0).Signal=RCC_OSC_IN\n",
                                    code: "HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY)")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(TestSupport.summary(try TestSupport.check(root)) == ["H7-CLK-008 app.ioc:4"])
    }
}
