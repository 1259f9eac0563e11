internal import CUnicorn
import Foundation
import H7Model

/// Runs an image's reset path on Unicorn (Thumb-2, Cortex-M7 or M4): vector table → initial SP and reset handler,
/// the part's memories mapped, peripherals modelled (Peripherals), until a documented stop point.
public final class Emulator {
    public struct Options: Sendable {
        public var instructionBudget = 20_000_000
        /// Iterations of one block, with no write to a modelled register, that make an idle loop (after main).
        public var idleIterations = 20_000
        /// The same for a loop whose last pass read no peripheral and no HAL tick: it computes (a RAM fill), it
        /// does not wait, so it gets longer (a 256 KB fill by 8-byte stores is 32 768 passes).
        public var computeIterations = 200_000
        /// The same before main (startup loops over .bss and .data are long).
        public var idleIterationsBeforeMain = 4_000_000
        public var timeLimitSeconds = 10.0
        public init() {}
    }

    static let peripheralSpace: (UInt32, UInt32) = (0x4000_0000, 0x2000_0000)
    static let privateBus: (UInt32, UInt32) = (0xE000_0000, 0x0010_0000)

    let image: FirmwareImage
    let memory: H7Model.MemoryMap?
    let options: Options
    var peripherals: Peripherals
    var uc: OpaquePointer?
    var result: Emulation
    var blockCounts: [UInt64: Int] = [:]
    /// Peripheral and HAL tick reads so far, and their number when each block last ran (did its loop poll?).
    var reads: UInt64 = 0
    var readsAtBlock: [UInt64: UInt64] = [:]
    var mainAddress: UInt32?
    var uwTick: UInt32?
    var stopPoints: [UInt32: Emulation.StopKind] = [:]
    var lastPeripheralRead: UInt32?
    var stopped: Emulation.Stop?
    /// Entry addresses of the image's functions, and the shadow call stack: (return address, call site).
    var functionStarts: Set<UInt32> = []
    var callStack: [(returnAddress: UInt32, callSite: UInt32)] = []
    /// `srdcr` on the lines whose VOS register is PWR_SRDCR.
    let lineVOS: String?

    public init(image: FirmwareImage, device: Device?, cm4: Bool, options: Options = Options()) {
        self.image = image
        self.options = options
        memory = device?.line.memory
        lineVOS = device?.line.vosRegister
        let devIDs = ["RM0433": 0x450, "RM0399": 0x450, "RM0455": 0x480, "RM0468": 0x483]
        peripherals = Peripherals(smps: device?.smps ?? true, dualCore: device?.isDualCore ?? false,
                                  devID: UInt32(devIDs[device?.line.line ?? ""] ?? 0x450), core: cm4)
        result = Emulation(stop: .init(kind: .budget, pc: 0, detail: ""), instructionBudget: options.instructionBudget,
                           cpu: cm4 ? "Cortex-M4" : "Cortex-M7")
    }

    /// Runs the reset path. Throws only when the emulator cannot start (no Unicorn, no vector table).
    public func run() throws -> Emulation {
        try UnicornLibrary.require()
        guard let sp = image.word(at: image.vectorTable), let reset = image.word(at: image.vectorTable + 4) else {
            throw H7Error.input("\(image.path): no vector table at 0x\(hex(image.vectorTable)) (the initial SP and reset vector are not in the image)")
        }
        guard reset & 1 == 1 else {
            throw H7Error.input("\(image.path): the reset vector 0x\(hex(reset)) at 0x\(hex(image.vectorTable + 4)) is not a Thumb address: not a Cortex-M image, or no vector table there")
        }
        var engine: OpaquePointer?
        let code = h7_uc_open(Int32(result.cpu == "Cortex-M4" ? H7_UC_CPU_CORTEX_M4 : H7_UC_CPU_CORTEX_M7), &engine)
        guard code == 0, let engine else { throw H7Error(.internal, "Unicorn cannot open a Cortex-M engine: \(message(code))") }
        uc = engine
        defer { h7_uc_close(engine); uc = nil }
        try mapMemory()
        try loadChunks()
        try mapExternal(sp: sp)
        try installHooks()
        h7_uc_reg_write(engine, Int32(H7_UC_REG_SP), sp)
        let started = Date()
        let err = h7_uc_start(engine, UInt64(reset), 0xFFFF_FFFF, UInt64(options.timeLimitSeconds * 1_000_000), options.instructionBudget)
        var pc: UInt32 = 0
        h7_uc_reg_read(engine, Int32(H7_UC_REG_PC), &pc)
        if let stopped {
            result.stop = stopped
        } else if err != 0 {
            result.stop = .init(kind: .fault, pc: pc, detail: faultText(err, pc: pc))
        } else if Date().timeIntervalSince(started) >= options.timeLimitSeconds {
            result.stop = .init(kind: .timeout, pc: pc, detail: "the emulation ran \(Int(options.timeLimitSeconds)) s without reaching a stop point")
        } else if pc == 0xFFFF_FFFE || pc == 0xFFFF_FFFF || pc & ~1 == 0xFFFF_FFFE {
            result.stop = .init(kind: .returned, pc: pc, detail: "the reset handler returned")
        } else {
            result.stop = .init(kind: .budget, pc: pc, detail: "\(options.instructionBudget) instructions ran without reaching a stop point")
        }
        result.optionStarts = peripherals.optionStarts
        return result
    }

    func message(_ code: Int32) -> String { h7_uc_strerror(code).map { String(cString: $0) } ?? "error \(code)" }

