import Foundation
import H7Lint
import H7Model
@testable import H7Report
import Testing

/// SARIF 2.1.0: schema-valid for every fixture, complete rule metadata, relative URIs, stable fingerprints.
struct ReportSARIFTests {
    static let fixtures = ((try? FileManager.default.contentsOfDirectory(atPath: TestSupport.fixtures.path)) ?? [])
        .filter { !$0.hasSuffix(".md") }.sorted()

    @Test(arguments: fixtures)
    func everyFixtureValidates(_ name: String) throws {
        let run = try ReportSupport.run(TestSupport.fixtures.appendingPathComponent(name), sourceRoot: TestSupport.repository)
        let text = SARIFReporter().render(run)
        try ReportSupport.expectValidSARIF(text)
        let sarif = try ReportSupport.sarifRun(text)
        let rules = try #require(sarif.at("tool", "driver", "rules") as? [[String: Any]])
        for result in ReportSupport.results(sarif) {
            let id = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == id)
            let uri = try #require(result.at("locations", "0", "physicalLocation", "artifactLocation", "uri") as? String)
            #expect(uri.hasPrefix("Fixtures/\(name)/"), "URI relative to the repository: \(uri)")
            #expect(result.at("locations", "0", "physicalLocation", "artifactLocation", "uriBaseId") as? String == "%SRCROOT%")
            let region = try #require(result.at("locations", "0", "physicalLocation", "region") as? [String: Any])
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                #expect((region[key] as? Int ?? 0) >= 1, "\(key) in \(region)")
            }
            #expect((result.at("partialFingerprints", "h7lint/v1") as? String)?.count == 32)
            #expect(result.at("partialFingerprints", "primaryLocationLineHash") is String)
        }
        #expect(sarif.at("invocations", "0", "executionSuccessful") as? Bool == true)
        #expect((sarif.at("originalUriBaseIds", "%SRCROOT%", "uri") as? String)?.hasPrefix("file:///") == true)
    }

    @Test func driverCarriesFullRuleMetadata() throws {
        let run = try ReportSupport.run(TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"))
        let sarif = try ReportSupport.sarifRun(SARIFReporter().render(run))
        let driver = try #require(sarif.at("tool", "driver") as? [String: Any])
        #expect(driver["name"] as? String == "h7lint")
        #expect(driver["semanticVersion"] as? String == H7LintVersion.current)
        #expect((driver["informationUri"] as? String)?.hasPrefix("https://") == true)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == TestSupport.knowledge.ruleDocs.keys.sorted())
        for rule in rules {
            let id = rule["id"] as? String ?? "?"
            for path in [["shortDescription", "text"], ["fullDescription", "text"], ["help", "text"], ["help", "markdown"]] {
                let text = rule.at(path[0], path[1]) as? String ?? ""
                #expect(!text.isEmpty && text.count <= (path[0] == "help" ? 100_000 : 1024), "\(id) \(path)")
            }
            let help = try #require(URL(string: rule["helpUri"] as? String ?? ""))
            #expect(help.scheme == "https" && help.path.hasSuffix("/Rules/catalog/\(id).yml"))
            #expect(["error", "warning", "note"].contains(rule.at("defaultConfiguration", "level") as? String ?? ""))
            #expect((rule.at("properties", "tags") as? [String])?.contains("stm32h7") == true)
        }
        let pwr001 = try #require(rules.first { $0["id"] as? String == "H7-PWR-001" })
        #expect((pwr001.at("help", "markdown") as? String)?.contains("## If the board is already stuck") == true)
    }

    @Test func relatedLocationsForAConflict() throws {
        let run = try ReportSupport.run(TestSupport.fixtures.appendingPathComponent("dual-core-macro-vs-call"))
        let sarif = try ReportSupport.sarifRun(SARIFReporter().render(run))
        let conflict = try #require(ReportSupport.results(sarif).first { $0["ruleId"] as? String == "H7-PWR-003" })
        let related = try #require(conflict["relatedLocations"] as? [[String: Any]])
        #expect(!related.isEmpty)
        #expect(related.first?["id"] as? Int == 1)
        let uris = related.compactMap { $0.at("physicalLocation", "artifactLocation", "uri") as? String }
        #expect(uris.contains { $0.hasSuffix(".cproject") }, "\(uris)")
        #expect((conflict.at("message", "text") as? String)?.contains("](1)") == true)
    }

    @Test func fixesCarryTheEditsOfEveryFile() throws {
        let run = try ReportSupport.run(TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"))
        let sarif = try ReportSupport.sarifRun(SARIFReporter().render(run))
        let results = ReportSupport.results(sarif)
        let fixable = try #require(results.first { $0["ruleId"] as? String == "H7-PWR-001" })
        let fix = try #require((fixable["fixes"] as? [[String: Any]])?.first)
        let changes = try #require(fix["artifactChanges"] as? [[String: Any]])
        let uris = changes.compactMap { $0.at("artifactLocation", "uri") as? String }
        #expect(uris == ["nucleo-h745-ldo-seed/CM7/Core/Src/main.c", "nucleo-h745-ldo-seed/nucleo-h745-ldo-seed.ioc"])
        let code = try #require((changes[0]["replacements"] as? [[String: Any]])?.first)
        #expect(code.at("deletedRegion", "startLine") as? Int == 77)
        #expect(code.at("deletedRegion", "startColumn") as? Int == 26)
        #expect(code.at("deletedRegion", "endColumn") as? Int == 40)
        #expect(code.at("insertedContent", "text") as? String == "PWR_DIRECT_SMPS_SUPPLY")
        // A note about the ignored result has no certain fix.
        #expect(results.first { $0["ruleId"] as? String == "H7-PWR-005" }?["fixes"] == nil)
    }

    @Test func fingerprintsSurviveBlankLinesAbove() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        func fingerprints() throws -> [String: (String, Int)] {
            let sarif = try ReportSupport.sarifRun(SARIFReporter().render(try ReportSupport.run(copy)))
            var out: [String: (String, Int)] = [:]
            for result in ReportSupport.results(sarif) {
                let key = "\(result["ruleId"] ?? "")"
                out[key] = (result.at("partialFingerprints", "h7lint/v1") as? String ?? "",
                            result.at("locations", "0", "physicalLocation", "region", "startLine") as? Int ?? 0)
            }
            return out
        }
        let before = try fingerprints()
        try ReportSupport.edit(copy.appendingPathComponent("CM7/Core/Src/main.c")) { $0.insert(contentsOf: ["", "", ""], at: 2) }
        let after = try fingerprints()
        #expect(before["H7-PWR-001"]?.1 == 77)
        #expect(after["H7-PWR-001"]?.1 == 80)
        #expect(Set(before.keys) == Set(after.keys) && !before.isEmpty)
        for (id, value) in before { #expect(after[id]?.0 == value.0, "fingerprint of \(id) changed") }
    }

    @Test func unreadableProjectIsANotification() throws {
        let root = try ReportSupport.folder([
            "a.ioc": "board=NUCLEO-H745ZI-Q\n", "b.ioc": "board=NUCLEO-H745ZI-Q\n",
            "Core/Src/main.c": "void SystemClock_Config(void)\n{\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let text = SARIFReporter().render(try ReportSupport.run(root))
        try ReportSupport.expectValidSARIF(text)
        let sarif = try ReportSupport.sarifRun(text)
        #expect(sarif.at("invocations", "0", "executionSuccessful") as? Bool == false)
        let notes = try #require(sarif.at("invocations", "0", "toolExecutionNotifications") as? [[String: Any]])
        #expect(notes.contains { $0["level"] as? String == "error" && ($0.at("message", "text") as? String)?.contains(".ioc files in one folder") == true })
    }

    @Test func parseProblemsAreNotifications() throws {
        let root = try ReportSupport.folder([
            "Makefile": "C_DEFS = \\\n-DSTM32H743xx\n",
            "Core/Src/main.c": "void SystemClock_Config(void)\n{\n  int x = ;\n  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try ReportSupport.run(root)
        #expect(!run.projects.flatMap(\.notes).isEmpty, "the broken line gives libclang something to say")
        let text = SARIFReporter().render(run)
        try ReportSupport.expectValidSARIF(text)
        let notes = try #require(try ReportSupport.sarifRun(text).at("invocations", "0", "toolExecutionNotifications") as? [[String: Any]])
        #expect(notes.contains { $0["level"] as? String == "note" })
        #expect(try ReportSupport.sarifRun(text).at("invocations", "0", "executionSuccessful") as? Bool == true)
    }

    @Test func pathsNeedingEscapesStayValidURIs() throws {
        #expect(SARIFReporter.percentEncoded("My Project/Core/Src/main ü.c") == "My%20Project/Core/Src/main%20%C3%BC.c")
        #expect(SARIFReporter.percentEncoded("a:b/c#d.c") == "a%3Ab/c%23d.c")
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-report-\(UUID().uuidString)")
        let copy = base.appendingPathComponent("my project #1")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"), to: copy)
        defer { try? FileManager.default.removeItem(at: base) }
        let text = SARIFReporter().render(try ReportSupport.run(copy))
        try ReportSupport.expectValidSARIF(text)
        #expect(text.contains("\"my%20project%20%231/CM7/Core/Src/main.c\""))
    }

    @Test func utf16Columns() {
        #expect(SARIFReporter.utf16Column(5, in: "ab") == 3 + 2)
        #expect(SARIFReporter.utf16Column(4, in: "ü x") == 3)
        #expect(SARIFReporter.utf16Column(1, in: nil) == 1)
    }
}
