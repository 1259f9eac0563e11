import H7Model

/// The registers the reset path waits on or whose semantics matter, modelled; everything else reads back what was
/// written. Bit positions are the CMSIS headers' (cmsis_device_h7 @13ba9da) and the reference manuals' (RM0433
/// rev 8, RM0399 rev 4, RM0455 rev 10, RM0468 rev 3): PWR_CR3, PWR_CSR1, PWR_D3CR/SRDCR, RCC_CR, RCC_CFGR,
/// RCC_BDCR/CSR, FLASH_CR/OPTCR/OPTSR, HSEM_R/RLR, SysTick CTRL, RTC_ISR/ICSR, ETH_DMAMR.
struct Peripherals {
    /// What one write did to the model.
    struct WriteEffect {
        var value: UInt32
        /// Why the silicon keeps other bits than the ones written (PWR_CR3's write-once supply bits).
        var note: String?
        /// The write reached a register the model gives meaning to (resets the idle-loop count).
        var modelled: Bool
    }

    let smps: Bool
    let dualCore: Bool
    let devID: UInt32
    /// 3 for the Cortex-M7, 1 for the Cortex-M4 (HSEM COREID, RM0399 §11.3).
    let coreID: UInt32
    private(set) var values: [UInt32: UInt32] = [:]
    /// PWR_CR3's supply bits were written once: later writes to them are ignored (RM0433 §6.8.4, RM0399 §7.8.4).
    private(set) var supplyLocked = false
    /// The CM7 released a semaphore: the CM4 is taken out of its wait (RCC_CR.D2CKRDY follows).
    private(set) var otherCoreReleased = false
    private var flashKeys: [UInt32: Int] = [:]
    /// Option-byte programming started (OPTCR.OPTSTART), with OPTSR_PRG's value each time.
    private(set) var optionStarts: [UInt32] = []

    static let cr3SupplyMaskSMPS: UInt32 = 0x3F, cr3SupplyMaskLDO: UInt32 = 0x3

    init(smps: Bool, dualCore: Bool, devID: UInt32, core cm4: Bool) {
        self.smps = smps
        self.dualCore = dualCore
        self.devID = devID
        coreID = cm4 ? 1 : 3
        let r = RegisterNames.self
        let optsr: UInt32 = 0x03C6_AAF0 | (dualCore ? 0x00C0_0000 : 0)
        values = [
            r.rccBase + 0x00: 0x25, r.rccBase + 0x28: 0x0202_0200, r.rccBase + 0x2C: 0x01FF_0000,
            r.rccBase + 0x30: 0x0101_0280, r.rccBase + 0x38: 0x0101_0280, r.rccBase + 0x40: 0x0101_0280,
            // LDOEN and SMPSEN (SCUEN on parts without SMPS) set: the supply is not configured yet.
            r.pwrBase + 0x0C: 0x06, r.pwrBase + 0x18: 0x4000, r.pwrBase + 0x00: 0xF000_C000,
            r.flashBase + 0x00: 0x37, r.flashBase + 0x0C: 0x31, r.flashBase + 0x10C: 0x31, r.flashBase + 0x18: 0x1,
            r.flashBase + 0x1C: optsr, r.flashBase + 0x20: optsr, r.flashBase + 0x40: 0x1FF0_0800, r.flashBase + 0x44: 0x1FF0_0800,
            r.flashBase + 0x48: 0x1FF0_0810, r.flashBase + 0x4C: 0x1FF0_0810,
            r.gpioBase + 0x00: 0xABFF_FFFF, r.gpioBase + 0x08: 0x0C00_0000, r.gpioBase + 0x0C: 0x6400_0000,
            r.gpioBase + 0x400: 0xFFFF_FEBF, r.gpioBase + 0x408: 0x0000_00C0, r.gpioBase + 0x40C: 0x0000_0100,
            r.dbgmcuBase: 0x2003_0000 | devID,
            r.scbBase: cm4 ? 0x410F_C241 : 0x411F_C272,
        ]
        for port in 2..<11 { values[r.gpioBase + UInt32(port) * 0x400] = 0xFFFF_FFFF }
    }

