import Foundation
import H7Lint
import H7Model
import H7Rules
import Testing

/// Register writes as the third front end of the clock and power model (Fixtures/h745-register-level and
/// variants of it written to a temporary folder).
struct RegisterLevelTests {
    static let fixture = TestSupport.fixtures.appendingPathComponent("h745-register-level")

    /// A copy of the fixture with files replaced (nil removes one).
    static func variant(_ changes: [String: String?]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-regs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: folder)
        for (path, text) in changes {
            let url = folder.appendingPathComponent(path)
            if let text { try text.write(to: url, atomically: true, encoding: .utf8) } else { try FileManager.default.removeItem(at: url) }
        }
        return folder
    }

    static func clocks(_ folder: URL) throws -> ClockAnalysis {
        let project = try #require(try TestSupport.check(folder).first?.project)
        return RuleContext(project: project, knowledge: TestSupport.knowledge).clocks
    }

    /// The dual-core project with no HAL call is found, and every field comes from its register writes: the project
    /// macro's PLLCKSELR/PLL1DIVR writes, MODIFY_REG on PLLCFGR/D1CFGR/FLASH->ACR/CFGR, the D3CR scale.
    @Test func dualCoreRegisterProjectIsModelled() throws {
        let reports = try TestSupport.check(Self.fixture)
        // HCLK 240 MHz is above VOS1's 225 MHz hard limit on RM0399 too: the same root cause as the CPU clock over
        // VOS1, so a note of H7-CLK-001, not an H7-CLK-002 error of its own; the APBs are above VOS1's characterised limit.
        #expect(TestSupport.summary(reports) == ["H7-CLK-001 CM7/Src/clock.c:39", "H7-CLK-003 CM7/Src/clock.c:38",
                                                 "H7-CLK-011 CM7/Src/clock.c:39", "H7-CLK-013 CM7/Src/clock.c:26"])
        let cpu = try #require(reports.first?.findings.first { $0.ruleID == "H7-CLK-001" })
        #expect(cpu.notes.contains { $0.hasPrefix("HCLK / AXI 240 MHz is above VOS1's 225 MHz limit too") }, "\(cpu.notes)")
        let project = try #require(reports.first?.project)
        let context = RuleContext(project: project, knowledge: TestSupport.knowledge)
        let main = try #require(context.clocks.main)
        #expect(main.core.core == .cm7 && main.configuration.entry == "Clock_Init")
        let tree = main.configuration.tree, pll = tree.inputs.pll(1)
        #expect(pll.m.value == 1 && pll.n.value == 120 && pll.p.value == 2 && pll.q.value == 4 && pll.r.value == 2)
        #expect(pll.m.spelled.hasPrefix("PLL1_CONFIG(") && pll.m.range?.file == "CM7/Src/clock.c")
        #expect(tree.inputs.hseMode.value == .bypass && tree.sysclk.mhz == 480 && tree.hclk.mhz == 240 && tree.apb1.mhz == 120)
        #expect(tree.inputs.flashLatency.value == 2 && tree.inputs.vos.value == 1)
        #expect(context.supply.effective?.scheme?.id == "direct-smps")
        // The CM4 image never touches PWR: nothing asks it to configure the supply.
        #expect(context.clocks.cores.first { $0.core == .cm4 }?.configurations.isEmpty == true)
    }

    /// Without the PWR->CR3 write the reset path still sets the clocks: the supply is never configured (the CM7 owns it).
    @Test func missingSupplyWriteIsReported() throws {
        let clock = try String(contentsOf: Self.fixture.appendingPathComponent("CM7/Src/clock.c"), encoding: .utf8)
        let folder = try Self.variant(["CM7/Src/clock.c": clock.replacingOccurrences(of: "MODIFY_REG(PWR->CR3, PWR_SUPPLY_CONFIG_MASK, PWR_CR3_SMPSEN);", with: "")])
        defer { try? FileManager.default.removeItem(at: folder) }
        let findings = try TestSupport.check(folder).flatMap(\.findings)
        #expect(findings.filter { $0.ruleID == "H7-PWR-004" }.count == 1)
    }

    /// A helper that nothing on the reset path calls is not run; writes in switch cases are unknown, with why.
    @Test func unreachedHelpersAndSwitchCasesDecideNothing() throws {
        let main = try String(contentsOf: Self.fixture.appendingPathComponent("CM7/Src/main.c"), encoding: .utf8)
        let dead = try Self.variant(["CM7/Src/main.c": main.replacingOccurrences(of: "  Clock_Init();\n", with: "")])
        defer { try? FileManager.default.removeItem(at: dead) }
        #expect(try TestSupport.check(dead).flatMap(\.findings).allSatisfy { !$0.ruleID.hasPrefix("H7-CLK-") })

        let clock = try String(contentsOf: Self.fixture.appendingPathComponent("CM7/Src/clock.c"), encoding: .utf8)
        let switched = clock.replacingOccurrences(of: "  MODIFY_REG(RCC->CFGR, RCC_CFGR_SW, RCC_CFGR_SW_PLL1);\n", with: """
              switch (RCC->CR & RCC_CR_HSERDY) {
              case 0U:
                MODIFY_REG(RCC->CFGR, RCC_CFGR_SW, RCC_CFGR_SW_HSI);
                break;
              default:
                MODIFY_REG(RCC->CFGR, RCC_CFGR_SW, RCC_CFGR_SW_PLL1);
                break;
              }

            """)
        let folder = try Self.variant(["CM7/Src/clock.c": switched])
        defer { try? FileManager.default.removeItem(at: folder) }
        let tree = try #require(try Self.clocks(folder).main?.configuration.tree)
        #expect(tree.sysclk.mhz == nil)
        #expect(tree.inputs.sysclkSource.reason?.contains("runtime branches") == true)
    }

    /// Above every scale's flash table (HCLK 250 MHz), too few wait states are H7-CLK-003 with a note on the scale
    /// finding; as many as the table's largest row are not judged again.
    @Test func flashLatencyAboveEveryTable() throws {
        let doc = try #require(TestSupport.knowledge.ruleDocs["H7-CLK-003"])
        let example = try #require(doc.examples?.triggering?.first { $0.name?.contains("250 MHz") == true })
        let (folder, _) = try CatalogExampleTests.materialize(example)
        defer { try? FileManager.default.removeItem(at: folder) }
        let finding = try #require(try TestSupport.check(folder).flatMap(\.findings).first { $0.ruleID == "H7-CLK-003" })
        #expect(finding.severity == .error && finding.message.contains("too few at every voltage scale"))
        #expect(finding.notes.contains { $0.contains("H7-CLK-002") })
        let enough = folder.appendingPathComponent("Core/Src/clock.c")
        let text = try String(contentsOf: enough, encoding: .utf8).replacingOccurrences(of: "FLASH_ACR_LATENCY_2WS", with: "FLASH_ACR_LATENCY_4WS")
        try text.write(to: enough, atomically: true, encoding: .utf8)
        #expect(try TestSupport.check(folder).flatMap(\.findings).allSatisfy { $0.ruleID != "H7-CLK-003" })
    }
}

