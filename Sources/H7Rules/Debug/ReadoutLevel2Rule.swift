import H7Model

/// H7-DBG-004: read-out protection level 2 programmed by code (`HAL_FLASHEx_OBProgram` with
/// `OB_RDP_LEVEL_2`, a FLASH_OPTSR_PRG write) or by a script (`-ob RDP=0xCC`, decoded register writes).
struct ReadoutLevel2Rule: Rule {
    let id = "H7-DBG-004"
    static let level2 = 0xCC00
    static let why = "level 2 is final: the debug port is disabled for good and the part can never again be erased or reflashed from outside (the HAL: no way back to level 1 or 0)"

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for program in OptionBytesProgram.all(in: context.project) where program.selects(0x02, name: "OPTIONBYTE_RDP") {
            guard program.value("RDPLevel") == Self.level2 || program.spelled("RDPLevel").contains("OB_RDP_LEVEL_2"),
                  let field = program.fields["RDPLevel"] else { continue }
            findings.append(context.finding(id, "HAL_FLASHEx_OBProgram() programs read-out protection level 2 (\(field.target) = \(field.value.spelled)): \(Self.why)",
                                            at: program.call.range,
                                            related: [RelatedLocation(field.range, "RDP level 2 chosen here")],
                                            fix: "use OB_RDP_LEVEL_1 (reversible: regression to level 0 erases the flash); keep level 2 for a deliberate production step only",
                                            core: program.core))
        }
        for write in uniqueRegisterWrites(context.project, target: "FLASH->OPTSR_PRG") {
            guard let set = write.setBits, let clear = write.clearBits,
                  set & 0xFF00 == Self.level2, clear & 0xFF00 == 0xFF00 & ~Self.level2 else { continue }
            findings.append(context.finding(id, "this write puts 0xCC in FLASH_OPTSR_PRG.RDP, read-out protection level 2: \(Self.why)",
                                            at: write.range, fix: "write 0xBB (level 1) into the RDP field instead"))
        }
        for fact in context.project.scripts where fact.option == ScriptOption.rdp {
            guard let level = fact.number, level == 0xCC || fact.value == "2" else { continue }
            let how = fact.decodedFrom.map { ", \($0)" } ?? ""
            let what = level == 0xCC ? "RDP=\(fact.value ?? "0xCC") (\(fact.command)\(how)) programs read-out protection level 2"
                : "RDP=2 (\(fact.command)) asks for read-out protection level 2 (STM32_Programmer_CLI takes the raw RDP byte, where level 2 is 0xCC; a wrapper that maps 2 to level 2 makes it final)"
            findings.append(context.finding(id, "\(what): \(Self.why)", at: fact.range,
                                            fix: "use RDP=0xBB (level 1, reversible) in development scripts and CI; keep a level-2 step out of them, in a separate production step run on purpose"))
        }
        return deduplicated(findings)
    }
}
