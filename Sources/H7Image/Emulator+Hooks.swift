internal import CUnicorn
import H7Model

/// Unicorn's callbacks: peripheral reads and writes through the model, blocks counted for idle loops,
/// stop points (WFI/WFE, scheduler start), exceptions.
extension Emulator {
    static func of(_ user: UnsafeMutableRawPointer?) -> Emulator { Unmanaged<Emulator>.fromOpaque(user!).takeUnretainedValue() }

    func installHooks() throws {
        guard let uc else { return }
        let me = Unmanaged.passUnretained(self).toOpaque()
        let read: @convention(c) (OpaquePointer?, Int32, UInt64, Int32, Int64, UnsafeMutableRawPointer?) -> Void = { _, _, address, size, _, user in
            Emulator.of(user).peripheralRead(UInt32(truncatingIfNeeded: address), size: Int(size))
        }
        let write: @convention(c) (OpaquePointer?, Int32, UInt64, Int32, Int64, UnsafeMutableRawPointer?) -> Void = { _, _, address, size, value, user in
            Emulator.of(user).peripheralWrite(UInt32(truncatingIfNeeded: address), UInt32(truncatingIfNeeded: value), size: Int(size))
        }
        let block: @convention(c) (OpaquePointer?, UInt64, UInt32, UnsafeMutableRawPointer?) -> Void = { _, address, _, user in
            Emulator.of(user).block(address)
        }
        let code: @convention(c) (OpaquePointer?, UInt64, UInt32, UnsafeMutableRawPointer?) -> Void = { _, address, _, user in
            Emulator.of(user).stopPoint(UInt32(truncatingIfNeeded: address))
        }
        let interrupt: @convention(c) (OpaquePointer?, UInt32, UnsafeMutableRawPointer?) -> Void = { _, number, user in
            Emulator.of(user).exception(number)
        }
        let tick: @convention(c) (OpaquePointer?, Int32, UInt64, Int32, Int64, UnsafeMutableRawPointer?) -> Void = { _, _, _, _, _, user in
            Emulator.of(user).advanceTick()
        }
        var codes: [Int32] = []
        for (base, size) in [Self.peripheralSpace, Self.privateBus] {
            codes.append(h7_uc_hook(uc, Int32(H7_UC_HOOK_MEM_READ), unsafeBitCast(read, to: UnsafeMutableRawPointer.self), me, UInt64(base), UInt64(base) + UInt64(size) - 1))
            codes.append(h7_uc_hook(uc, Int32(H7_UC_HOOK_MEM_WRITE), unsafeBitCast(write, to: UnsafeMutableRawPointer.self), me, UInt64(base), UInt64(base) + UInt64(size) - 1))
        }
        codes.append(h7_uc_hook(uc, Int32(H7_UC_HOOK_BLOCK), unsafeBitCast(block, to: UnsafeMutableRawPointer.self), me, 1, 0))
        codes.append(h7_uc_hook(uc, Int32(H7_UC_HOOK_INTR), unsafeBitCast(interrupt, to: UnsafeMutableRawPointer.self), me, 1, 0))
        // The HAL tick: each read of uwTick is a millisecond later, so HAL_GetTick() timeouts and HAL_Delay() end.
        if let tickSymbol = image.elf?.symbol(named: "uwTick"), !tickSymbol.isFunction {
            uwTick = tickSymbol.address
            codes.append(h7_uc_hook(uc, Int32(H7_UC_HOOK_MEM_READ), unsafeBitCast(tick, to: UnsafeMutableRawPointer.self), me, UInt64(tickSymbol.address), UInt64(tickSymbol.address) + 3))
        }
        mainAddress = image.elf?.symbol(named: "main").map { $0.address }
        functionStarts = Set((image.elf?.symbols ?? []).filter { $0.isFunction && $0.address != 0 }.map { $0.address & ~1 })
        for name in ["vTaskStartScheduler", "osKernelStart", "tx_kernel_enter", "xPortStartScheduler", "k_sched_start"] {
            if let s = image.elf?.symbol(named: name), s.isFunction { stopPoints[s.address] = .scheduler }
        }
        for address in waitInstructions() { stopPoints[address] = .waitForInterrupt }
        for address in stopPoints.keys {
            codes.append(h7_uc_hook(uc, Int32(H7_UC_HOOK_CODE), unsafeBitCast(code, to: UnsafeMutableRawPointer.self), me, UInt64(address), UInt64(address)))
        }
        if let bad = codes.first(where: { $0 != 0 }) { throw H7Error(.internal, "Unicorn refused a hook: \(message(bad))") }
    }

    /// Addresses of WFI and WFE (Thumb 0xBF30, 0xBF20) in the image's code, at most 256.
    func waitInstructions() -> [UInt32] {
        var found: [UInt32] = []
        let sections = image.elf?.sections.filter { $0.flags & 0x4 != 0 && $0.type != ELFFile.sectionTypeNoBits }.map { ($0.address, $0.size) } ?? []
        let code = sections.isEmpty ? image.chunks.map { ($0.address, $0.bytes.count) } : sections
        for (start, size) in code {
            var a = start
            while UInt64(a) + 2 <= UInt64(start) + UInt64(size), found.count < 256 {
                if let w = image.word(at: a & ~3) {
                    let half = a & 2 == 0 ? w & 0xFFFF : w >> 16
                    if half == 0xBF30 || half == 0xBF20 { found.append(a) }
                }
                a += 2
            }
        }
        return found
    }

    func stop(_ kind: Emulation.StopKind, pc: UInt32, _ detail: String) {
        guard stopped == nil, let uc else { return }
        stopped = .init(kind: kind, pc: pc, detail: detail)
        result.stopCallers = callStack.suffix(8).reversed().map(\.callSite)
        h7_uc_stop(uc)
    }

