import Foundation
import H7Lint
import H7Model
import H7Report
import Testing

/// `--write-baseline` / `--baseline`: round trip, line shifts, fixed and new findings, errors.
struct BaselineTests {
    static let mainC = "CM7/Core/Src/main.c"

    @Test func roundTripHidesEverythingAndSurvivesLineShifts() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let written = Baseline.make(try ReportSupport.run(copy))
        #expect(written.entries.map(\.ruleId) == ["H7-PWR-001", "H7-PWR-005"])
        #expect(written.entries.first?.file == "nucleo-h745-ldo-seed/\(Self.mainC)")
        let file = copy.deletingLastPathComponent().appendingPathComponent("baseline.json")
        try ReportWriter.write(written.rendered(), to: file)
        let loaded = try Baseline.load(file)
        #expect(loaded == written)

        try ReportSupport.edit(copy.appendingPathComponent(Self.mainC)) { $0.insert(contentsOf: ["", "/* moved */", ""], at: 10) }
        var run = try ReportSupport.run(copy)
        loaded.apply(to: &run, file: "baseline.json")
        #expect(run.projects[0].findings.isEmpty)
        #expect(run.projects[0].baselined == 2)
        #expect(run.baseline?.matched == 2 && run.baseline?.fixed.isEmpty == true)
        #expect(!run.failed)
        #expect(run.summaryLine == "1 project checked, 0 findings (2 in the baseline, 0 fixed since)")
    }

    @Test func fixedAndNewFindings() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let baseline = Baseline.make(try ReportSupport.run(copy))
        // Fix both findings on line 77, and add a second bare call further down: a new H7-PWR-005.
        try ReportSupport.edit(copy.appendingPathComponent(Self.mainC)) {
            $0[76] = "  if (HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY) != HAL_OK) { Error_Handler(); }"
            $0.insert("  HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY);", at: 77)
        }
        // The .ioc too, or the next code generation brings the LDO back (H7-PWR-001 at the .ioc line).
        try ReportSupport.edit(copy.appendingPathComponent("nucleo-h745-ldo-seed.ioc")) { lines in
            lines = lines.map { $0 == "RCC.SupplySource=PWR_LDO_SUPPLY" ? "RCC.SupplySource=PWR_DIRECT_SMPS_SUPPLY" : $0 }
        }
        var run = try ReportSupport.run(copy)
        baseline.apply(to: &run, file: "b.json")
        let reported = run.projects[0].findings.map(\.finding.ruleID)
        #expect(reported.contains("H7-PWR-005") && !reported.contains("H7-PWR-001"), "\(reported)")
        #expect(run.baseline?.fixed.map(\.ruleID) == ["H7-PWR-001", "H7-PWR-005"])
        let json = try ReportSupport.json(JSONReporter().render(run))
        #expect((json.at("baseline", "fixed") as? [Any])?.count == 2)
        #expect(json.at("baseline", "matched") as? Int == 0)
    }

    @Test func onlyCheckedProjectsCountAsFixed() throws {
        let copy = try ReportSupport.copyFixture("multi-project-repo")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let sourceRoot = copy.deletingLastPathComponent()
        let baseline = Baseline.make(try ReportSupport.run(copy, sourceRoot: sourceRoot))
        #expect(baseline.entries.contains { $0.project == "multi-project-repo/bootloader" })
        var app = try ReportSupport.run(copy.appendingPathComponent("app"), sourceRoot: sourceRoot)
        baseline.apply(to: &app, file: "b.json")
        #expect(app.baseline?.fixed.isEmpty == true)
    }

    @Test func commandLine() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        let base = copy.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("baseline.json").path
        let write = try TestSupport.run(["check", "--write-baseline", file, copy.path])
        #expect(write.status == 0)
        #expect(write.stderr.contains("h7lint: baseline: 2 findings written to \(file)"))
        let use = try TestSupport.run(["check", "--baseline", file, copy.path])
        #expect(use.status == 0)
        #expect(use.stdout.contains("1 project checked, 0 findings (2 in the baseline, 0 fixed since)"))
        #expect(use.stderr.contains("h7lint: baseline: 2 findings in \(file) not reported; 0 fixed since"))
        try "{\"version\": 7, \"findings\": []}".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["check", "--baseline", file, copy.path])
        #expect(bad.status == 2 && bad.stderr == "h7lint: error: \(file): baseline version 7 is not supported (expected 1)\n")
        try "[]".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["check", "--baseline", file, copy.path]).stderr.contains("not an h7lint baseline"))
    }
}
