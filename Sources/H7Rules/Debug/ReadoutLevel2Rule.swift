import Foundation
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
        findings += ProductStateLockout.findings(context, rule: id)
        return deduplicated(findings)
    }
}

/// The H7R/S line's counterpart of RDP level 2 (H7-DBG-004 on RM0477 parts): a product state that closes or
/// locks the part, programmed by code (`OPTIONBYTE_NV` with `NVState = OB_NVSTATE_CLOSE`) or by a script
/// (`STM32_Programmer_CLI -psrss 0x72` Closed, `0x5C` Locked). Values from Rules/hal-identifiers.yml (csr4).
enum ProductStateLockout {
    static let nvStateClose = 0x51
    /// `-psrss` values of ST's provisioning script (STM32CubeH7RS ROT_Provisioning/DA/provisioning.sh:97-106, 150).
    static let psrssStates: [Int: String] = [0x72: "Closed", 0x5C: "Locked"]
    static let why = "on the STM32H7R/S line a closed part keeps its debug port shut; it opens again only through debug authentication provisioned beforehand (a password or certificate in the option-byte keys), and a locked part (OB_DBG_AUTH_LOCKED, \"no debug allowed\") never does"

    static func findings(_ context: RuleContext, rule id: String) -> [Finding] {
        var findings: [Finding] = []
        if context.project.device?.line.vosRegister == "csr4" {
            for program in OptionBytesProgram.all(in: context.project) where program.selects(0x08, name: "OPTIONBYTE_NV") {
                guard program.value("NVState") == nvStateClose || program.spelled("NVState").contains("OB_NVSTATE_CLOSE"),
                      let field = program.fields["NVState"] else { continue }
                findings.append(context.finding(id, "HAL_FLASHEx_OBProgram() closes the part (\(field.target) = \(field.value.spelled), product state Closed): \(why)",
                                                at: program.call.range,
                                                related: [RelatedLocation(field.range, "the closed state chosen here")],
                                                fix: "keep OB_NVSTATE_OPEN in development builds; close the part only in a separate production step, after debug authentication (password or certificate) has been provisioned and its regression tried",
                                                core: program.core))
            }
        }
        for fact in context.project.scripts where fact.option == ScriptOption.productState {
            guard let value = fact.number, let state = psrssStates[value] else { continue }
            findings.append(context.finding(id, "\(fact.command) -psrss \(fact.value ?? "") sets the product state \(state): \(why)",
                                            at: fact.range,
                                            fix: "keep product-state changes out of development scripts and CI; run ST's provisioning (debug authentication first) as a deliberate production step"))
        }
        // ST names the debug-authentication configuration of the Locked state DA_ConfigLock.obk (provisioning.sh:102-106).
        for fact in context.project.scripts where fact.option == ScriptOption.keyProvisioning {
            guard let file = fact.value, URL(fileURLWithPath: file).lastPathComponent.lowercased().contains("lock") else { continue }
            findings.append(context.finding(id, "\(fact.command) -sdp \(file) provisions a debug-authentication configuration named for the Locked state: once the part is closed with it, no debug access is possible any more (OB_DBG_AUTH_LOCKED, \"no debug allowed\")",
                                            at: fact.range,
                                            fix: "provision a password or certificate configuration (ST's DA_Config*.obk) unless the part is meant to be locked for good, in a separate production step"))
        }
        return findings
    }
}
