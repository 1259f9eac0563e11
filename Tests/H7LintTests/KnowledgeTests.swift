import Foundation
import H7Model
import H7Rules
import H7Report
import H7Lint
import Testing

/// Rules/ is consistent: every rule documented, every board and part resolvable.
struct KnowledgeTests {
    let knowledge = TestSupport.knowledge

    @Test func everyRuleHasACatalogueEntry() {
        for rule in RuleRegistry.all {
            let doc = knowledge.ruleDocs[rule.id]
            #expect(doc != nil, "no Rules/catalog/\(rule.id).yml")
            #expect(doc?.why?.isEmpty == false, "\(rule.id) has no 'why'")
            for id in doc?.recovery ?? [] { #expect(knowledge.recovery[id] != nil, "\(rule.id): unknown recovery \(id)") }
        }
    }

    /// Both ways: every catalogue entry is a registered rule (or marked `status: preview`), and every
    /// entry says why it has its severity and what it needs and reads.
    @Test func catalogueAndRegistryAgree() {
        let registered = Set(RuleRegistry.all.map(\.id))
        for doc in knowledge.ruleDocs.values {
            #expect(registered.contains(doc.id) || doc.status == "preview", "\(doc.id) is documented but not registered")
            #expect(doc.severityWhy?.hasPrefix(doc.severity.rawValue + ":") == true, "\(doc.id): severity_why must start with '\(doc.severity.rawValue):'")
            if !doc.id.hasPrefix("H7-META-") {
                #expect(doc.needs(.device), "\(doc.id) reads the part's limits: needs: [device]")
                #expect(!(doc.reads ?? []).isEmpty, "\(doc.id) has no reads:")
            }
        }
        #expect(registered.count == Set(RuleRegistry.all.map(\.id)).count, "a rule id is registered twice")
    }

    /// What the front end parses and recovers comes from the catalogue's `reads:`.
    @Test func frontEndListsComeFromTheCatalogue() {
        #expect(knowledge.readCalls.contains("HAL_PWREx_ConfigSupply"))
        #expect(knowledge.readCalls.contains("HAL_FLASHEx_OBProgram"))
        #expect(!knowledge.readCalls.contains("->MODER"))
        #expect(knowledge.rules(needing: .board) == ["H7-PWR-001", "H7-PWR-009", "H7-CLK-008"])
    }

    @Test func everyBoardNamesAKnownPartAndSchemes() {
        #expect(knowledge.boards.count >= 24)
        for board in knowledge.boards {
            #expect(board.device.flatMap { knowledge.device(define: $0) } != nil, "\(board.id): unknown device")
            for scheme in board.supply?.allowed ?? [] { #expect(knowledge.schemes.named(scheme) != nil, "\(board.id): \(scheme)") }
            if let device = board.device.flatMap({ knowledge.device(define: $0) }) {
                for scheme in board.supply?.allowed ?? [] {
                    #expect(!(knowledge.schemes.named(scheme)!.smpsOnly && !device.smps), "\(board.id) allows \(scheme) on a part without SMPS")
                }
            }
        }
    }

    @Test(arguments: [("STM32H745ZITx", "STM32H745xx"), ("STM32H7A3ZITxQ", "STM32H7A3xxQ"), ("STM32H7A3ZITx", "STM32H7A3xx"),
                      ("STM32H755ZIT6", "STM32H755xx"), ("STM32H745XIHx:CM7", "STM32H745xx"), ("STM32H723ZGTx", "STM32H723xx"),
                      ("STM32H735IGKx", "STM32H735xx"), ("STM32H7B3LIHxQ", "STM32H7B3xxQ"),
                      ("STM32H7S3L8Hx", "STM32H7S3xx"), ("STM32H7S3L8H6", "STM32H7S3xx"), ("STM32H7S7L8HxH", "STM32H7S7xx"),
                      ("STM32H7R3L8H6", "STM32H7R3xx"), ("STM32H7R7L8HxH", "STM32H7R7xx")])
    func partNamesMapToDefines(name: String, define: String) {
        #expect(knowledge.device(partName: name)?.define == define)
    }

    @Test func everyCmsisDefineIsKnown() {
        #expect(knowledge.deviceDefines.count == 26)
        #expect(knowledge.device(define: "STM32H7S3xx")?.line.line == "RM0477")
        #expect(knowledge.device(define: "STM32H7S3xx")?.line.resetVos == 1)
        #expect(knowledge.device(define: "STM32H745xx")?.line.vos0RequiresLdo == true)
        #expect(knowledge.device(define: "STM32H735xx")?.line.vos0RequiresLdo == false)
        #expect(knowledge.device(define: "STM32H743xx")?.smps == false)
        #expect(knowledge.device(define: "STM32H7A3xxQ")?.smps == true)
    }

    @Test func identifierValuesFollowThePart() {
        let h743 = knowledge.device(define: "STM32H743xx")!.features
        let h7a3 = knowledge.device(define: "STM32H7A3xxQ")!.features
        #expect(knowledge.identifiers.values(features: h743)["PWR_DIRECT_SMPS_SUPPLY"] == nil)
        #expect(knowledge.identifiers.values(features: h7a3)["PWR_DIRECT_SMPS_SUPPLY"] == 0x04)
        #expect(knowledge.identifiers.values(features: h743)["PWR_REGULATOR_VOLTAGE_SCALE0"] == 0)
        #expect(knowledge.identifiers.values(features: h7a3)["PWR_REGULATOR_VOLTAGE_SCALE0"] == 0xC000)
        // The H7R/S line: one VOS bit in PWR_CSR4, SCALE0 = 1 (VOS high); the supply values equal the other lines'.
        let h7s3 = knowledge.device(define: "STM32H7S3xx")!.features
        #expect(knowledge.identifiers.values(features: h7s3)["PWR_REGULATOR_VOLTAGE_SCALE0"] == 1)
        #expect(knowledge.identifiers.values(features: h7s3)["PWR_REGULATOR_VOLTAGE_SCALE1"] == 0)
        #expect(knowledge.identifiers.values(features: h7s3)["PWR_DIRECT_SMPS_SUPPLY"] == 0x04)
        #expect(knowledge.identifiers.values(features: h7s3)["OB_NVSTATE_CLOSE"] == 0x51)
        #expect(knowledge.identifiers.values(features: h743)["OB_NVSTATE_CLOSE"] == nil)
    }

    @Test func schemesResolveByEveryName() {
        let s = knowledge.schemes
        #expect(s.named("USE_PWR_DIRECT_SMPS_SUPPLY")?.id == "direct-smps")
        #expect(s.named("LL_PWR_SMPS_1V8_SUPPLIES_LDO")?.id == "smps-1v8-supplies-ldo")
        #expect(s.named("PWR_LDO_SUPPLY")?.ldoOn == true)
        #expect(s.byValue(0x2D)?.id == "smps-2v5-supplies-ext")
    }
}

/// docs/rules.md is generated from the catalogue (scripts/gen-rule-docs) and must be current.
struct RuleDocsPageTests {
    @Test func committedPageMatchesTheCatalogue() throws {
        let page = TestSupport.repository.appendingPathComponent("docs/rules.md")
        let committed = try String(contentsOf: page, encoding: .utf8)
        let generated = RuleHelp.catalogPage(TestSupport.knowledge, implemented: FindingFilter.checkedRules)
        #expect(committed == generated, "docs/rules.md is out of date: run scripts/gen-rule-docs")
    }
}
