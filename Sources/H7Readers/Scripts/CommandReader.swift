import Foundation
import H7Model

/// Recognizes option-byte and debug-transport commands in tokenized script commands.
enum CommandReader {
    static let cli = "STM32_Programmer_CLI"

    static func facts(in commands: [[ScriptToken]]) -> [ScriptFact] {
        commands.flatMap(facts(in:))
    }

    static func facts(in tokens: [ScriptToken]) -> [ScriptFact] {
        var facts: [ScriptFact] = []
        var tool: String?
        var i = 0
        func word(_ k: Int) -> String? { k < tokens.count ? tokens[k].text.lowercased() : nil }
        while i < tokens.count {
            let token = tokens[i]
            let lower = token.text.lowercased()
            if let name = toolName(lower) {
                tool = name
                i += 1
                continue
            }
            switch lower {
            case "-ob", "--optionbytes", "-optionbytes":
                // STM32_Programmer_CLI: `-ob KEY=VALUE KEY=VALUE ...` up to the next option.
                var j = i + 1
                while j < tokens.count, let pair = keyValue(tokens[j].text) {
                    facts.append(ScriptFact(command: tool ?? cli, option: pair.key.uppercased(), value: pair.value,
                                            range: tokens[j].range))
                    j += 1
                }
                i = j
                continue
            case "-psrss":
                // STM32_Programmer_CLI on the H7R/S line: `-psrss <state>` requests a product state.
                if i + 1 < tokens.count {
                    facts.append(ScriptFact(command: tool ?? cli, option: ScriptOption.productState, value: tokens[i + 1].text,
                                            range: tokens[i + 1].range))
                    i += 2
                    continue
                }
            case "-sdp":
                // STM32_Programmer_CLI on the H7R/S line: `-sdp <file>.obk` provisions option-byte keys (debug authentication).
                if i + 1 < tokens.count {
                    facts.append(ScriptFact(command: tool ?? cli, option: ScriptOption.keyProvisioning, value: tokens[i + 1].text,
                                            range: tokens[i + 1].range))
                    i += 2
                    continue
                }
            case "-rdu", "--readunprotect":
                facts.append(ScriptFact(command: tool ?? cli, option: ScriptOption.readoutUnprotect, value: nil, range: token.range))
            case "-swv":
                facts.append(ScriptFact(command: tool ?? cli, option: ScriptOption.swo, value: "-swv", range: token.range))
            case "stm32h7x" where word(i + 1) == "option_write":
                // OpenOCD: `stm32h7x option_write <bank> <register offset> <value> [mask]`.
                let numbers = numberTokens(tokens, from: i + 2, count: 4)
                if numbers.count >= 3 {
                    let mask = numbers.count > 3 ? numbers[3].1 : 0xFFFF_FFFF
                    let how = tokens[i..<min(tokens.count, i + 2 + numbers.count)].map(\.text).joined(separator: " ")
                    facts += OptionRegister.decode(offset: numbers[1].1, value: numbers[2].1, mask: mask,
                                                   at: numbers[2].0.range, command: "openocd", how: how)
                }
            case "mww", "w4", "write32", "ww":
                // Memory writes to the flash option registers: OpenOCD `mww [phys] addr value`,
                // J-Link `w4 addr, value`, pyOCD `write32 addr value`.
                let start = word(i + 1) == "phys" ? i + 2 : i + 1
                let numbers = numberTokens(tokens, from: start, count: 2)
                if numbers.count == 2, let offset = OptionRegister.offset(ofAddress: numbers[0].1) {
                    let command = lower == "mww" ? "openocd" : lower == "w4" ? "JLink" : (tool ?? "pyocd")
                    let how = tokens[i..<min(tokens.count, start + 2)].map(\.text).joined(separator: " ")
                    facts += OptionRegister.decode(offset: offset, value: numbers[1].1, mask: 0xFFFF_FFFF,
                                                   at: numbers[1].0.range, command: command, how: how)
                }
            case "transport" where word(i + 1) == "select":
                if let kind = word(i + 2), kind.contains("jtag") {
                    facts.append(ScriptFact(command: tool ?? "openocd", option: ScriptOption.transport, value: kind,
                                            range: tokens[i + 2].range))
                }
            case "tpiu" where word(i + 1) == "config" && word(i + 2) != "disable":
                facts.append(ScriptFact(command: tool ?? "openocd", option: ScriptOption.swo, value: "tpiu config",
                                        range: token.range))
            default:
                if lower.hasSuffix(".tpiu") && word(i + 1) == "enable" {
                    facts.append(ScriptFact(command: tool ?? "openocd", option: ScriptOption.swo, value: "tpiu enable",
                                            range: token.range))
                } else if lower == "--area=option", let w = (i + 1..<tokens.count).first(where: { word($0) == "write" }),
                          let value = numberTokens(tokens, from: w + 1, count: 1).first {
                    // st-flash `--area=option write <word>`: the H7 FLASH_OPTSR_PRG word (our reading of stlink).
                    facts += OptionRegister.decode(offset: OptionRegister.optsrPrg, value: value.1, mask: 0xFFFF_FFFF,
                                                   at: value.0.range, command: "st-flash",
                                                   how: "st-flash --area=option write \(value.0.text)")
                }
            }
            i += 1
        }
        return facts
    }

