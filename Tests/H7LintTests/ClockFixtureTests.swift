import Foundation
import H7Lint
import H7Model
import H7Rules
import Testing

/// The clock fixtures (Fixtures/clk-*): the findings of each, and the clocks computed for them.
struct ClockFixtureTests {
    static func reports(_ name: String) throws -> [ProjectReport] {
        try TestSupport.check(TestSupport.fixtures.appendingPathComponent(name))
    }

    @Test(arguments: [("clk-h743-400-bypass", 400.0, 200.0, 1), ("clk-h743-480-vos0", 480, 240, 0),
                      ("clk-h735-550-crystal", 550, 275, 0), ("clk-h743-hsi-only", 400, 200, 1),
                      ("clk-003-h7a3-latency", 280, 280, 0), ("clk-005-h723-ll-vco", 430, 215, 0)])
    func computedClocks(name: String, sysclk: Double, hclk: Double, vos: Int) throws {
        let project = try #require(try Self.reports(name).first?.project)
        let clocks = RuleContext(project: project, knowledge: TestSupport.knowledge).clocks
        let tree = try #require(clocks.main?.configuration.tree)
        #expect(tree.sysclk.mhz == sysclk)
        #expect(tree.hclk.mhz == hclk)
        #expect(tree.inputs.vos.value == vos)
    }

    /// The clock report marks what the rules found, on the clocks the findings name, and decides nothing itself.
    @Test func clockReportMarksComeFromFindings() throws {
        let report = try #require(try Self.reports("clk-003-h7a3-latency").first)
        let project = try #require(report.project)
        let clocks = ClockReports.report(project, knowledge: TestSupport.knowledge, findings: report.findings)
        #expect(clocks.sections.first?.marks["flash"] == ["H7-CLK-003"])
        let unmarked = ClockReports.report(project, knowledge: TestSupport.knowledge, findings: [])
        #expect(unmarked.sections.allSatisfy { $0.marks.isEmpty })
        let vco = try #require(try Self.reports("clk-005-h723-ll-vco").first)
        let marked = ClockReports.report(try #require(vco.project), knowledge: TestSupport.knowledge, findings: vco.findings)
        #expect(marked.sections.first?.marks["pll1.vco"] == ["H7-CLK-005"])
    }

    @Test func hseModesAndSources() throws {
        func tree(_ name: String) throws -> ClockTree {
            let project = try #require(try Self.reports(name).first?.project)
            return try #require(RuleContext(project: project, knowledge: TestSupport.knowledge).clocks.main?.configuration.tree)
        }
        let bypass = try tree("clk-h743-400-bypass"), crystal = try tree("clk-h735-550-crystal"), hsi = try tree("clk-h743-hsi-only")
        #expect(bypass.inputs.hseMode.value == .bypass && bypass.hse.mhz == 8 && bypass.inputs.hseOrigin == "board NUCLEO-H743ZI")
        #expect(crystal.inputs.hseMode.value == .crystal && crystal.hse.mhz == 25)
        #expect(hsi.inputs.pllSource.value == .hsi && !hsi.usesHSE && hsi.pll(1).reference.mhz == 2)
    }

    @Test func iocTreeMatchesTheCode() throws {
        let project = try #require(try Self.reports("clk-h743-400-bypass").first?.project)
        let clocks = RuleContext(project: project, knowledge: TestSupport.knowledge).clocks
        #expect(clocks.ioc?.tree.sysclk.mhz == 400)
        #expect(clocks.ioc?.tree.inputs.hseMode.value == .bypass)
    }

    @Test func clocksCommandPrintsTheTreeAndTheDiagram() throws {
        guard TestSupport.executable != nil else { return }
        let path = TestSupport.fixtures.appendingPathComponent("clk-002-apb1-undivided").path
        let text = try TestSupport.run(["clocks", path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("SYSCLK") && text.stdout.contains("400 MHz"))
        #expect(text.stdout.contains("OVER H7-CLK-002"))
        let svg = try TestSupport.run(["clocks", path, "--format", "svg"])
        #expect(svg.stdout.hasPrefix("<svg") && svg.stdout.contains("H7-CLK-002"))
        #expect(try TestSupport.run(["clocks", path, "--format", "pdf"]).status == 2)
    }
}