    /// The value a 32-bit read of the word at `address` returns.
    func read(_ address: UInt32) -> UInt32 {
        let r = RegisterNames.self
        var v = values[address] ?? 0
        switch address {
        case r.rccBase + 0x00:
            // Ready flags follow their enables: HSI 0→2, CSI 7→8, HSI48 12→13, HSE 16→17, PLL1-3 24/26/28→25/27/29.
            v &= ~UInt32(0x2A02_E124)
            for (on, ready) in [(0, 2), (7, 8), (12, 13), (16, 17), (24, 25), (26, 27), (28, 29)] where v & (1 << on) != 0 {
                v |= 1 << ready
            }
            v |= 1 << 5 | 1 << 14  // HSIDIVF, D1CKRDY
            if !dualCore || otherCoreReleased { v |= 1 << 15 }  // D2CKRDY: the CM4's domain runs
        case r.rccBase + 0x10: v = (v & ~0x38) | ((v & 0x7) << 3)  // SWS follows SW
        case r.rccBase + 0x70, r.rccBase + 0x74: v = (v & ~0x2) | ((v & 0x1) << 1)  // LSERDY, LSIRDY
        case r.pwrBase + 0x04:
            let vos = (values[r.pwrBase + 0x18] ?? 0x4000) & 0xC000
            v = (v & ~0xE000) | vos | 1 << 13  // ACTVOS follows VOS, ACTVOSRDY
        case r.pwrBase + 0x0C:
            if smps, v & 0x8 != 0 { v |= 1 << 16 }  // SMPSEXTRDY once SMPSEXTHP feeds an external load
            if v & (1 << 24) != 0 { v |= 1 << 26 }  // USB33RDY follows USB33DEN
        case r.pwrBase + 0x18: v |= 1 << 13  // VOSRDY
        case r.flashBase + 0x1C: v &= ~1  // OPT_BUSY clear
        case r.flashBase + 0x10, r.flashBase + 0x110: v &= ~0x7  // BSY, WBNE, QW clear
        case r.sysTickBase: if v & 1 != 0 { v |= 1 << 16 }  // COUNTFLAG: a period has passed
        case r.ethBase + 0x1000: v &= ~1  // ETH_DMAMR.SWR: the software reset of MAC and DMA has completed
        case r.rtcBase + 0x0C:
            // RTC_ISR (RTC_ICSR on the H7A3/B3/B0): INITF (6) follows INIT (7), RSF (5) set (shadow registers in
            // sync), and the write flags WUTWF (2), ALRBWF (1), ALRAWF (0) set while WUTE (10), ALRBE (9), ALRAE (8)
            // of RTC_CR are clear. RTC_CR is at 0x08, at 0x18 on the H7A3/B3/B0's RTC (RM0455).
            let cr = values[r.rtcBase + (devID == 0x480 ? 0x18 : 0x08)] ?? 0
            v = (v & ~0x67) | ((v >> 1) & 0x40) | 0x20
            for (enable, flag) in [(10, 2), (9, 1), (8, 0)] where cr & (1 << enable) == 0 { v |= 1 << flag }
        default:
            if address >= r.hsemBase, address < r.hsemBase + 0x80 { v = values[address] ?? 0 }
        }
        return v
    }

    /// A read with side effects: HSEM_RLR takes the semaphore (one-step lock).
    mutating func readEffect(_ address: UInt32) {
        let r = RegisterNames.self
        guard address >= r.hsemBase + 0x80, address < r.hsemBase + 0x100 else { return }
        let semaphore = address - 0x80
        if (values[semaphore] ?? 0) & 0x8000_0000 == 0 {
            values[semaphore] = 0x8000_0000 | coreID << 8
        }
        values[address] = values[semaphore] ?? 0
    }

    /// A write of `size` bytes at `address` (any alignment within one word).
    mutating func write(_ address: UInt32, _ data: UInt32, size: Int) -> WriteEffect {
        let word = address & ~3, shift = (address & 3) * 8
        let mask: UInt32 = size >= 4 ? 0xFFFF_FFFF : ((1 << (UInt32(size) * 8)) - 1) << shift
        let old = values[word] ?? 0
        var new = (old & ~mask) | ((data << shift) & mask)
        let r = RegisterNames.self
        var note: String?
        switch word {
        case r.pwrBase + 0x0C:
            let supply = smps ? Self.cr3SupplyMaskSMPS : Self.cr3SupplyMaskLDO
            if supplyLocked {
                if (new ^ old) & supply != 0 { note = "ignored by the silicon: PWR_CR3's supply bits can be written once after power-on" }
                new = (new & ~supply) | (old & supply)
            }
            supplyLocked = true
            if !smps { new &= ~UInt32(0x4) }  // SCUEN cleared: configured
        case r.flashBase + 0x04, r.flashBase + 0x104:
            let cr = word == r.flashBase + 0x04 ? r.flashBase + 0x0C : r.flashBase + 0x10C
            flashKeys[word] = Self.step(flashKeys[word] ?? 0, data, 0x4567_0123, 0xCDEF_89AB)
            if flashKeys[word] == 2 { values[cr] = (values[cr] ?? 0) & ~1 }
        case r.flashBase + 0x08:
            flashKeys[word] = Self.step(flashKeys[word] ?? 0, data, 0x0819_2A3B, 0x4C5D_6E7F)
            if flashKeys[word] == 2 { values[r.flashBase + 0x18] = (values[r.flashBase + 0x18] ?? 0) & ~1 }
        case r.flashBase + 0x18:
            if new & 0x2 != 0, old & 1 == 0 {
                let prg = values[r.flashBase + 0x20] ?? 0
                optionStarts.append(prg)
                values[r.flashBase + 0x1C] = prg
                note = "option bytes programmed (OPTSTART): OPTSR_PRG 0x\(String(prg, radix: 16, uppercase: true)) applied"
            }
            new &= ~0x2
            new |= old & 1  // OPTLOCK is cleared by the key sequence only
        default:
            if word >= r.hsemBase, word < r.hsemBase + 0x80 {
                // Two-step lock: a write with LOCK takes a free semaphore; one without releases it.
                if data & 0x8000_0000 != 0 {
                    new = old & 0x8000_0000 == 0 ? (data & 0x8000_00FF) | coreID << 8 : old
                } else {
                    new = 0
                    if dualCore { otherCoreReleased = true }
                }
            }
        }
        values[word] = new
        return WriteEffect(value: new, note: note, modelled: Self.isModelled(word))
    }

    /// Key sequences: two values in order unlock; anything else starts over.
    static func step(_ state: Int, _ value: UInt32, _ first: UInt32, _ second: UInt32) -> Int {
        if value == first { return 1 }
        if value == second, state == 1 { return 2 }
        return 0
    }

    /// RCC, PWR, FLASH, SYSCFG, DBGMCU, HSEM: the registers whose writes mean the set-up is still going on.
    static func isModelled(_ address: UInt32) -> Bool {
        let r = RegisterNames.self
        for base in [r.rccBase, r.pwrBase, r.flashBase, r.hsemBase] where address >= base && address < base + 0x400 { return true }
        return address == r.syscfgBase + 0x2C || address == r.dbgmcuBase + 4
    }
}