    /// The tool a word starts (`/opt/st/bin/STM32_Programmer_CLI.exe` → STM32_Programmer_CLI).
    static func toolName(_ lowerWord: String) -> String? {
        var base = lowerWord.split(separator: "/").last.map(String.init) ?? lowerWord
        for suffix in [".exe", ".sh"] where base.hasSuffix(suffix) { base.removeLast(suffix.count) }
        switch base {
        case "stm32_programmer_cli", "stm32_programmer", "stm32cubeprogrammer_cli": return cli
        case "st-flash": return "st-flash"
        case "openocd": return "openocd"
        case "pyocd": return "pyocd"
        case "jlinkexe", "jlink", "jlinkgdbserver", "jlinkgdbservercl", "jlinkgdbserverclexe": return "JLink"
        default: return nil
        }
    }

    /// `RDP=0xCC` → (RDP, 0xCC); nil unless the key is an identifier and there is a value.
    static func keyValue(_ text: String) -> (key: String, value: String)? {
        guard let eq = text.firstIndex(of: "=") else { return nil }
        let key = text[..<eq], value = text[text.index(after: eq)...]
        guard let first = key.first, first.isLetter || first == "_", !value.isEmpty,
              key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        return (String(key), String(value))
    }

    /// Up to `count` numbers from `start` on, stopping at the first word that is not one.
    static func numberTokens(_ tokens: [ScriptToken], from start: Int, count: Int) -> [(ScriptToken, Int)] {
        var result: [(ScriptToken, Int)] = []
        var k = start
        while k < tokens.count, result.count < count, let n = ScriptFact.parseNumber(tokens[k].text) {
            result.append((tokens[k], n))
            k += 1
        }
        return result
    }
}

/// The STM32H7 flash option registers a script can write, and what their fields mean.
enum OptionRegister {
    static let optsrPrg = 0x20
    static let bootPrg = 0x44
    static let boot4Prg = 0x4C
    /// FLASH register blocks of bank 1 and bank 2 (RM0433/RM0399 register maps: the option registers are mirrored).
    static let bases = [0x5200_2000, 0x5200_2100]

    static func offset(ofAddress address: Int) -> Int? {
        for base in bases where [optsrPrg, bootPrg, boot4Prg].contains(address - base) { return address - base }
        return nil
    }

    /// Facts for the fields a write covers: RDP (bits 15:8), BCM4/BCM7 (bits 22/23) of FLASH_OPTSR_PRG;
    /// boot address 0 (bits 15:0) and 1 (bits 31:16) of FLASH_BOOT_PRG / BOOT7_PRG / BOOT4_PRG.
    static func decode(offset: Int, value: Int, mask: Int, at range: SourceRange, command: String, how: String) -> [ScriptFact] {
        var facts: [ScriptFact] = []
        func add(_ option: String, _ text: String, _ field: String) {
            facts.append(ScriptFact(command: command, option: option, value: text, range: range, decodedFrom: "\(how): \(field)"))
        }
        switch offset {
        case optsrPrg:
            if mask & 0xFF00 == 0xFF00 { add(ScriptOption.rdp, hex((value >> 8) & 0xFF, 2), "FLASH_OPTSR_PRG.RDP, bits 15:8") }
            if mask & (1 << 23) != 0 { add(ScriptOption.bcm7, String((value >> 23) & 1), "FLASH_OPTSR_PRG.BCM7, bit 23") }
            if mask & (1 << 22) != 0 { add(ScriptOption.bcm4, String((value >> 22) & 1), "FLASH_OPTSR_PRG.BCM4, bit 22") }
        case bootPrg, boot4Prg:
            let prefix = offset == bootPrg ? "BOOT" : "BOOT_CM4"
            let register = offset == bootPrg ? "FLASH_BOOT_PRG" : "FLASH_BOOT4_PRG"
            if mask & 0xFFFF == 0xFFFF { add("\(prefix)_ADD0", hex(value & 0xFFFF, 4), "\(register) boot address 0, bits 15:0") }
            if mask & 0xFFFF_0000 == 0xFFFF_0000 { add("\(prefix)_ADD1", hex((value >> 16) & 0xFFFF, 4), "\(register) boot address 1, bits 31:16") }
        default:
            break
        }
        return facts
    }

    static func hex(_ value: Int, _ digits: Int) -> String { "0x" + String(format: "%0\(digits)X", value) }
}
