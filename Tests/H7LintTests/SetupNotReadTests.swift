import Foundation
@testable import H7Lint
import H7Model
@testable import H7Rules
import Testing

/// H7-META-005: set-up h7lint saw but could not judge is said at its place, never a silent pass.
struct SetupNotReadTests {
    static let ioc = ["app.ioc": "Mcu.Family=STM32H7\nMcu.UserName=STM32H743ZITx\nboard=NUCLEO-H743ZI\n"]

    /// C++ in a `.c` file (the case before C++ was parsed as C++): the clock file does not parse.
    @Test func clockFileThatDoesNotParse() throws {
        let root = try DiscoveryTests.tree(Self.ioc.merging([
            "Core/Src/main.c": "extern \"C\" void SystemClock_Config(void)\n{\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n}\n",
        ]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let findings = try TestSupport.check(root).flatMap(\.findings).filter { $0.ruleID == "H7-META-005" }
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.range?.file == "Core/Src/main.c" && findings.first?.range?.line == 1)
        #expect(findings.first?.message.hasPrefix("Core/Src/main.c defines SystemClock_Config but it does not parse (") == true)
    }

    /// RCC clock registers written where no clock set-up could be computed (a value h7lint cannot evaluate,
    /// through an address it names: `RCC->CFGR`): said at the write.
    @Test func rccWritesNotDecoded() throws {
        let root = try DiscoveryTests.tree(Self.ioc.merging([
            "Core/Src/main.c": """
                #include <stdint.h>
                uint32_t board_clock_word(void);
                void SystemClock_Config(void)
                {
                  if (HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY) != HAL_OK) { while (1) {} }
                  *(volatile uint32_t *)0x58024410u = board_clock_word();
                }
                """,
        ]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let findings = try TestSupport.check(root).flatMap(\.findings).filter { $0.ruleID == "H7-META-005" }
        #expect(findings.map { $0.range?.line } == [6])
        #expect(findings.first?.message.hasPrefix("the system clock is switched here but h7lint could not compute it (cannot decode RCC_CFGR_SW") == true, "\(findings.map(\.message))")
    }

    @Test func clockRegisterNames() {
        func write(_ target: String) -> AssignmentFact {
            AssignmentFact(target: target, rootType: nil, op: "=", value: Operand(spelled: "0", value: 0, range: SourceRange(file: "a.c", line: 1)),
                           range: SourceRange(file: "a.c", line: 1), function: "f")
        }
        #expect(SetupNotReadRule.writesClockRegister(write("RCC->PLL1DIVR")))
        #expect(SetupNotReadRule.writesClockRegister(write("RCC->CFGR")))
        #expect(!SetupNotReadRule.writesClockRegister(write("RCC->AHB4ENR")))
        #expect(!SetupNotReadRule.writesClockRegister(write("GPIOA->MODER")))
    }
}