    func currentPC() -> UInt32 {
        var pc: UInt32 = 0
        if let uc { h7_uc_reg_read(uc, Int32(H7_UC_REG_PC), &pc) }
        return pc
    }

    func peripheralRead(_ address: UInt32, size: Int) {
        guard let uc else { return }
        let word = address & ~3
        peripherals.readEffect(word)
        var value = peripherals.read(word)
        h7_uc_write(uc, UInt64(word), &value, 4)
        lastPeripheralRead = address
        reads &+= 1
        if RegisterNames.name(word) == nil { result.unmodelled[RegisterNames.block(word), default: 0] += 1 }
    }

    func peripheralWrite(_ address: UInt32, _ value: UInt32, size: Int) {
        let word = address & ~3
        let effect = peripherals.write(address, value, size: size)
        let name = RegisterNames.name(word, vosRegister: vosRegister, dualCore: peripherals.dualCore)
        if name == nil { result.unmodelled[RegisterNames.block(word), default: 0] += 1 }
        result.writes.append(.init(address: word, register: name, value: effect.value, written: value, size: size,
                                   pc: currentPC(), note: effect.note, callers: callStack.suffix(8).reversed().map(\.callSite)))
        if effect.modelled { blockCounts.removeAll(keepingCapacity: true) }
        if result.writes.count > 200_000 { stop(.budget, pc: currentPC(), "more than 200000 peripheral writes") }
    }

    var vosRegister: String { memory == nil ? "d3cr" : (lineVOS ?? "d3cr") }

    func advanceTick() {
        guard let uc, let uwTick else { return }
        var value: UInt32 = 0
        h7_uc_read(uc, UInt64(uwTick), &value, 4)
        value &+= 1
        h7_uc_write(uc, UInt64(uwTick), &value, 4)
        reads &+= 1
        result.uwTickAdvanced = true
    }

    func block(_ address: UInt64) {
        trackCalls(UInt32(truncatingIfNeeded: address) & ~1)
        if !result.reachedMain, let mainAddress, UInt32(truncatingIfNeeded: address) & ~1 == mainAddress {
            result.reachedMain = true
            blockCounts.removeAll(keepingCapacity: true)
        }
        let count = (blockCounts[address] ?? 0) + 1
        blockCounts[address] = count
        // A loop that read a peripheral or the HAL tick since this block last ran waits; one that did not computes.
        let polled = readsAtBlock.updateValue(reads, forKey: address) != reads
        // Without a `main` symbol (a stripped image): once the set-up has begun, a long loop is idle.
        let stripped = mainAddress == nil && !result.writes.isEmpty
        let afterMain = polled ? options.idleIterations : max(options.idleIterations, options.computeIterations)
        let limit = result.reachedMain ? afterMain : stripped ? options.idleIterations * 10 : options.idleIterationsBeforeMain
        if count > limit {
            let pc = UInt32(truncatingIfNeeded: address)
            var detail = "a loop ran \(limit) times without writing a clock, power or flash register"
            if let read = lastPeripheralRead { detail += " (last peripheral read: \(RegisterNames.name(read & ~3) ?? "0x\(hex(read))"))" }
            stop(.idleLoop, pc: pc, detail)
        }
    }

    /// The shadow call stack: a block at a return address on the stack returns to it (and past any tail calls);
    /// a block at a function's entry is a call from the instruction before the return address in LR.
    func trackCalls(_ pc: UInt32) {
        if let index = callStack.firstIndex(where: { $0.returnAddress == pc }) {
            callStack.removeSubrange(index...)
            return
        }
        guard functionStarts.contains(pc), let uc else { return }
        var lr: UInt32 = 0
        h7_uc_reg_read(uc, Int32(H7_UC_REG_LR), &lr)
        let back = lr & ~1
        // EXC_RETURN values and a loop back to a function's own first block are not calls.
        guard back < 0xF000_0000, back >= 2, callStack.last?.returnAddress != back else { return }
        if callStack.count >= 64 { callStack.removeFirst() }
        callStack.append((returnAddress: back, callSite: back - 2))
    }

    func stopPoint(_ address: UInt32) {
        guard let kind = stopPoints[address] else { return }
        let name = image.functionName(address).map { " (\($0))" } ?? ""
        stop(kind, pc: address, kind == .scheduler ? "the scheduler starts\(name)" : "WFI/WFE reached\(name)")
    }

    func exception(_ number: UInt32) {
        // QEMU's numbers (target/arm/cpu.h): 1 UDEF, 2 SWI, 3 prefetch abort, 4 data abort, 7 BKPT, 17 NOCP,
        // 18 INVSTATE, 0x10001 HLT (WFI).
        let pc = currentPC()
        switch number {
        case 0x10001, 0x10004: stop(.waitForInterrupt, pc: pc, "WFI/WFE reached")
        case 2: stop(.scheduler, pc: pc, "SVC: a supervisor call (an RTOS starting its first task?)")
        case 7: stop(.fault, pc: pc, "BKPT: a breakpoint instruction (a debugger-only path, or an assert)")
        case 1: stop(.fault, pc: pc, "HardFault (usage fault): an undefined instruction")
        case 3: stop(.fault, pc: pc, "HardFault (bus fault): an instruction fetch that failed")
        case 4: stop(.fault, pc: pc, "HardFault (bus fault): a data access that failed")
        case 17: stop(.fault, pc: pc, "HardFault (usage fault): a floating-point instruction with the FPU off")
        case 18: stop(.fault, pc: pc, "HardFault (usage fault): an ARM-state branch (bit 0 of the address clear)")
        default: stop(.fault, pc: pc, "HardFault: CPU exception \(number)")
        }
    }
}
