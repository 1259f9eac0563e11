import Foundation

/// CMSIS names of registers by address (`PWR->CR3`): for the emulator's trace and facts, and for C that writes
/// through an address (`*(volatile uint32_t *)(PWR_BASE + 0x0C) |= ...`).
/// Bases and offsets are the CMSIS device headers' (cmsis_device_h7 @13ba9da: RCC 0x58024400, PWR 0x58024800,
/// FLASH_R 0x52002000, SYSCFG 0x58000400, GPIOA 0x58020000 (a port every 0x400), HSEM 0x58026400,
/// DBGMCU 0x5C001000, SysTick 0xE000E010, SCB 0xE000ED00; register offsets from their *_TypeDef structs).
public enum RegisterNames {
    public static let rccBase: UInt32 = 0x5802_4400
    public static let pwrBase: UInt32 = 0x5802_4800
    public static let flashBase: UInt32 = 0x5200_2000
    public static let syscfgBase: UInt32 = 0x5800_0400
    public static let gpioBase: UInt32 = 0x5802_0000
    public static let hsemBase: UInt32 = 0x5802_6400
    /// RTC_BASE = D3_APB1PERIPH_BASE (SRD_APB4PERIPH_BASE) + 0x4000 in the CMSIS headers.
    public static let rtcBase: UInt32 = 0x5800_4000
    /// ETH_BASE = D2_AHB1PERIPH_BASE + 0x8000 (H74x/H75x, H72x/H73x); ETH_DMAMR is at +0x1000 in ETH_TypeDef.
    public static let ethBase: UInt32 = 0x4002_8000
    public static let dbgmcuBase: UInt32 = 0x5C00_1000
    public static let sysTickBase: UInt32 = 0xE000_E010
    public static let scbBase: UInt32 = 0xE000_ED00

    public static let rcc: [UInt32: String] = [
        0x00: "CR", 0x04: "HSICFGR", 0x08: "CRRCR", 0x0C: "CSICFGR", 0x10: "CFGR", 0x18: "D1CFGR", 0x1C: "D2CFGR",
        0x20: "D3CFGR", 0x28: "PLLCKSELR", 0x2C: "PLLCFGR", 0x30: "PLL1DIVR", 0x34: "PLL1FRACR", 0x38: "PLL2DIVR",
        0x3C: "PLL2FRACR", 0x40: "PLL3DIVR", 0x44: "PLL3FRACR", 0x4C: "D1CCIPR", 0x50: "D2CCIP1R", 0x54: "D2CCIP2R",
        0x58: "D3CCIPR", 0x60: "CIER", 0x64: "CIFR", 0x68: "CICR", 0x70: "BDCR", 0x74: "CSR", 0xA0: "GCR", 0xD0: "RSR",
        0xD4: "AHB3ENR", 0xD8: "AHB1ENR", 0xDC: "AHB2ENR", 0xE0: "AHB4ENR", 0xE4: "APB3ENR", 0xE8: "APB1LENR",
        0xEC: "APB1HENR", 0xF0: "APB2ENR", 0xF4: "APB4ENR",
    ]
    public static let pwr: [UInt32: String] = [0x00: "CR1", 0x04: "CSR1", 0x08: "CR2", 0x0C: "CR3", 0x10: "CPUCR", 0x18: "D3CR", 0x20: "WKUPCR"]
    public static let flash: [UInt32: String] = [
        0x00: "ACR", 0x04: "KEYR1", 0x08: "OPTKEYR", 0x0C: "CR1", 0x10: "SR1", 0x14: "CCR1", 0x18: "OPTCR", 0x1C: "OPTSR_CUR",
        0x20: "OPTSR_PRG", 0x24: "OPTCCR", 0x40: "BOOT_CURR", 0x44: "BOOT_PRGR", 0x48: "BOOT4_CURR", 0x4C: "BOOT4_PRGR",
        0x104: "KEYR2", 0x10C: "CR2", 0x110: "SR2", 0x114: "CCR2",
    ]
    public static let gpio: [UInt32: String] = [0x00: "MODER", 0x04: "OTYPER", 0x08: "OSPEEDR", 0x0C: "PUPDR", 0x10: "IDR", 0x14: "ODR",
                                         0x18: "BSRR", 0x1C: "LCKR", 0x20: "AFR[0]", 0x24: "AFR[1]"]
    public static let sysTick: [UInt32: String] = [0x0: "CTRL", 0x4: "LOAD", 0x8: "VAL", 0xC: "CALIB"]
    public static let scb: [UInt32: String] = [0x00: "CPUID", 0x04: "ICSR", 0x08: "VTOR", 0x0C: "AIRCR", 0x10: "SCR", 0x14: "CCR",
                                        0x88: "CPACR"]

    /// `PWR->CR3`; `PWR->SRDCR` on lines whose VOS register is SRDCR; nil for an address not named here.
    public static func name(_ address: UInt32, vosRegister: String = "d3cr", dualCore: Bool = false) -> String? {
        func within(_ base: UInt32, _ size: UInt32) -> UInt32? { address >= base && address < base + size ? address - base : nil }
        if let o = within(rccBase, 0x400), let n = rcc[o] { return "RCC->\(n)" }
        if let o = within(pwrBase, 0x400), let n = pwr[o] {
            return n == "D3CR" && vosRegister == "srdcr" ? "PWR->SRDCR" : "PWR->\(n)"
        }
        if let o = within(flashBase, 0x400), var n = flash[o] {
            if dualCore, n == "BOOT_CURR" || n == "BOOT_PRGR" { n = n.replacingOccurrences(of: "BOOT_", with: "BOOT7_") }
            return "FLASH->\(n)"
        }
        if address == syscfgBase + 0x2C { return "SYSCFG->PWRCR" }
        if let o = within(gpioBase, 0x2C00) {
            let port = Character(UnicodeScalar(UInt8(65 + o / 0x400)))
            if let n = gpio[o % 0x400] { return "GPIO\(port)->\(n)" }
        }
        if let o = within(hsemBase, 0x400) {
            if o < 0x80 { return "HSEM->R[\(o / 4)]" }
            if o < 0x100 { return "HSEM->RLR[\((o - 0x80) / 4)]" }
            return nil
        }
        if address == dbgmcuBase { return "DBGMCU->IDCODE" }
        if address == dbgmcuBase + 4 { return "DBGMCU->CR" }
        if let o = within(sysTickBase, 0x10), let n = sysTick[o] { return "SysTick->\(n)" }
        if let o = within(scbBase, 0x90), let n = scb[o] { return "SCB->\(n)" }
        return nil
    }

    /// The peripheral an unnamed address belongs to, for counting unmodelled accesses (`0x40004800`).
    public static func block(_ address: UInt32) -> String {
        let base = address & ~0x3FF
        return String(format: "0x%08X", base)
    }
}
