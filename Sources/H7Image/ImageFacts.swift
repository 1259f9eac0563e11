import H7Model

/// The emulation's register writes as the facts the C front ends produce: each write to a named register is an
/// `AssignmentFact` (`PWR->CR3 = 0x00000002`, the register's whole value), placed at its DWARF line or, without
/// DWARF, at a place naming the address and function. The facts are in execution order
/// (`SourceFacts.executionOrder`), so the clock model replays them as the chip ran them.
public enum ImageFacts {
    /// The clock model's entry for an image's reset path.
    public static func entryName(_ image: FirmwareImage) -> String { "reset path of \(displayName(image.path))" }

    public static func displayName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Registers whose writes become facts: the families the rules read.
    static let judged = ["RCC->", "PWR->", "FLASH->", "SYSCFG->", "DBGMCU->CR", "SCB->SCR"]

    public static func sourceFacts(_ emulation: Emulation, image: FirmwareImage, core: Core?, file: String) -> SourceFacts {
        var facts = SourceFacts(file: file, core: core)
        facts.executionOrder = true
        let entry = entryName(image)
        let first = emulation.writes.first.map { place($0.pc, image: image, file: file) } ?? SourceRange(file: file, line: 1)
        facts.functions = [FunctionFact(name: entry, range: first)]
        for write in emulation.writes {
            guard let name = write.register, judged.contains(where: name.hasPrefix) || isPinRegister(name) else { continue }
            // A write the silicon ignores (PWR_CR3 after the first) changes nothing the rules judge.
            if name == "PWR->CR3", write.note != nil { continue }
            let range = userPlace(write, image: image, file: file)
            let value = Int(write.value)
            let spelled = "0x\(hex(write.value))"
            var fact = AssignmentFact(target: name, rootType: nil, op: "=", value: Operand(spelled: spelled, value: value, range: range),
                                      setBits: value, clearBits: ~value & 0xFFFF_FFFF, keepsOtherBits: false, range: range,
                                      function: image.functionName(write.pc) ?? entry)
            fact.branch = nil
            facts.assignments.append(fact)
        }
        // ST's ExitRun0Mode (called by the startup file before SystemInit) ran: it is defined and applied.
        if let write = facts.assignments.first(where: { $0.function == "ExitRun0Mode" }) {
            facts.functions.append(FunctionFact(name: "ExitRun0Mode", range: write.range))
        }
        if emulation.reachedMain, let main = image.elf?.symbol(named: "main") {
            facts.functions.append(FunctionFact(name: "main", range: place(main.address, image: image, file: file)))
        }
        // The low-power entry the run stopped at: the HAL function it ran in (reached from main), else the WFI.
        if emulation.stop.kind == .waitForInterrupt {
            // HAL_PWR_EnterSTANDBYMode's WFI is reported at main's call of it, as for sources.
            let range = userPlace(emulation.stop.pc, callers: emulation.stopCallers, image: image, file: file)
            let function = image.functionName(emulation.stop.pc)
            if let function, emulation.reachedMain, lowPowerEntries.contains(function) {
                facts.calls.append(CallFact(name: function, arguments: [], range: range, function: "main", resultUsed: false))
            } else {
                facts.calls.append(CallFact(name: "__WFI", arguments: [], range: range, function: function, resultUsed: false))
            }
        }
        return facts
    }

    /// Handlers firmware loops in when something failed (CubeMX's Error_Handler, the fault handlers, assert).
    static let errorHandlers: Set<String> = ["Error_Handler", "_Error_Handler", "HardFault_Handler", "MemManage_Handler",
                                             "BusFault_Handler", "UsageFault_Handler", "Default_Handler", "NMI_Handler",
                                             "assert_failed", "__assert_func", "abort", "_exit"]

    static let lowPowerEntries: Set<String> = ["HAL_PWR_EnterSTOPMode", "HAL_PWREx_EnterSTOP2Mode", "HAL_PWR_EnterSTANDBYMode",
                                               "HAL_PWREx_EnterSTOPMode", "HAL_PWREx_EnterSTANDBYMode"]

    static func isPinRegister(_ name: String) -> Bool {
        name.hasPrefix("GPIO") && (name.hasSuffix("->MODER") || name.hasSuffix("->AFR[0]") || name.hasSuffix("->AFR[1]"))
    }

