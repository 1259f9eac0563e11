import Foundation
import H7Readers
import H7Model
import Testing

/// ScriptScanner on script lines shaped like the ones found in public projects.
struct DebugScriptScannerTests {
    /// `OPTION=value@line` for each fact.
    static func read(_ text: String, _ kind: ScriptScanner.Kind) -> [String] {
        ScriptScanner.scan(text: text, file: "f", kind: kind).map { "\($0.option)=\($0.value ?? "")@\($0.line)" }
    }

    @Test func cliOptionBytesOnAContinuedShellLine() {
        let text = "#!/bin/sh\nset -e\nSTM32_Programmer_CLI -c port=SWD mode=UR \\\n    -w build/app.elf -v -ob RDP=0xCC\n"
        #expect(Self.read(text, .shell) == ["RDP=0xCC@4"])
    }

    @Test func severalOptionBytesAfterOneOb() {
        let facts = ScriptScanner.scan(text: "STM32_Programmer_CLI -c port=SWD -ob BCM7=0 BCM4=1 -rst\n", file: "f", kind: .shell)
        #expect(facts.map(\.option) == ["BCM7", "BCM4"])
        #expect(facts.first?.command == "STM32_Programmer_CLI")
        #expect(facts.first?.column == 38)
    }

    /// The H7R/S product-state request as ST's provisioning script writes it (STM32CubeH7RS ROT_Provisioning/DA).
    @Test func productStateRequestIsRead() {
        let text = "connect_no_reset=\"-c port=SWD speed=fast ap=1 mode=Hotplug\"\n\"$stm32programmercli\" $connect_no_reset -psrss 0x17\nSTM32_Programmer_CLI -c port=SWD -psrss 0x5C\n"
        #expect(Self.read(text, .shell) == ["-psrss=0x17@2", "-psrss=0x5C@3"])
        #expect(Self.read("STM32_Programmer_CLI -c port=SWD -sdp ./Binary/DA_ConfigLock.obk\n", .shell) == ["-sdp=./Binary/DA_ConfigLock.obk@1"])
    }

    @Test func commentsAreNotRead() {
        #expect(Self.read("# STM32_Programmer_CLI -c port=SWD -ob RDP=0xCC\n", .shell).isEmpty)
        #expect(Self.read("REM STM32_Programmer_CLI.exe -c port=SWD -ob RDP=0xCC\r\n:: -ob RDP=0xCC\r\n", .batch).isEmpty)
        #expect(Self.read("// w4 0x52002020, 0x03C6CCF0\n", .jlink).isEmpty)
    }

    @Test func windowsPathToTheCli() {
        let text = "\"C:\\Program Files\\STMicroelectronics\\STM32Cube\\STM32CubeProgrammer\\bin\\STM32_Programmer_CLI.exe\" -c port=SWD -ob BCM7=0\r\n"
        let facts = ScriptScanner.scan(text: text, file: "f", kind: .batch)
        #expect(facts.map { "\($0.command) \($0.option)=\($0.value ?? "")" } == ["STM32_Programmer_CLI BCM7=0"])
    }

    @Test func makeRecipeThroughAVariable() {
        let text = "PROG = STM32_Programmer_CLI\n\nlock:\n\t$(PROG) -c port=SWD -ob RDP=0xCC\n"
        #expect(Self.read(text, .make) == ["RDP=0xCC@4"])
    }

    @Test func cmakeCommandOverSeveralLines() {
        let text = "add_custom_target(lock\n    COMMAND STM32_Programmer_CLI -c port=SWD\n            -ob RDP=0xCC\n)\n"
        #expect(Self.read(text, .cmake) == ["RDP=0xCC@3"])
    }

    @Test func vscodeTaskArguments() {
        let text = """
        {"tasks": [{"label": "M7 off", "command": "STM32_Programmer_CLI",
            "args": ["-c", "port=SWD",
                     "-ob", "BCM7=0"]},
          {"label": "other", "args": ["BCM4=0"]}]}
        """
        #expect(Self.read(text, .json) == ["BCM7=0@3"])
    }

