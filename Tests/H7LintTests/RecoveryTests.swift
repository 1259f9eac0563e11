import Foundation
import H7Model
import H7Report
import Testing

/// Rules/recovery.yml: for every rule, probe tool and part family, `h7lint recover` prints commands that exist in
/// the tool version it states, with the family's target and flash banks.
struct RecoveryTests {
    let book = TestSupport.knowledge.recoveryBook
    static let probes = ["cubeprogrammer", "openocd", "pyocd"]

    /// What OpenOCD 0.12.0 ships (tcl/ and the stm32h7x flash driver's commands).
    static let openocdFiles: Set = ["interface/stlink-dap.cfg", "target/stm32h7x.cfg", "target/stm32h7x_dual_bank.cfg"]
    static let openocdFlashCommands: Set = ["mass_erase", "option_read", "option_write"]
    /// pyOCD's built-in H7 targets and the DEV_ID each one accepts (nil: it checks none).
    static let pyocdTargets: [String: String?] = ["stm32h743xx": "0x450", "stm32h750xx": "0x450", "stm32h723xx": "0x483", "stm32h7b0xx": nil]
    static let pyocdSubcommands: Set = ["erase", "pack", "commander", "load"]
    static let cubeOptions: Set = ["-c", "port=SWD", "mode=UR", "reset=HWrst", "ap=3", "-e", "all", "-ob", "displ",
                                   "BCM7=1", "BOOT_CM7_ADD0=0x0800",
                                   // The H7R/S debug-authentication regression, as ST's script runs it (STM32CubeH7RS
                                   // Projects/NUCLEO-H7S3L8/ROT_Provisioning/DA/regression.sh).
                                   "debugauth=2", "debugauth=1", "pwd=password.bin", "per=a", "key=key_3_leaf.pem",
                                   "cert=cert_leaf_chain.b64"]

    /// The commands one family gets for one procedure and probe, as printed.
    func commands(_ procedure: RecoveryProcedure, _ probe: String, _ family: PartFamily) -> [String] {
        guard procedure.applies(to: family), let commands = procedure.probes?[probe]?.commands else { return [] }
        let filled = commands.filter { RecoveryText.unfilled($0, family.values).isEmpty }.map { RecoveryText.fill($0, family.values) }
        return filled.isEmpty ? [] : (family.setup?[probe] ?? []) + filled
    }