    /// Vendor library code: ST's HAL/LL drivers and CMSIS headers (`Drivers/`, `stm32h7xx_hal_*.c`, `core_cm7.h`).
    static func isLibrary(_ file: String) -> Bool {
        let name = (file.split(separator: "/").last.map(String.init) ?? file).lowercased()
        return file.contains("/Drivers/") || name.hasPrefix("stm32h7xx_hal") || name.hasPrefix("stm32h7xx_ll_")
            || name.hasPrefix("core_cm") || name.hasPrefix("cmsis_")
    }

    /// Where a write is reported: its own DWARF line, or, for a store inside HAL/LL/CMSIS code, the line of the
    /// innermost call to it from the firmware's own code (main.c's `HAL_RCC_ClockConfig(...)`), as for sources.
    public static func userPlace(_ write: Emulation.Write, image: FirmwareImage, file: String) -> SourceRange {
        userPlace(write.pc, callers: write.callers, image: image, file: file)
    }

    static func userPlace(_ pc: UInt32, callers: [UInt32], image: FirmwareImage, file: String) -> SourceRange {
        let own = place(pc, image: image, file: file)
        guard isLibrary(own.file) else { return own }
        // Library code inlined into a firmware function (LL at -Os): the caller's statement before it there; the
        // call stack's frames are the calls of that function, not of the inlined code.
        if let function = image.elf?.function(at: pc & ~1),
           let before = image.lines?.lastPlace(before: pc & ~1, from: (pc & ~1) &- function.offset, where: { !isLibrary($0) }) {
            return SourceRange(file: before.file, line: before.line, column: before.column)
        }
        for site in callers {
            guard let p = image.lines?.place(site) else { break }
            if !isLibrary(p.file) { return SourceRange(file: p.file, line: p.line, column: p.column) }
        }
        return own
    }

    /// The DWARF line of `pc`, else a place that names the image, the address and the function.
    public static func place(_ pc: UInt32, image: FirmwareImage, file: String) -> SourceRange {
        if let p = image.lines?.place(pc & ~1) { return SourceRange(file: p.file, line: p.line, column: p.column) }
        let function = image.describe(pc & ~1).function.map { " \($0)" } ?? ""
        return SourceRange(file: "\(file)@0x\(hex(pc & ~1))\(function)", line: 1)
    }

    /// What the emulation leaves undecided, as set-up gaps (H7-META-005): never a clean pass for a reset path
    /// that stopped before the supply was written.
    public static func gaps(_ emulation: Emulation, image: FirmwareImage, core: Core?, file: String, configuresSupply: Bool) -> [SetupGap] {
        let stop = emulation.stop
        let at = place(stop.pc, image: image, file: file)
        // A loop before main (waiting on a register nobody models) is as early as a fault.
        let beforeMain = !emulation.reachedMain && image.elf?.symbol(named: "main") != nil
        let early = stop.kind == .fault || stop.kind == .budget || stop.kind == .timeout || (stop.kind == .idleLoop && beforeMain)
        var gaps: [SetupGap] = []
        // A loop in the firmware's error handler: a call failed in the emulation (a peripheral flag nothing models,
        // or the firmware's own error), and what main does after it (a low-power entry, pins, more clocks) never ran.
        if stop.kind == .idleLoop, let function = image.functionName(stop.pc), errorHandlers.contains(function) {
            // The call of the handler: the first place on the call stack in the firmware's own code.
            var caller = at
            for site in emulation.stopCallers {
                guard let p = image.lines?.place(site) else { break }
                if !isLibrary(p.file) { caller = SourceRange(file: p.file, line: p.line, column: p.column); break }
            }
            gaps.append(SetupGap(message: "the emulation of \(displayName(image.path)) ended in \(function), called here: a call failed in the emulation (a peripheral the emulator does not model, or the firmware's own error), and what runs after it is not judged", range: caller, core: core))
            return gaps
        }
        let wroteSupply = emulation.writes.contains { $0.register == "PWR->CR3" }
        if early && !wroteSupply && configuresSupply {
            gaps.append(SetupGap(message: "the emulation of \(displayName(image.path)) stopped (\(stop.kind.rawValue): \(stop.detail)) before the supply was written: the image's supply, voltage scale and clocks are not judged", range: at, core: core))
        } else if early {
            gaps.append(SetupGap(message: "the emulation of \(displayName(image.path)) stopped early (\(stop.kind.rawValue): \(stop.detail)): set-up after this point is not judged", range: at, core: core))
        }
        return gaps
    }
}