    @Test func ciWorkflowRunBlock() {
        let text = "jobs:\n  lock:\n    steps:\n      - run: |\n          STM32_Programmer_CLI -c port=SWD -ob RDP=0xCC\n"
        #expect(Self.read(text, .ci) == ["RDP=0xCC@5"])
        #expect(Self.read("release:\n  script:\n    - STM32_Programmer_CLI -c port=SWD -rdu\n", .ci) == ["-rdu=@3"])
    }

    @Test func openocdOptionWriteIsDecoded() {
        // OpenOCD stm32h7x driver: option_write <bank> <offset> <value> [mask]; OPTSR_PRG is at 0x20.
        #expect(Self.read("stm32h7x option_write 0 0x20 0xCC00 0xFF00\n", .tcl) == ["RDP=0xCC@1"])
        #expect(Self.read("stm32h7x option_write 0 0x20 0 0x800000\n", .tcl) == ["BCM7=0@1"])
        #expect(Self.read("openocd -f board/st_nucleo_h745zi.cfg -c \"init; stm32h7x option_write 0 0x44 0x24000800; exit\"\n", .shell)
                == ["BOOT_ADD0=0x0800@1", "BOOT_ADD1=0x2400@1"])
        let fact = ScriptScanner.scan(text: "stm32h7x option_write 0 0x20 0xCC00 0xFF00\n", file: "f", kind: .tcl).first
        #expect(fact?.decodedFrom?.contains("FLASH_OPTSR_PRG.RDP") == true)
    }

    @Test func memoryWritesToOptionRegisters() {
        #expect(Self.read("mww 0x52002044 0x24002400\n", .tcl) == ["BOOT_ADD0=0x2400@1", "BOOT_ADD1=0x2400@1"])
        #expect(Self.read("w4 0x52002020, 0x03C6CCF0\n", .jlink) == ["RDP=0xCC@1", "BCM7=1@1", "BCM4=1@1"])
        #expect(Self.read("pyocd cmd -t stm32h745zitx -c \"write32 0x5200204C 0x08100810\"\n", .shell)
                == ["BOOT_CM4_ADD0=0x0810@1", "BOOT_CM4_ADD1=0x0810@1"])
        #expect(Self.read("mww 0x24000000 0xCC00\n", .tcl).isEmpty)
    }

    @Test func stFlashOptionWord() {
        #expect(Self.read("st-flash --area=option write 0x03C6CCF0\n", .shell).first == "RDP=0xCC@1")
    }

    @Test func debugTransportAndTrace() {
        #expect(Self.read("source [find interface/stlink.cfg]\ntransport select hla_jtag\n", .tcl) == ["transport=hla_jtag@2"])
        #expect(Self.read("transport select \"dapdirect_swd\"\n", .tcl).isEmpty)
        #expect(Self.read("$_CHIPNAME.tpiu configure -protocol uart -output :3344 -traceclk 400000000\n$_CHIPNAME.tpiu enable\n", .tcl)
                == ["swo=tpiu enable@2"])
        #expect(Self.read("tpiu config internal - uart off 400000000\n", .tcl) == ["swo=tpiu config@1"])
    }

    @Test func cubeIdeLaunchFile() {
        let text = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <launchConfiguration type="com.st.stm32cube.ide.mcu.debug.launch.launchConfigurationType">
        <booleanAttribute key="com.st.stm32cube.ide.mcu.debug.launch.enable_swv" value="true"/>
        <booleanAttribute key="com.st.stm32cube.ide.mcu.debug.launch.swd_mode" value="false"/>
        <stringAttribute key="org.eclipse.cdt.debug.gdbjtag.core.initCommands" value="monitor reset halt&#10;monitor stm32h7x option_write 0 0x20 0xCC00 0xFF00&#10;"/>
        <booleanAttribute key="com.st.stm32cube.ide.mcu.debug.launch.limit_swo_clock.enabled" value="false"/>
        </launchConfiguration>
        """
        #expect(Self.read(text, .launch) == ["swo=com.st.stm32cube.ide.mcu.debug.launch.enable_swv=true@3",
                                              "transport=jtag (com.st.stm32cube.ide.mcu.debug.launch.swd_mode=false)@4", "RDP=0xCC@5"])
        let off = "<booleanAttribute key=\"com.st.stm32cube.ide.mcu.debug.launch.enable_swv\" value=\"false\"/>\n"
        #expect(Self.read(off, .launch).isEmpty)
    }

    @Test func cortexDebugConfiguration() {
        let on = """
        {"configurations": [{"type": "cortex-debug", "interface": "jtag",
          "swoConfig": {"decoders": [{"port": 0, "enabled": false}], "enabled": true, "cpuFrequency": 480000000}}]}
        """
        #expect(Self.read(on, .json) == ["transport=jtag@1", "swo=swoConfig.enabled=true@2"])
        let off = "{\"swoConfig\": {\"enabled\": false, \"decoders\": [{\"enabled\": true}]}}"
        #expect(Self.read(off, .json).isEmpty)
    }

    @Test func fileKinds() {
        func kind(_ path: String, head: String? = nil) -> ScriptScanner.Kind? {
            ScriptScanner.kind(of: URL(fileURLWithPath: "/p/" + path), peek: { _ in head })
        }
        #expect(kind(".github/workflows/ci.yml") == .ci)
        #expect(kind(".gitlab-ci.yml") == .ci)
        #expect(kind("docs/mkdocs.yml") == nil)
        #expect(kind(".vscode/tasks.json") == .json)
        #expect(kind("compile_commands.json") == nil)
        #expect(kind("CM7/Makefile") == .make)
        #expect(kind("cmake/stm32cubemx/CMakeLists.txt") == .cmake)
        #expect(kind("CM7/app Debug.launch") == .launch)
        #expect(kind("openocd/board.cfg") == .tcl)
        #expect(kind("tools/flash.sh") == .shell)
        #expect(kind("flash.bat") == .batch)
        #expect(kind("tools/flash", head: "#!/usr/bin/env bash") == .shell)
        #expect(kind("LICENSE", head: "MIT License") == nil)
        #expect(kind("Core/Src/main.c") == nil)
    }

    @Test func hugeAndBinaryFilesAreSkipped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = "STM32_Programmer_CLI -c port=SWD -ob RDP=0xCC\n"
        let small = folder.appendingPathComponent("ok.sh"), huge = folder.appendingPathComponent("huge.sh")
        let binary = folder.appendingPathComponent("blob.sh")
        try line.write(to: small, atomically: true, encoding: .utf8)
        try (line + String(repeating: "#\n", count: ScriptScanner.maxBytes / 2)).write(to: huge, atomically: true, encoding: .utf8)
        try (Data(line.utf8) + Data([0, 1, 2])).write(to: binary)
        #expect(ScriptScanner.scan(url: small, file: "ok.sh").count == 1)
        #expect(ScriptScanner.scan(url: huge, file: "huge.sh").isEmpty)
        #expect(ScriptScanner.scan(url: binary, file: "blob.sh").isEmpty)
    }

    @Test func scriptOutsideTheProjectBelongsToTheNearestProject() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-repo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "firmware/Core/Src/main.c": "void SystemClock_Config(void) { if (HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY) != HAL_OK) { Error_Handler(); } }\n",
            "firmware/Makefile": "C_DEFS = -DSTM32H743xx -DUSE_HAL_DRIVER\n",
            "firmware/.vscode/tasks.json": "{\"tasks\": [{\"command\": \"STM32_Programmer_CLI\", \"args\": [\"-ob\", \"RDP=0xBB\"]}]}\n",
            "tools/lock.sh": "#!/bin/sh\nSTM32_Programmer_CLI -c port=SWD -ob RDP=0xCC\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let reports = try TestSupport.check(folder)
        #expect(reports.count == 1)
        let scripts = reports.first?.project?.scripts ?? []
        #expect(scripts.map { "\($0.option)=\($0.value ?? "")" }.sorted() == ["RDP=0xBB", "RDP=0xCC"])
        let finding = try #require(reports.first?.findings.first { $0.ruleID == "H7-DBG-004" })
        #expect(finding.range?.file.hasSuffix("tools/lock.sh") == true)
        #expect(finding.range?.line == 2)
    }
}
