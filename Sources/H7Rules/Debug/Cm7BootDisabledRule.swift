import H7Model

/// H7-DBG-005: the Cortex-M7 boot disabled in the option bytes of a dual-core part (BCM7 = 0), by
/// code or by a script. Debuggers then have to connect through the M4 on access port 3.
struct Cm7BootDisabledRule: Rule {
    let id = "H7-DBG-005"
    static let bcm7 = 1 << 23
    static let why = "after the next reset the Cortex-M7 no longer boots, and the M7 (access port 0) is where debuggers connect by default: STM32CubeProgrammer and IDE connections fail until BCM7 is set again through the M4 on access port 3"
    static let fix = "keep BCM7=1 and gate the M7 in software (hardware-semaphore start-up); if it must stay off, keep the way back next to it: STM32_Programmer_CLI -c port=SWD ap=3 -ob BCM7=1"

    func check(_ context: RuleContext) -> [Finding] {
        if let device = context.device, !device.isDualCore { return [] }
        var findings: [Finding] = []
        for (call, core) in uniqueCalls(context.project, named: ["HAL_SYSCFG_DisableCM7BOOT"]) {
            findings.append(context.finding(id, "HAL_SYSCFG_DisableCM7BOOT() clears the CM7 boot enable: \(Self.why)",
                                            at: call.range, fix: Self.fix, core: core))
        }
        for program in OptionBytesProgram.all(in: context.project) where program.selects(0x04, name: "OPTIONBYTE_USER") {
            let type = program.value("USERType").map { $0 & 0x0800 != 0 } ?? program.spelled("USERType").contains("BCM7")
            let config = program.value("USERConfig").map { $0 & Self.bcm7 == 0 } ?? program.spelled("USERConfig").contains("OB_BCM7_DISABLE")
            guard type, config, let field = program.fields["USERConfig"] else { continue }
            findings.append(context.finding(id, "HAL_FLASHEx_OBProgram() clears BCM7 (\(field.target) = \(field.value.spelled) with OB_USER_BCM7): \(Self.why)",
                                            at: program.call.range, related: [RelatedLocation(field.range, "BCM7 = 0 chosen here")],
                                            fix: Self.fix, core: program.core))
        }
        if context.device?.isDualCore == true {
            for write in uniqueRegisterWrites(context.project, target: "FLASH->OPTSR_PRG") where (write.clearBits ?? 0) & Self.bcm7 != 0 {
                findings.append(context.finding(id, "this write clears FLASH_OPTSR_PRG.BCM7 (bit 23): \(Self.why)", at: write.range, fix: Self.fix))
            }
        }
        let scripts = context.project.scripts
        for fact in scripts where fact.option == ScriptOption.bcm7 && fact.number == 0 {
            let how = fact.decodedFrom.map { ", \($0)" } ?? ""
            let noCore = scripts.contains { $0.option == ScriptOption.bcm4 && $0.number == 0 && $0.file == fact.file && $0.line == fact.line }
            let both = noCore ? "; BCM4=0 in the same command leaves no core that boots, and what the part does then is not documented in the sources h7lint uses" : ""
            findings.append(context.finding(id, "BCM7=0 (\(fact.command)\(how)) disables the Cortex-M7 boot: \(Self.why)\(both)",
                                            at: fact.range, fix: Self.fix))
        }
        return deduplicated(findings)
    }
}