/// Writes through address macros (`#define RCC_CFGR (*(volatile uint32_t *)(RCC_BASE + 0x10))`) and local copies
/// of a register (`reg = RCC_CFGR; reg &= ~7u; RCC_CFGR = reg | 3u;`), the style of bootloaders' own HALs: named by
/// address and replayed through the local, so the clocks they set are computed.
struct AddressMacroTests {
    static let clock = """
    #define RCC_BASE 0x58024400u
    #define RCC_CR (*(volatile unsigned int *)(RCC_BASE + 0x00))
    #define RCC_CFGR (*(volatile unsigned int *)(RCC_BASE + 0x10))
    #define RCC_PLLCKSELR (*(volatile unsigned int *)(RCC_BASE + 0x28))
    #define RCC_PLL1DIVR (*(volatile unsigned int *)(RCC_BASE + 0x30))
    #define PWR_CR3 (*(volatile unsigned int *)(0x58024800u + 0x0C))

    void SystemClock_Config(void)
    {
      unsigned int reg;
      unsigned int plln = 50;
      PWR_CR3 = (PWR_CR3 & ~0x7u) | 0x2u;
      reg = RCC_PLLCKSELR;
      reg &= ~0x3F3u;
      reg |= (4u << 4);
      RCC_PLLCKSELR = reg;
      reg = RCC_PLL1DIVR;
      reg &= ~0xFFFFu;
      reg |= (plln - 1u) | ((2u - 1u) << 9);
      RCC_PLL1DIVR = reg;
      RCC_CR |= (1u << 24);
      reg = RCC_CFGR;
      reg &= ~7u;
      RCC_CFGR = reg | 3u;
    }

    """

    @Test func addressMacrosAndLocalCopies() throws {
        let root = try DiscoveryTests.tree(["Makefile": "C_DEFS = -DSTM32H743xx\n", "Src/clock.c": Self.clock])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root, board: "NUCLEO-H743ZI")
        // HSI 64 MHz / 4 x 50 / 2 = 400 MHz, at the scale left after reset: found at the switch.
        let cpu = try #require(reports.first?.findings.first { $0.ruleID == "H7-CLK-001" })
        #expect(cpu.range?.line == 24 && cpu.message.contains("400 MHz"), "\(cpu.message)")
        // The supply is the LDO written through PWR_CR3, as the board is wired: no supply finding.
        #expect(reports.first?.findings.contains { $0.ruleID.hasPrefix("H7-PWR") } == false)
    }
}

