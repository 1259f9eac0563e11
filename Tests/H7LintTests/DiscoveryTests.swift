import Foundation
@testable import H7Lint
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

    /// Register-level clock code in a driver folder with the reset path in C one folder up (`Code/Startup.c`,
    /// `Code/mcal/Clock.c`, as in bare-metal trees built from an SVD header): a project, never "no project found";
    /// bit-field writes it cannot decode are said, not passed.
    @Test func registerCodeBelowACStartupIsAProject() throws {
        let root = try Self.tree([
            "Makefile": "all:\n",
            "Code/Startup.c": "void Startup_Init(void);\nvoid Reset_Handler(void) { Startup_Init(); }\n",
            "Code/main.c": "void InitClock(void);\nint main(void) { InitClock(); for (;;) {} }\n",
            "Code/mcal/Clock.c": """
            typedef struct { struct { unsigned DIVM1 : 6; } bit; } PLLCKSELR_t;
            typedef struct { PLLCKSELR_t PLLCKSELR; } RCC_t;
            #define RCC ((volatile RCC_t *)0x58024400u)
            void InitClock(void) { RCC->PLLCKSELR.bit.DIVM1 = 32u; }

            """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        #expect(reports.count == 1)
        #expect(reports[0].project?.cores.flatMap(\.parsedFiles).contains("Code/mcal/Clock.c") == true)
        #expect(reports[0].findings.contains { $0.ruleID == "H7-META-005" })
    }

    /// Bit-field register writes (`RCC->CFGR.bit.SW = 3u`, from an SVD-generated header) reached from a C reset
    /// handler through a file that names nothing the rules read (`mcal/Mcu.c`): decoded like CMSIS writes, so
    /// 400 MHz at the voltage scale left after reset is found at the switch.
    @Test func bitFieldWritesOnAResetPathInC() throws {
        let header = """
        typedef union { unsigned reg; struct { unsigned DIVM1 : 6; } bit; } PLLCKSELR_t;
        typedef union { unsigned reg; struct { unsigned DIVN1 : 9, DIVP1 : 7; } bit; } PLL1DIVR_t;
        typedef union { unsigned reg; struct { unsigned PLL1ON : 1, PLL1RDY : 1; } bit; } CR_t;
        typedef union { unsigned reg; struct { unsigned SW : 3, SWS : 3; } bit; } CFGR_t;
        typedef struct { CR_t CR; CFGR_t CFGR; PLLCKSELR_t PLLCKSELR; PLL1DIVR_t PLL1DIVR; } RCC_t;
        #define RCC ((volatile RCC_t *)0x58024400u)

        """
        let root = try Self.tree([
            "Makefile": "CFLAGS += -DSTM32H743xx\n",
            "Code/Startup.c": "void HwInitialization(void);\nvoid Startup_Init(void) { HwInitialization(); }\n",
            "Code/mcal/regs.h": header,
            "Code/mcal/Mcu.c": "void InitClock(void);\nvoid HwInitialization(void) { InitClock(); }\n",
            "Code/mcal/Clock.c": """
            #include "regs.h"
            void InitClock(void)
            {
              RCC->PLLCKSELR.bit.DIVM1 = 4u;
              RCC->PLL1DIVR.bit.DIVN1 = 49u;
              RCC->PLL1DIVR.bit.DIVP1 = 1u;
              RCC->CR.bit.PLL1ON = 1u;
              while (!RCC->CR.bit.PLL1RDY) {}
              RCC->CFGR.bit.SW = 3u;
            }

            """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = try TestSupport.check(root)
        #expect(reports.count == 1)
        let clock = reports.first?.findings.first { $0.ruleID == "H7-CLK-001" }
        #expect(clock?.range?.file.hasSuffix("mcal/Clock.c") == true && clock?.range?.line == 9)
        #expect(clock?.message.contains("400 MHz") == true)
    }

    /// No build file names the part: the board the user names does, said as an assumption; without a board the
    /// clocks read are a warning that nothing was checked, never a note-only clean run.
    @Test func aNamedBoardGivesThePart() throws {
        let root = try Self.tree([
            "Makefile": "all:\n",
            "src/startup.c": "void clock_init(void);\nvoid Reset_Handler(void) { clock_init(); }\n",
            "src/clock.c": "void clock_init(void)\n{\n  RCC->PLLCKSELR = 0x02020040u;\n  RCC->CR |= RCC_CR_PLL1ON;\n  RCC->CFGR = RCC_CFGR_SW_PLL1;\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let unnamed = try TestSupport.check(root)
        #expect(unnamed.first?.project?.device == nil)
        #expect(unnamed.first?.findings.contains { $0.ruleID == "H7-META-005" && $0.severity == .warning } == true)
        let named = try TestSupport.check(root, board: "NUCLEO-H743ZI")
        #expect(named.first?.project?.device?.define == "STM32H743xx")
        #expect(named.first?.project?.deviceOrigin == "board NUCLEO-H743ZI")
        // A profile `h7lint init` wrote, with only its part number filled in.
        let profile = "id: MY-BOARD\nname: my board\npart: STM32H7A3ZIT6Q\nsupply:\n  allowed: [direct-smps]\n  source: schematic\nsources: [schematic]\n"
        try profile.write(to: root.appendingPathComponent("h7lint-board.yml"), atomically: true, encoding: .utf8)
        try "board: h7lint-board.yml\n".write(to: root.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.check(root).first?.project?.device?.define == "STM32H7A3xxQ")
    }

    /// No define and no .ioc: a linker script or a SEGGER Ozone project named for the part names it, with its
    /// SMPS suffix (`...XQ` is the STM32H7A3xxQ, the part with an SMPS; the define's prefix alone would lose it).
    @Test func partFromFileNamesKeepsItsSmpsSuffix() throws {
        for name in ["STM32H7A3ZITXQ_FLASH.ld", "STM32H7A3ZIT6Q.jdebug"] {
            let root = try Self.tree([
                "Makefile": "all:\n",
                name: "",
                "src/startup.c": "void clock_init(void);\nvoid Reset_Handler(void) { clock_init(); }\n",
                "src/clock.c": "void clock_init(void)\n{\n  RCC->CFGR = RCC_CFGR_SW_HSE;\n}\n",
            ])
            defer { try? FileManager.default.removeItem(at: root) }
            let project = try TestSupport.check(root).first?.project
            #expect(project?.device?.define == "STM32H7A3xxQ", "\(name)")
            #expect(project?.deviceOrigin == "file name \(name)")
        }
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

/// How a file finds its project among thousands: by walking its folders up, never by prefix alone.
@Suite struct ProjectOwnerTests {
    @Test func innermostRootHoldsTheFile() {
        let roots: Set<String> = ["/r/a", "/r/a/b", "/r/ab"]
        #expect(ProjectFinder.innermost(of: "/r/a/b/Core/Src/main.c", in: roots, orSelf: false) == "/r/a/b")
        #expect(ProjectFinder.innermost(of: "/r/a/x.c", in: roots, orSelf: false) == "/r/a")
        #expect(ProjectFinder.innermost(of: "/r/abc/x.c", in: roots, orSelf: false) == nil)
        #expect(ProjectFinder.innermost(of: "/r/ab", in: roots, orSelf: false) == nil)
        #expect(ProjectFinder.innermost(of: "/r/ab", in: roots, orSelf: true) == "/r/ab")
    }

    @Test func anchorsCountAtAnyDepthBelowAFolder() {
        // A root without an anchor of its own moves up to the folder whose build file covers it.
        let moved = ProjectFinder.anchored(["/t/p/Core/Scr"], anchors: ["/t/p/Makefile"], iocRoots: [], top: "/t")
        #expect(moved == ["/t/p"])
        let kept = ProjectFinder.anchored(["/t/p"], anchors: ["/t/p/sub/deep/startup.s"], iocRoots: [], top: "/t")
        #expect(kept == ["/t/p"])
        // A sibling whose name starts the same (`pq`) is not below `p`: the root moves up to their common folder.
        let sibling = ProjectFinder.anchored(["/t/p"], anchors: ["/t/pq/Makefile"], iocRoots: [], top: "/t")
        #expect(sibling == ["/t"])
    }
}