    func faultText(_ err: Int32, pc: UInt32) -> String {
        switch err {
        case 6: "HardFault (bus fault): a read of unmapped memory"
        case 7: "HardFault (bus fault): a write to unmapped memory"
        case 8: "HardFault (bus fault): an instruction fetch from unmapped memory at 0x\(hex(pc))"
        case 10: "HardFault (usage fault): an undefined or invalid instruction"
        case 21: "HardFault: unhandled CPU exception"
        default: "HardFault: \(message(err))"
        }
    }

    // MARK: Memory

    private func mapMemory() throws {
        guard let uc else { return }
        var regions: [(String, UInt32, UInt32)] = (memory?.regions.map { (name: $0.name, start: $0.start, size: $0.size) } ?? Self.fallbackRegions).map { r in
            let base = UInt32(truncatingIfNeeded: r.start) & ~0xFFF
            let end = (UInt64(r.start) + UInt64(r.size) + 0xFFF) & ~0xFFF
            return (r.name, base, UInt32(truncatingIfNeeded: end - UInt64(base)))
        }
        regions.append(("peripherals", Self.peripheralSpace.0, Self.peripheralSpace.1))
        regions.append(("Cortex-M private bus", Self.privateBus.0, Self.privateBus.1))
        regions.sort { $0.1 < $1.1 }
        var lastEnd: UInt64 = 0
        for (name, base, size) in regions {
            var start = UInt64(base)
            if start < lastEnd { start = lastEnd }  // overlapping entries map once
            let end = UInt64(base) + UInt64(size)
            guard end > start else { continue }
            let code = h7_uc_map(uc, start, Int(end - start))
            guard code == 0 else { throw H7Error(.internal, "Unicorn cannot map \(name) at 0x\(hex(UInt32(start))): \(message(code))") }
            result.mapped.append((name, UInt32(start), UInt32(end - start)))
            lastEnd = end
        }
    }

    /// An image linked to run after a boot loader (ST's ExtMem applications: code in QSPI, data and stack in FMC
    /// SDRAM): its sections and its initial stack outside the part's memories are mapped as the boot loader left
    /// them set up, and named so in the assumptions. Without this, the first push would fault before any set-up ran.
    private func mapExternal(sp: UInt32) throws {
        guard let uc else { return }
        func mapped(_ address: UInt64) -> Bool {
            result.mapped.contains { address >= UInt64($0.base) && address < UInt64($0.base) + UInt64($0.size) }
        }
        var wanted: [(String, UInt64, UInt64)] = []
        for section in image.elf?.sections ?? [] where section.flags & 0x2 != 0 && section.size > 0 && section.address != 0 {
            wanted.append(("external memory a boot loader sets up (\(section.name))", UInt64(section.address), UInt64(section.address) + UInt64(section.size)))
        }
        // The stack grows down from the initial SP: 64 KB below it.
        if sp >= 0x1_0000 { wanted.append(("external memory a boot loader sets up (the stack below the initial SP)", UInt64(sp) - 0x1_0000, UInt64(sp))) }
        for (name, start, end) in wanted {
            // Only the external windows (FMC, QSPI/OCTOSPI): never peripherals or the private bus.
            guard start >= 0x6000_0000, end <= 0xE000_0000, !(start >= 0x4000_0000 && start < 0x6000_0000) else { continue }
            var page = start & ~0xFFF
            let last = (end + 0xFFF) & ~0xFFF
            while page < last {
                if !mapped(page) {
                    var top = page
                    while top < last && !mapped(top) { top += 0x1000 }
                    guard h7_uc_map(uc, page, Int(top - page)) == 0 else { break }
                    result.mapped.append((name, UInt32(page), UInt32(top - page)))
                    page = top
                } else {
                    page += 0x1000
                }
            }
        }
    }

    /// Regions for an image whose part is not known: the H74x/H75x memories (RM0433).
    static let fallbackRegions: [(name: String, start: Int, size: Int)] = [
        ("ITCM RAM", 0, 0x10000), ("flash", 0x0800_0000, 0x20_0000), ("system memory", 0x1FF0_0000, 0x20000),
        ("DTCM RAM", 0x2000_0000, 0x20000), ("AXI SRAM", 0x2400_0000, 0x10_0000), ("D2 SRAM", 0x3000_0000, 0x50000),
        ("D3 SRAM", 0x3800_0000, 0x10000),
    ].map { (name: $0.0, start: $0.1, size: $0.2) }

    private func loadChunks() throws {
        guard let uc else { return }
        for chunk in image.chunks {
            var code = chunk.bytes.withUnsafeBytes { h7_uc_write(uc, UInt64(chunk.address), $0.baseAddress, chunk.bytes.count) }
            if code != 0 {
                // Memory outside the part's map (external flash): mapped for this image alone.
                let base = UInt64(chunk.address) & ~0xFFF
                let end = (UInt64(chunk.address) + UInt64(chunk.bytes.count) + 0xFFF) & ~0xFFF
                guard h7_uc_map(uc, base, Int(end - base)) == 0 else {
                    throw H7Error.input("\(image.path): loads \(chunk.bytes.count) bytes at 0x\(hex(chunk.address)), outside the part's memory and overlapping it")
                }
                result.mapped.append(("outside the part's map", UInt32(base), UInt32(end - base)))
                code = chunk.bytes.withUnsafeBytes { h7_uc_write(uc, UInt64(chunk.address), $0.baseAddress, chunk.bytes.count) }
                guard code == 0 else { throw H7Error.input("\(image.path): cannot load 0x\(hex(chunk.address)): \(message(code))") }
            }
        }
    }
}

func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 8 - s.count)) + s
}