/// HAL init structs written with designated initializers (`RCC_OscInitTypeDef osc = { .PLL.PLLN = 60, ... };`):
/// each field is read as the assignment it stands for, and the fields not named are zero, as C makes them.
struct DesignatedInitializerTests {
    @Test func designatedFieldsAreRead() throws {
        let main = """
        void SystemClock_Config(void)
        {
          HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);
          __HAL_PWR_VOLTAGESCALING_CONFIG(PWR_REGULATOR_VOLTAGE_SCALE1);
          RCC_OscInitTypeDef osc = {
            .OscillatorType = RCC_OSCILLATORTYPE_HSI,
            .HSIState = RCC_HSI_DIV1,
            .PLL = { .PLLState = RCC_PLL_ON, .PLLSource = RCC_PLLSOURCE_HSI, .PLLM = 4, .PLLN = 60, .PLLP = 2,
                     .PLLQ = 4, .PLLR = 2, .PLLRGE = RCC_PLL1VCIRANGE_3, .PLLVCOSEL = RCC_PLL1VCOWIDE },
          };
          HAL_RCC_OscConfig(&osc);
          RCC_ClkInitTypeDef clk = {
            .ClockType = RCC_CLOCKTYPE_SYSCLK | RCC_CLOCKTYPE_HCLK | RCC_CLOCKTYPE_D1PCLK1 | RCC_CLOCKTYPE_PCLK1
                         | RCC_CLOCKTYPE_PCLK2 | RCC_CLOCKTYPE_D3PCLK1,
            .SYSCLKSource = RCC_SYSCLKSOURCE_PLLCLK, .SYSCLKDivider = RCC_SYSCLK_DIV1, .AHBCLKDivider = RCC_HCLK_DIV2,
            .APB3CLKDivider = RCC_APB3_DIV2, .APB1CLKDivider = RCC_APB1_DIV2, .APB2CLKDivider = RCC_APB2_DIV2,
            .APB4CLKDivider = RCC_APB4_DIV2,
          };
          HAL_RCC_ClockConfig(&clk, FLASH_LATENCY_4);
        }

        """
        let root = try DiscoveryTests.tree(["Makefile": "C_DEFS = -DSTM32H743xx\n", "Core/Src/main.c": main])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root, board: "NUCLEO-H743ZI")
        // HSI 64 MHz / 4 x 60 / 2 = 480 MHz at VOS1 (400 MHz): found at the ClockConfig call; nothing left unread.
        let cpu = try #require(reports.first?.findings.first { $0.ruleID == "H7-CLK-001" })
        #expect(cpu.range?.line == 19 && cpu.message.contains("480 MHz"), "\(cpu.message)")
        #expect(reports.first?.findings.contains { $0.ruleID == "H7-META-005" } == false)
    }
}

/// The H7R/S line's LL set-up as ST's LL examples write it: no `LL_RCC_PLL_SetSource` (the PLL runs from HSI, its
/// reset source) and the line's `LL_RCC_HSI_DIV_1` spelling. Computed, so a PLLN over the scale is found.
struct H7RSLowLayerTests {
    static func main(plln: Int) -> String {
        """
        void SystemClock_Config(void)
        {
          LL_PWR_ConfigSupply(LL_PWR_LDO_SUPPLY);
          LL_FLASH_SetLatency(LL_FLASH_LATENCY_7);
          LL_PWR_SetRegulVoltageScaling(LL_PWR_REGU_VOLTAGE_SCALE0);
          LL_RCC_HSI_Enable();
          LL_RCC_HSI_SetDivider(LL_RCC_HSI_DIV_1);
          LL_RCC_PLL1_SetVCOInputRange(LL_RCC_PLLINPUTRANGE_2_4);
          LL_RCC_PLL1_SetVCOOutputRange(LL_RCC_PLLVCORANGE_WIDE);
          LL_RCC_PLL1_SetM(32);
          LL_RCC_PLL1_SetN(\(plln));
          LL_RCC_PLL1_SetP(1);
          LL_RCC_PLL1_SetQ(2);
          LL_RCC_PLL1_SetR(2);
          LL_RCC_PLL1_Enable();
          LL_RCC_PLL1P_Enable();
          LL_RCC_SetSysPrescaler(LL_RCC_SYSCLK_DIV_1);
          LL_RCC_SetAHBPrescaler(LL_RCC_AHB_DIV_2);
          LL_RCC_SetAPB1Prescaler(LL_RCC_APB1_DIV_2);
          LL_RCC_SetAPB2Prescaler(LL_RCC_APB2_DIV_2);
          LL_RCC_SetAPB4Prescaler(LL_RCC_APB4_DIV_2);
          LL_RCC_SetSysClkSource(LL_RCC_SYS_CLKSOURCE_PLL1);
        }

        """
    }

    @Test func resetSourceAndTheLineSpelling() throws {
        for (plln, expected) in [(300, [String]()), (350, ["H7-CLK-001", "H7-CLK-002"])] {
            let root = try DiscoveryTests.tree(["Makefile": "C_DEFS = -DSTM32H7S3xx\n", "Core/Src/main.c": Self.main(plln: plln)])
            defer { try? FileManager.default.removeItem(at: root) }
            let findings = try TestSupport.check(root, board: "NUCLEO-H7S3L8").flatMap(\.findings)
            // 64 MHz / 32 x N / 1: 600 MHz is VOS0's limit, 700 MHz (HCLK 350 MHz) is over it; nothing is left unread.
            #expect(findings.filter { $0.severity != .note }.map(\.ruleID) == expected, "\(findings.map(\.message))")
        }
    }
}
