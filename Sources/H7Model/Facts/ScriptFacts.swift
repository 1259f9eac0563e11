/// A setting found in a script or tool configuration, read as text and never run: an option byte a
/// flashing command programs (`STM32_Programmer_CLI -ob RDP=0xCC`), a read-out unprotect (`-rdu`),
/// or how a debugger connects (`transport select jtag`, SWO trace switched on).
public struct ScriptFact: Codable, Hashable, Sendable {
    /// The tool as h7lint names it: `STM32_Programmer_CLI`, `openocd`, `st-flash`, `pyocd`, `JLink`,
    /// `STM32CubeIDE launch`, `cortex-debug`.
    public var command: String
    /// The setting, normalized (see `ScriptOption`): `RDP`, `BCM7`, `BOOT_CM7_ADD0`, `-rdu`, `transport`, `swo`.
    public var option: String
    /// The value as written, or as decoded from a register word (`0xCC`); nil for flags.
    public var value: String?
    /// Where the option (or the value it was decoded from) is written.
    public var range: SourceRange
    /// How the fact was read when it was decoded rather than written as is
    /// (`stm32h7x option_write 0 0x20 0xCC00 0xFF00: FLASH_OPTSR_PRG bits 15:8`).
    public var decodedFrom: String?

    public init(command: String, option: String, value: String?, range: SourceRange, decodedFrom: String? = nil) {
        self.command = command
        self.option = option
        self.value = value
        self.range = range
        self.decodedFrom = decodedFrom
    }

    public var file: String { range.file }
    public var line: Int { range.line }
    public var column: Int { range.column }

    /// The value as a number: `0xCC`, `204`, `0b1`; nil when it is not one.
    public var number: Int? { value.flatMap(ScriptFact.parseNumber) }

    public static func parseNumber(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
        if t.hasPrefix("0x") { return Int(t.dropFirst(2), radix: 16) }
        if t.hasPrefix("0b") { return Int(t.dropFirst(2), radix: 2) }
        return Int(t)
    }
}

/// The normalized option names `ScriptFact.option` uses.
public enum ScriptOption {
    /// Read-out protection level byte (0xAA level 0, 0xCC level 2, anything else level 1).
    public static let rdp = "RDP"
    /// Dual-core boot enables (1 = the core boots).
    public static let bcm7 = "BCM7"
    public static let bcm4 = "BCM4"
    /// STM32H7R/S product state request (`STM32_Programmer_CLI -psrss 0x72`): 0x17 Provisioning, 0x72 Closed,
    /// 0x5C Locked (STM32CubeH7RS ROT_Provisioning/DA/provisioning.sh).
    public static let productState = "-psrss"
    /// STM32H7R/S option-byte key provisioning (`STM32_Programmer_CLI -sdp DA_ConfigLock.obk`): the value is the file.
    public static let keyProvisioning = "-sdp"
    /// Read-out unprotect: regression to level 0, which mass-erases the flash.
    public static let readoutUnprotect = "-rdu"
    /// The debug transport when it is not plain SWD (`jtag`).
    public static let transport = "transport"
    /// SWO trace output switched on (needs PB3).
    public static let swo = "swo"
    /// Boot address option bytes, upper 16 address bits as STM32_Programmer_CLI takes them.
    public static let bootAddresses: Set<String> = ["BOOT_ADD0", "BOOT_ADD1", "BOOT_CM7_ADD0", "BOOT_CM7_ADD1",
                                                     "BOOT_CM4_ADD0", "BOOT_CM4_ADD1"]
}

import Foundation
