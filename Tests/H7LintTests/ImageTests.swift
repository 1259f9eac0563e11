import Foundation
import H7Image
import H7Lint
import H7Model
import H7Rules
import Testing

/// `h7lint image`: fixture images built with arm-none-eabi-gcc, emulated on Unicorn, judged by the existing rules.
@Suite(.enabled(if: ImageSupport.available, ImageSupport.skipReason))
struct ImageTests {
    /// LDO written on a board wired for the LDO: nothing to report, and the run reached main's loop.
    @Test func correctSupplyHasNoError() throws {
        let result = ImageSupport.check(try ImageSupport.build([]))
        #expect(result.report.error == nil)
        #expect(ImageSupport.summary(result) == [])
        let emulation = try #require(result.emulation)
        #expect(emulation.stop.kind == .idleLoop && emulation.reachedMain)
        #expect(emulation.writes.first?.register == "PWR->CR3" && (emulation.writes.first?.value ?? 0) & 0x7 == 0x2)
    }

    /// Direct SMPS written on the LDO board: H7-PWR-001 at the line of the PWR_CR3 store, from DWARF.
    @Test func wrongSupplyIsReportedAtItsLine() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SUPPLY_DIRECT_SMPS"]))
        let line = try ImageSupport.line(of: "| CR3_SMPSEN;")
        #expect(ImageSupport.summary(result) == ["H7-PWR-001 app.c:\(line)"])
        #expect(result.report.findings.first?.severity == .error)
    }

    /// The store made inside a driver function (a file under Drivers/, as ST's HAL) is placed at the firmware's
    /// call of it, as the sources' finding is, not at the driver's line; its function stays the driver's.
    @Test func driverStoreIsPlacedAtTheCall() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SUPPLY_BY_DRIVER"]))
        #expect(ImageSupport.summary(result) == ["H7-PWR-001 app.c:\(try ImageSupport.line(of: "vendor_config_supply(CR3_SMPSEN);"))"])
        let write = try #require(result.emulation?.writes.first { $0.register == "PWR->CR3" })
        #expect(result.image?.functionName(write.pc) == "vendor_config_supply" && write.callers.count >= 2)
    }

    /// A store from a header's inline function (LL at -Os) has no call on the stack: it is placed at the caller's
    /// statement before it in the same function (it was placed at the call of main in the startup file).
    @Test func inlinedDriverStoreIsPlacedAtTheCaller() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SUPPLY_BY_INLINE"]))
        #expect(ImageSupport.summary(result) == ["H7-PWR-001 app.c:\(try ImageSupport.line(of: "vendor_inline_supply(CR3_SMPSEN);"))"])
    }

    /// DWARF file names relative to the compilation folder (`../Core/Src/main.c` in STM32CubeIDE's images) are
    /// taken relative to the image's folder, where the build ran, not to the current folder.
    @Test func relativeDwarfPathsFromTheImageFolder() throws {
        let path = try ImageSupport.build(["SUPPLY_DIRECT_SMPS"], flags: ["-fdebug-prefix-map=\(ImageSupport.fixture.path)=../Src"])
        let result = ImageSupport.check(path)
        let file = try #require(result.report.findings.first { $0.ruleID == "H7-PWR-001" }?.range?.file)
        let expected = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("../Src/app.c").standardizedFileURL.path
        #expect(file == expected)
    }

    /// DWARF 5 line programs (gcc's default from 11 on) give the same place.
    @Test func dwarf5LinesAreRead() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SUPPLY_DIRECT_SMPS"], debug: "-gdwarf-5"))
        let line = try ImageSupport.line(of: "| CR3_SMPSEN;")
        #expect(ImageSupport.summary(result) == ["H7-PWR-001 app.c:\(line)"])
    }

    /// VOS0 (SYSCFG ODEN) with direct SMPS: H7-VOS-001 besides the supply error.
    @Test func vos0WithoutLdo() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SUPPLY_DIRECT_SMPS", "VOS0"]), board: "NUCLEO-H745ZI-Q")
        #expect(ImageSupport.summary(result) == ["H7-VOS-001 app.c:\(try ImageSupport.line(of: "SYSCFG_PWRCR |= 1u"))"])
    }

    /// 0 wait states, then the switch to PLL1, then 2 wait states: the switch ran with too few (order matters).
    @Test func latencyRaisedAfterTheSwitch() throws {
        let result = ImageSupport.check(try ImageSupport.build(["LATE_LATENCY"]))
        #expect(ImageSupport.summary(result) == ["H7-CLK-003 app.c:\(try ImageSupport.line(of: "FLASH_ACR = 0x0u"))"])
        let good = ImageSupport.check(try ImageSupport.build([]))
        #expect(!ImageSupport.summary(good).contains { $0.hasPrefix("H7-CLK-003") })
    }

    /// VOS1 then ODEN written from one source line (as `__HAL_PWR_VOLTAGESCALING_CONFIG(SCALE0)` does): the
    /// writes share their DWARF line, and the ODEN write still makes VOS0 (it was taken for the D3CR write's VOS1).
    @Test func vos0FromOneLine() throws {
        let result = ImageSupport.check(try ImageSupport.build(["VOS0_ONE_LINE"]))
        let project = try #require(result.report.project)
        let tree = try #require(RuleContext(project: project, knowledge: TestSupport.knowledge).clocks.main?.configuration.tree)
        #expect(tree.inputs.vos.value == 0)
        let plain = try #require(ImageSupport.check(try ImageSupport.build([])).report.project)
        #expect(RuleContext(project: plain, knowledge: TestSupport.knowledge).clocks.main?.configuration.tree.inputs.vos.value == 1)
    }

    /// Wait states lowered after the switch (HAL_RCC_ClockConfig with a latency below the reset value lowers them
    /// once the new clock runs): the clock is then read with too few; it went unreported, judged only at switches.
    @Test func latencyLoweredAfterTheSwitch() throws {
        let result = ImageSupport.check(try ImageSupport.build(["LATENCY_LOWERED_AFTER"]))
        #expect(ImageSupport.summary(result) == ["H7-CLK-003 app.c:\(try ImageSupport.line(of: "FLASH_ACR = 0x11u"))"])
    }

    /// Option bytes: RDP level 2 programmed through OPTSR_PRG and OPTSTART.
    @Test func readoutLevel2Programming() throws {
        let result = ImageSupport.check(try ImageSupport.build(["RDP2"]))
        #expect(ImageSupport.summary(result) == ["H7-DBG-004 app.c:\(try ImageSupport.line(of: "0xCC00u"))"])
        #expect(result.emulation?.optionStarts.first.map { $0 & 0xFF00 } == 0xCC00)
    }

    /// A bus fault in SystemInit: the stop says so, and the unjudged set-up is a warning, never a clean pass.
    @Test func hardFaultInSystemInit() throws {
        let path = try ImageSupport.build(["FAULT_IN_SYSTEMINIT"])
        let result = ImageSupport.check(path)
        let emulation = try #require(result.emulation)
        #expect(emulation.stop.kind == .fault && emulation.stop.detail.contains("HardFault"))
        #expect(result.image?.functionName(emulation.stop.pc) == "SystemInit")
        #expect(ImageSupport.summary(result) == ["H7-META-005 app.c:\(try ImageSupport.line(of: "REG(0x60000000u)"))"])
        #expect(result.report.findings.first?.message.contains("before the supply was written") == true)
    }

    /// A loop in SystemInit on a flag nothing models: stopped before main, and said so (never a clean pass).
    @Test func hangBeforeMainIsNotAPass() throws {
        var options = Emulator.Options()
        options.idleIterationsBeforeMain = 50_000
        let result = ImageSupport.check(try ImageSupport.build(["HANG_IN_SYSTEMINIT"]), options: options)
        #expect(result.emulation?.stop.kind == .idleLoop && result.emulation?.reachedMain == false)
        #expect(ImageSupport.summary(result).contains { $0.hasPrefix("H7-META-005 app.c:") })
    }

    /// A loop in Error_Handler after main: the clock set-up after the failed call never ran, and the report says
    /// so at the call of Error_Handler (it was a clean pass).
    @Test func errorHandlerIsNotAPass() throws {
        let result = ImageSupport.check(try ImageSupport.build(["ERROR_IN_MAIN"]))
        #expect(result.emulation?.stop.kind == .idleLoop && result.emulation?.reachedMain == true)
        #expect(ImageSupport.summary(result) == ["H7-META-005 app.c:\(try ImageSupport.line(of: "Error_Handler();"))"])
        #expect(result.report.findings.first?.message.contains("ended in Error_Handler") == true)
    }

    /// HAL_RTC_Init's wait for INITF after INIT: the RTC flags are modelled, so the set-up is not cut short in
    /// Error_Handler (ST's PWR_STANDBY_RTC and PWR_STOP2_RTC examples never reached their low-power entry).
    @Test func rtcInitialisationCompletes() throws {
        let result = ImageSupport.check(try ImageSupport.build(["RTC_INIT"]))
        #expect(ImageSupport.summary(result) == [])
        let stop = try #require(result.emulation?.stop.pc)
        #expect(result.image?.functionName(stop) == "main")
    }

    /// HAL_ETH_Init's wait for ETH_DMAMR.SWR to clear: modelled, so the set-up goes on (public CubeIDE images for the
    /// NUCLEO-H743ZI2 ended in Error_Handler there).
    @Test func ethernetResetCompletes() throws {
        let result = ImageSupport.check(try ImageSupport.build(["ETH_RESET"]))
        #expect(ImageSupport.summary(result) == [])
        #expect(result.image?.functionName(try #require(result.emulation?.stop.pc)) == "main")
    }

    /// A driver that moves the pins of GPIOA to analog one MODER write a pin: the writes share the call's place,
    /// and the SWD pins among them are found (only the first write, PA0, was read).
    @Test func pinsMovedOneWriteAPin() throws {
        let result = ImageSupport.check(try ImageSupport.build(["PINS_ANALOG_BY_DRIVER"]))
        let line = try ImageSupport.line(of: "vendor_pins_analog(&REG")
        #expect(ImageSupport.summary(result) == ["H7-DBG-001 app.c:\(line)"])
        let message = result.report.findings.first { $0.ruleID == "H7-DBG-001" }?.message ?? ""
        #expect(message.contains("PA13") && message.contains("PA14"), "\(message)")
    }

    /// A RAM fill of 32 768 passes reads no peripheral: it computes and is run to its end (the Standby entry after
    /// it is judged); a loop polling a peripheral is idle after 20 000 passes (ST's PWR_STOP2_RTC fills 256 KB).
    @Test func ramFillIsNotIdle() throws {
        let result = ImageSupport.check(try ImageSupport.build(["RAM_FILL", "STANDBY_BY_DRIVER"]))
        #expect(result.emulation?.stop.kind == .waitForInterrupt, "\(String(describing: result.emulation?.stop))")
        #expect(ImageSupport.summary(result) == ["H7-DBG-003 app.c:\(try ImageSupport.line(of: "    HAL_PWR_EnterSTANDBYMode();"))"])
    }

    /// HAL_PWR_EnterSTANDBYMode's WFI from main is the Standby entry, reported at main's call of it.
    @Test func standbyEntryIsPlacedAtTheCall() throws {
        let result = ImageSupport.check(try ImageSupport.build(["STANDBY_BY_DRIVER"]))
        #expect(result.emulation?.stop.kind == .waitForInterrupt)
        #expect(ImageSupport.summary(result) == ["H7-DBG-003 app.c:\(try ImageSupport.line(of: "    HAL_PWR_EnterSTANDBYMode();"))"])
    }

    /// No --part and no CMSIS header in the DWARF lines: the device define of a -g3 build's macro table names the
    /// part, as an assumption; without macros (-g) the run stops asking for --part.
    @Test func partFromTheDwarfMacros() throws {
        let result = ImageSupport.check(try ImageSupport.build(["STM32H745xx", "SUPPLY_DIRECT_SMPS"], debug: "-g3"), part: nil)
        #expect(result.report.project?.device?.part.define == "STM32H745xx")
        #expect(result.report.project?.deviceOrigin?.contains("DWARF macros") == true)
        #expect(ImageSupport.summary(result) == ["H7-PWR-001 app.c:\(try ImageSupport.line(of: "| CR3_SMPSEN;"))"])
        let plain = ImageSupport.check(try ImageSupport.build(["STM32H745xx"]), part: nil)
        #expect(plain.report.error?.message.contains("give --part") == true)
    }

    /// Symbols without DWARF: the place names the address and function; no symbols at all: the address.
    @Test func imagesWithoutDwarf() throws {
        let noLines = ImageSupport.check(try ImageSupport.build(["SUPPLY_DIRECT_SMPS"], debug: "-g0"))
        let place = try #require(noLines.report.findings.first { $0.ruleID == "H7-PWR-001" }?.range?.file)
        #expect(place.hasSuffix(" main+0xe") || place.contains("@0x08") && place.contains(" main+"), "\(place)")
        let stripped = ImageSupport.check(try ImageSupport.build(["SUPPLY_DIRECT_SMPS"], strip: true))
        let bare = try #require(stripped.report.findings.first { $0.ruleID == "H7-PWR-001" }?.range?.file)
        #expect(bare.contains("@0x080000"), "\(bare)")
        #expect(stripped.image?.hasSymbols == false)
    }

    /// The same image as Intel HEX and as a raw binary: judged alike, placed by address (no symbols).
    @Test func hexAndBinImages() throws {
        let elf = try ImageSupport.build(["SUPPLY_DIRECT_SMPS"])
        let objcopy = try #require(ImageSupport.gcc).replacingOccurrences(of: "-gcc", with: "-objcopy")
        for (format, ext) in [("ihex", "hex"), ("binary", "bin")] {
            let out = elf + "." + ext
            if !FileManager.default.fileExists(atPath: out) {
                let temporary = out + ".\(UUID().uuidString)"
                try ImageSupport.runTool(objcopy, ["-O", format, elf, temporary])
                _ = rename(temporary, out)
            }
            let result = ImageSupport.check(out)
            #expect(result.report.error == nil, "\(String(describing: result.report.error))")
            let place = try #require(result.report.findings.first { $0.ruleID == "H7-PWR-001" }?.range?.file)
            #expect(place.contains("@0x080000"), "\(place)")
        }
    }

    /// PWR_CR3's supply bits are write-once: the second write is in the trace, marked, and judged by nobody.
    @Test func secondSupplyWriteIsIgnored() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SECOND_SUPPLY_WRITE"]))
        let writes = try #require(result.emulation?.writes.filter { $0.register == "PWR->CR3" })
        #expect(writes.count == 2 && writes[0].note == nil && writes[1].note?.contains("written once") == true)
        #expect(writes[1].value & 0x7 == 0x2)
        #expect(ImageSupport.summary(result) == [])
    }

    /// An image built for the Cortex-M4 (FPv4 in .ARM.attributes) runs as the CM4 of a dual-core part.
    @Test func cortexM4ImageIsTheCM4() throws {
        let path = try ImageSupport.build([], cpu: ["-mcpu=cortex-m4", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"])
        let result = ImageSupport.check(path)
        #expect(result.emulation?.cpu == "Cortex-M4")
        #expect(result.report.project?.cores.first?.core == .cm4)
    }

    /// An image linked to run after a boot loader (data, bss and stack in FMC SDRAM, as ST's ExtMem applications):
    /// the external memory is mapped as the boot loader leaves it, and named; the set-up is judged, not a fault.
    @Test func stackInExternalMemory() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SUPPLY_DIRECT_SMPS"], ram: ("0xD0000000", "128K")))
        let emulation = try #require(result.emulation)
        #expect(emulation.stop.kind == .idleLoop && emulation.reachedMain, "\(emulation.stop)")
        #expect(emulation.mapped.contains { $0.base == 0xD001_0000 && $0.name.contains("boot loader") }, "\(emulation.mapped)")
        #expect(ImageSupport.summary(result) == ["H7-PWR-001 app.c:\(try ImageSupport.line(of: "| CR3_SMPSEN;"))"])
    }

    /// The stack in the 4 KB backup SRAM at 0x38800000 (ChibiOS's H743 linker scripts put the main stack there): it
    /// is mapped memory of the part, so the reset path runs (it faulted at the first push).
    @Test func stackInBackupSram() throws {
        let result = ImageSupport.check(try ImageSupport.build(["SUPPLY_DIRECT_SMPS"], ram: ("0x38800000", "4K")))
        #expect(result.emulation?.stop.kind == .idleLoop && result.emulation?.reachedMain == true, "\(String(describing: result.emulation?.stop))")
        #expect(result.emulation?.mapped.contains { $0.base == 0x3880_0000 && $0.name == "backup SRAM" } == true)
    }

    /// A WFI in main's loop is a stop point of its own.
    @Test func waitForInterruptStops() throws {
        let result = ImageSupport.check(try ImageSupport.build(["WFI_AT_END"]))
        #expect(result.emulation?.stop.kind == .waitForInterrupt)
    }

    /// `--trace` and `--show-assumptions` on the built binary; the exit code follows the findings.
    @Test func commandLine() throws {
        let path = try ImageSupport.build(["SUPPLY_DIRECT_SMPS"])
        let run = try TestSupport.run(["image", path, "--part", "STM32H745xx", "--board", "NUCLEO-H745ZI-Q:ldo-rework", "--trace", "--show-assumptions"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("PWR->CR3           = 0x00000004"), "\(run.stdout)")
        #expect(run.stdout.contains("app.c:\(try ImageSupport.line(of: "| CR3_SMPSEN;")) main"))
        #expect(run.stderr.contains("memory mapped:") && run.stderr.contains("AXI SRAM") && run.stderr.contains("stop: "))
        #expect(run.stderr.contains("supply: direct-smps (PWR->CR3 = 0x00000004) at app.c:\(try ImageSupport.line(of: "| CR3_SMPSEN;"))"), "\(run.stderr)")
    }

    /// `h7lint clocks IMAGE`: the clock tree of the emulated writes, as for sources.
    @Test func clocksOfAnImage() throws {
        let path = try ImageSupport.build([])
        let run = try TestSupport.run(["clocks", path, "--part", "STM32H745xx", "--board", "NUCLEO-H745ZI-Q:ldo-rework"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("voltage scale: VOS1") && run.stdout.range(of: #"SYSCLK\s+400 MHz\s+PLL1 P"#, options: .regularExpression) != nil, "\(run.stdout)")
        #expect(run.stdout.contains("flash latency 2 WS"), "\(run.stdout)")
    }
}

/// `check --image`: the image is checked with the project's part and board, beside the sources.
extension ImageTests {
    @Test func checkWithImage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-check-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = try String(contentsOf: ImageSupport.fixture.appendingPathComponent("app.c"), encoding: .utf8)
            .replacingOccurrences(of: "static void clock_config(void)", with: "void SystemClock_Config(void)")
            + "\nvoid board_supply(void) { if (HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY) != HAL_OK) { for (;;) {} } }\n"
        try app.write(to: folder.appendingPathComponent("app.c"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: ImageSupport.fixture.appendingPathComponent("h7regs.h"), to: folder.appendingPathComponent("h7regs.h"))
        try #"[{ "directory": ".", "file": "app.c", "arguments": ["gcc", "-DSTM32H745xx", "-DCORE_CM7", "-c", "app.c"] }]"#
            .write(to: folder.appendingPathComponent("compile_commands.json"), atomically: true, encoding: .utf8)
        let image = try ImageSupport.build(["SUPPLY_DIRECT_SMPS"])
        let run = try TestSupport.run(["check", folder.path, "--board", "NUCLEO-H745ZI-Q:ldo-rework", "--image", image, "--format", "concise"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error: supply set to direct-smps") && run.stdout.contains("[H7-PWR-001]"), "\(run.stdout)")
        // The sources write the LDO: the image beside them is another build (the sources' facts are kept for it).
        #expect(run.stdout.contains("[H7-META-006]"), "\(run.stdout)")
    }
}

/// CI installs the tools (scripts/install-deps): there the image tests must run, not skip.
struct ImageToolsTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] != nil, "only on CI"))
    func imageToolsAreInstalledOnCI() {
        #expect(ImageSupport.available, "arm-none-eabi-gcc or libunicorn2 missing: the image tests were skipped")
    }
}