    static func words(_ command: String) -> [String] {
        var words: [String] = [], word = "", quoted = false
        for c in command {
            if c == "\"" { quoted.toggle(); continue }
            if c == " " && !quoted { if !word.isEmpty { words.append(word) }; word = ""; continue }
            word.append(c)
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    @Test func everyFamilyIsKnownAndEveryCommandIsComplete() {
        let defines = TestSupport.knowledge.deviceDefines
        let covered = Set(book.partFamilies.flatMap(\.defines))
        #expect(covered == defines, "part families must cover every device define exactly: \(defines.symmetricDifference(covered).sorted())")
        for procedure in book.procedures {
            for (probe, part) in procedure.probes ?? [:] {
                #expect(Self.probes.contains(probe), "\(procedure.id): unknown probe \(probe)")
                for family in book.partFamilies where procedure.applies(to: family) {
                    let printed = commands(procedure, probe, family)
                    let missing = (part.commands ?? []).flatMap { RecoveryText.unfilled($0, family.values) }
                    let noted = !(part.notes ?? []).isEmpty || missing.contains { family.missingNotes?[$0] != nil }
                    #expect(!printed.isEmpty || part.commands == nil || noted,
                            "\(procedure.id) --probe \(probe) for \(family.id): no command and no note saying why")
                }
            }
        }
    }

    @Test func openocdCommandsExistInVersion0_12() {
        for procedure in book.procedures {
            for family in book.partFamilies {
                for command in commands(procedure, "openocd", family) {
                    let words = Self.words(command)
                    #expect(words.first == "openocd", "\(command)")
                    let files = zip(words, words.dropFirst()).filter { $0.0 == "-f" }.map(\.1)
                    for file in files { #expect(Self.openocdFiles.contains(file), "\(family.id): \(file) is not in OpenOCD 0.12.0") }
                    let flash = words.filter { $0.hasPrefix("stm32h7x ") }.map { $0.split(separator: " ").map(String.init) }
                    for args in flash { #expect(Self.openocdFlashCommands.contains(args[1]), "\(family.id): stm32h7x \(args[1])") }
                    // Bank 2 exists only when the dual-bank target file creates it.
                    if flash.contains(where: { $0[1] == "mass_erase" && $0[2] == "1" }) {
                        #expect(files.contains("target/stm32h7x_dual_bank.cfg"), "\(family.id): mass_erase 1 without the dual-bank config")
                    }
                    // The offset 0x44 (FLASH_BOOT_PRGR) was verified on DEV_ID 0x450 parts only.
                    if flash.contains(where: { $0[1] == "option_write" }) { #expect(family.devId == "0x450", "\(family.id): option_write") }
                }
            }
        }
        let twoBanks = book.partFamilies.filter { $0.values["openocd_target"] == "target/stm32h7x_dual_bank.cfg" }.map(\.id)
        #expect(Set(twoBanks) == ["h742-h743-h753", "h745-h747-h755-h757", "h7a3-h7b3"])
    }

    @Test func pyocdTargetsFitThePart() {
        for procedure in book.procedures {
            for family in book.partFamilies {
                for command in commands(procedure, "pyocd", family) {
                    let words = Self.words(command)
                    #expect(words.first == "pyocd" && Self.pyocdSubcommands.contains(words[1]), "\(command)")
                    guard let at = words.firstIndex(of: "--target") else { continue }
                    let target = words[at + 1]
                    if target == "<target>" {
                        #expect(family.setup?["pyocd"]?.first?.hasPrefix("pyocd pack install ") == true, "\(family.id): a pack target needs its pack")
                    } else {
                        #expect(Self.pyocdTargets[target] != nil, "\(family.id): pyOCD has no built-in \(target)")
                        if let devId = Self.pyocdTargets[target] ?? nil { #expect(devId == family.devId, "\(family.id): \(target) asserts DEV_ID \(devId)") }
                    }
                }
            }
        }
        #expect(book.partFamilies.first { $0.id == "h750" }?.values["pyocd_target"] == "stm32h750xx")
    }

    @Test func cubeProgrammerCommandsUseKnownOptions() {
        for procedure in book.procedures {
            for family in book.partFamilies {
                for command in commands(procedure, "cubeprogrammer", family) {
                    let words = Self.words(command)
                    #expect(words.first == "STM32_Programmer_CLI", "\(command)")
                    for word in words.dropFirst() { #expect(Self.cubeOptions.contains(word), "\(family.id): \(word) in \(command)") }
                }
            }
        }
    }

    /// Option bytes: `-ob displ` comes before any option-byte write; names that no source confirms for a line say so.
    @Test func optionBytesAreReadFirstAndUnverifiedNamesSaySo() {
        for procedure in book.procedures {
            let commands = procedure.probes?["cubeprogrammer"]?.commands ?? []
            if let write = commands.firstIndex(where: { $0.contains("-ob ") && !$0.contains("-ob displ") }) {
                #expect(commands[..<write].contains { $0.contains("-ob displ") }, "\(procedure.id): -ob displ must come first")
            }
        }
        for family in book.partFamilies where family.devId != "0x450" {
            #expect(family.valueNotes?["ob_boot_add0"]?.contains("unverified") == true, "\(family.id): option-byte names")
        }
    }

    /// Every rule with a recovery list prints, for every probe and family, no placeholder and no other probe's commands.
    @Test func everyRuleProbeAndFamilyPrintsItsOwnProcedure() {
        let knowledge = TestSupport.knowledge
        for doc in knowledge.ruleDocs.values {
            let procedures = (doc.recovery ?? []).compactMap { knowledge.recovery[$0] }
            for probe in Self.probes {
                for family in [nil] + book.partFamilies.map(Optional.some) {
                    let text = RecoveryText(book: book, probe: probe, family: family).render(procedures)
                    #expect(!text.contains("{"), "\(doc.id) --probe \(probe): placeholder left")
                    for other in Self.probes where other != probe {
                        let tool = other == "cubeprogrammer" ? "STM32_Programmer_CLI -c" : other == "openocd" ? "openocd -f" : "pyocd erase"
                        #expect(!text.contains("     \(tool)"), "\(doc.id) --probe \(probe) prints \(other) commands")
                    }
                }
            }
        }
    }

    @Test func cortexM7BootDisabledRecoversOnlyThroughAccessPort3() throws {
        let rule = try TestSupport.run(["recover", "H7-DBG-005"])
        let scenario = try TestSupport.run(["recover", "--scenario", "cm7-boot"])
        #expect(rule.stdout == scenario.stdout)
        #expect(!rule.stdout.contains("BOOT0 high, then erase"))
    }

    @Test func badBootAddressIsRewrittenNotErased() throws {
        let cube = try TestSupport.run(["recover", "H7-DBG-006", "--part", "STM32H743ZI"])
        #expect(cube.stdout.hasPrefix("Probe: STM32CubeProgrammer"))
        #expect(cube.stdout.contains("     STM32_Programmer_CLI -c port=SWD -ob displ\n     STM32_Programmer_CLI -c port=SWD -ob BOOT_CM7_ADD0=0x0800\n"))
        let pyocd = try TestSupport.run(["recover", "H7-DBG-006", "--probe", "pyocd"])
        #expect(pyocd.stdout.contains("STM32CubeProgrammer only"))
        let openocd = try TestSupport.run(["recover", "H7-DBG-006", "--probe", "openocd", "--part", "STM32H723ZG"])
        #expect(openocd.stdout.contains("None with this tool for these parts") && openocd.stdout.contains("offset on 0x483 parts was not verified"))
        let bad = try TestSupport.run(["recover", "H7-DBG-006", "--part", "STM32F407VG"])
        #expect(bad.status == 2)
    }

    @Test func openocdPrintsItsOwnProcedureFirstWithNotes() throws {
        let result = try TestSupport.run(["recover", "H7-PWR-001", "--probe", "openocd", "--part", "STM32H745ZI"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("STM32_Programmer_CLI"))
        #expect(result.stdout.contains("-f target/stm32h7x_dual_bank.cfg") && result.stdout.contains("-c \"stm32h7x mass_erase 1\""))
        #expect(result.stdout.contains("Note: interface/stlink-dap.cfg is for OpenOCD 0.12.0"))
        let single = try TestSupport.run(["recover", "H7-PWR-001", "--probe", "openocd", "--part", "STM32H723ZG"])
        #expect(single.stdout.contains("-f target/stm32h7x.cfg") && !single.stdout.contains("-c \"stm32h7x mass_erase 1\""))
        let pyocd = try TestSupport.run(["recover", "H7-PWR-001", "--probe", "pyocd", "--part", "STM32H7A3ZI"])
        #expect(pyocd.stdout.contains("pyocd pack install stm32h7a3") && !pyocd.stdout.contains("stm32h743xx"))
    }
}

/// What the recovery advice says about ST's two solutions and boards without NRST on the debug connector.
struct RecoveryWordingTests {
    /// ST's article gives the held-reset power-up as Solution 1; a board with only a reset button makes it harder,
    /// not impossible.
    @Test func heldResetPowerUpIsSTsFirstSolution() throws {
        let knowledge = TestSupport.knowledge
        let held = try #require(knowledge.recovery["reset-held-power-up"])
        #expect(held.when?.contains("Solution 1") == true && held.source?.contains("Solution 1") == true)
        let all = knowledge.recoveryBook.procedures.flatMap { [$0.when ?? ""] + $0.steps + ($0.after ?? []) }.joined(separator: "\n")
        #expect(!all.contains("One author") && !all.contains("does not confirm"))
        let why = try #require(knowledge.ruleDocs["H7-PWR-009"]?.why)
        #expect(!why.contains("undone only") && why.contains("power up with NRST held"))
        let example = try #require(knowledge.ruleDocs["H7-PWR-009"]?.examples?.triggering?.first { $0.board == "WEACT-MINISTM32H743" })
        let (folder, _) = try CatalogExampleTests.materialize(example)
        defer { try? FileManager.default.removeItem(at: folder) }
        let messages = try TestSupport.check(folder).flatMap(\.findings).filter { $0.ruleID == "H7-PWR-009" }.map(\.message)
        #expect(messages.contains { $0.contains("connect-under-reset, the first recovery step, is harder: it needs the reset button") })
        #expect(!messages.contains { $0.contains("impossible") })
    }
}

/// H7-PWR-001 on boards whose profile hedges the supply: unverified wiring, or a vendor bootloader that writes
/// PWR_CR3 first.
struct SupplyBoardWordingTests {
    func messages(_ board: String) throws -> [Finding] {
        let example = try #require(TestSupport.knowledge.ruleDocs["H7-PWR-001"]?.examples?.triggering?.first { $0.board == board })
        let (folder, _) = try CatalogExampleTests.materialize(example)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try TestSupport.check(folder).flatMap(\.findings).filter { $0.ruleID == "H7-PWR-001" }
    }

    @Test func unverifiedWiringIsOneSeverityLowerAndSaysWhy() throws {
        let found = try messages("ARDUINO-OPTA")
        #expect(!found.isEmpty && found.allSatisfy { $0.severity == .warning })
        #expect(found.allSatisfy { $0.notes.contains { $0.contains("marked unverified in its profile") } })
    }

    @Test func aBootloaderThatConfiguresTheSupplyFirstChangesTheWording() throws {
        let found = try messages("ARDUINO-GIGA-R1-WIFI")
        #expect(found.contains { $0.severity == .error && $0.message.contains("after Arduino's bootloader, which has already set PWR_CR3 to ldo, this write fails (HAL_PWREx_ConfigSupply returns HAL_ERROR) or is ignored") })
        #expect(!found.contains { $0.message.contains("and the debugger cannot connect") })
        for board in TestSupport.knowledge.boards {
            guard let loader = board.supply?.bootloader else { continue }
            #expect(board.supply?.allowed.contains(loader.scheme) == true, "\(board.id): the bootloader's scheme must be one the board allows")
        }
    }
}

extension RecoveryTests {
    /// The H7R/S line: its product-state procedures apply to its family only, and the locked state says there is no way back.
    @Test func productStateProceduresBelongToTheH7RSLine() throws {
        let knowledge = TestSupport.knowledge
        let family = try #require(book.family(define: "STM32H7S3xx"))
        #expect(family.id == "h7rs")
        let regression = try #require(knowledge.recovery["h7rs-debug-auth-regression"])
        let locked = try #require(knowledge.recovery["h7rs-locked-none"])
        #expect(regression.applies(to: family) && locked.applies(to: family))
        #expect(!regression.applies(to: try #require(book.family(define: "STM32H743xx"))))
        #expect(locked.irreversible == true)
        #expect(knowledge.ruleDocs["H7-DBG-004"]?.recovery?.contains("h7rs-locked-none") == true)
    }
}
