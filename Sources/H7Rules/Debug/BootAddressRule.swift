import H7Model

/// H7-DBG-006: a boot address option byte set where no vector table can be at power-up (RAM,
/// unmapped space). Valid: the user flash and the system memory (bootloader).
struct BootAddressRule: Rule {
    let id = "H7-DBG-006"

    /// One boot address being programmed: which one, the address the core will boot from, where.
    struct Target {
        var name: String
        var index: Int
        var address: Int
        var range: SourceRange
        var how: String
        var core: Core?
        var note: String = ""
    }

    func check(_ context: RuleContext) -> [Finding] {
        guard let memory = context.device?.line.memory else { return [] }
        var findings: [Finding] = []
        for target in Self.targets(in: context.project) {
            guard let region = Self.invalidRegion(target.address, memory: memory) else { continue }
            let pin = target.index == 0 ? "with BOOT0 low" : "with BOOT0 high"
            let back = target.index == 0 ? "; BOOT0 high (boot address 1, the bootloader by default) is the way back"
                                         : "; this also takes away the BOOT0-high way into the bootloader"
            let message = "\(target.how) sets \(target.name) to \(hex(target.address)) (\(region))\(target.note): \(pin) the core takes its stack pointer and reset vector from there, and there is no vector table at power-up, so it faults on every reset before any firmware runs\(back)"
            let fix = target.how.hasPrefix("HAL") || target.how.hasPrefix("FLASH")
                ? "boot from flash: \(target.name) = 0x08000000 (full address; the HAL keeps the upper 16 bits), and jump to RAM code from there if needed"
                : "boot from flash: \(target.name)=0x0800 (upper 16 address bits, 0x0800 0000), or 0x0810 (bank 2) for the M4"
            findings.append(context.finding(id, message, at: target.range, fix: fix, core: target.core))
        }
        return deduplicated(findings)
    }

    /// nil when the core can start from the address (flash, system memory: `memory:` in Rules/devices), else
    /// the region's name.
    static func invalidRegion(_ address: Int, memory: MemoryMap) -> String? {
        guard let region = memory.regions.first(where: { $0.contains(address) }) else { return "neither flash nor system memory" }
        return region.holdsCodeAtPowerUp ? nil : region.name
    }

    static func targets(in project: Project) -> [Target] {
        var targets: [Target] = []
        for program in OptionBytesProgram.all(in: project) {
            for (bit, name, prefix) in [(0x40, "OPTIONBYTE_BOOTADD", ""), (0x80, "OPTIONBYTE_CM4_BOOTADD", "CM4")] {
                guard program.selects(bit, name: name) || (bit == 0x40 && program.spelled("OptionType").contains("CM7_BOOTADD")) else { continue }
                let which = program.value("\(prefix)BootConfig") ?? 0x3
                for index in [0, 1] where which & (1 << index) != 0 {
                    guard let field = program.fields["\(prefix)BootAddr\(index)"], let value = field.value.value else { continue }
                    let note = value < 0x1_0000 && value != 0
                        ? " — \(field.value.spelled) looks like an STM32F7-style value; the H7 HAL expects a full address and keeps only its upper 16 bits" : ""
                    targets.append(Target(name: field.target, index: index, address: (value >> 16) << 16, range: program.call.range,
                                          how: "HAL_FLASHEx_OBProgram()", core: program.core, note: note))
                }
            }
        }
        // HAL_SYSCFG_CM4BootAddConfig()/CM7BootAddConfig() are left out: they set the run-time boot address
        // of a core the code itself releases later (ST's PWR_D2ON_D1OFF copies the M4 code to D2 SRAM first),
        // not the option bytes read at power-up.
        for fact in project.scripts where ScriptOption.bootAddresses.contains(fact.option) {
            guard let value = fact.number else { continue }
            let how = fact.decodedFrom.map { "\(fact.command) (\($0))" } ?? fact.command
            targets.append(Target(name: fact.option, index: fact.option.hasSuffix("1") ? 1 : 0,
                                  address: value <= 0xFFFF ? value << 16 : value, range: fact.range, how: how, core: nil))
        }
        return targets
    }
}
