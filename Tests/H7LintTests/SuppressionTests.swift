import Foundation
@testable import H7Lint
import H7Model
import H7Report
import Testing

/// Inline `h7lint:` comments, `ignore:` entries, and H7-META-001 for suppressions that silence nothing.
struct SuppressionTests {
    static let mainC = "CM7/Core/Src/main.c"

    @Test func commentForms() {
        let next = SuppressionComment.parse("  // h7lint:disable-next-line H7-PWR-005 -- checked by the caller", line: 3)
        #expect(next == SuppressionComment(kind: .disableNextLine, rules: ["H7-PWR-005"], line: 3, column: 3, length: 63))
        let block = SuppressionComment.parse("x(); /* h7lint:disable-line H7-PWR-001, H7-PWR-005 */ y();", line: 1)
        #expect(block?.kind == .disableLine && block?.rules == ["H7-PWR-001", "H7-PWR-005"] && block?.column == 6)
        #expect(block?.length == "/* h7lint:disable-line H7-PWR-001, H7-PWR-005 */".utf8.count)
        #expect(SuppressionComment.parse("# h7lint:disable-file H7-PWR-*", line: 1)?.rules == ["H7-PWR-*"])
        #expect(SuppressionComment.parse("<!-- h7lint:disable-next-line H7-PWR-006 -->", line: 1)?.rules == ["H7-PWR-006"])
        #expect(SuppressionComment.parse("// h7lint:disable -- no ids", line: 1)?.rules == [])
        #expect(SuppressionComment.parse("printf(\"h7lint:disable-line X\");", line: 1) == nil, "not in a comment")
        #expect(SuppressionComment.parse("// h7lint:disabled H7-PWR-005", line: 1) == nil)
        #expect(SuppressionComment.parse("/* made for h7lint: no directive */", line: 1) == nil)
        // Common spellings: a blank after the colon, another case.
        #expect(SuppressionComment.parse("x(); // h7lint: disable-line H7-PWR-005", line: 1)?.rules == ["H7-PWR-005"])
        #expect(SuppressionComment.parse("// h7lint:\tDisable-Next-Line H7-PWR-005", line: 1)?.kind == .disableNextLine)
    }

    /// The seed project with lines inserted into CM7's main.c before line `at` (1-based).
    func seed(inserting lines: [String], at: Int = 77, config: String? = nil) throws -> (URL, RunReport) {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        try ReportSupport.edit(copy.appendingPathComponent(Self.mainC)) { $0.insert(contentsOf: lines, at: at - 1) }
        if let config { try config.write(to: copy.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8) }
        return (copy, try ReportSupport.run(copy))
    }

    func ids(_ run: RunReport) -> [String] { run.projects.flatMap(\.findings).map(\.finding.ruleID) }

    @Test func nextLineSilencesOneRule() throws {
        let (copy, run) = try seed(inserting: ["  // h7lint:disable-next-line H7-PWR-005 -- generated code"])
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        #expect(ids(run) == ["H7-PWR-001"])
        #expect(run.projects[0].suppressed == 1)
        #expect(run.summaryLine == "1 project checked, 1 finding: 1 error, 0 warnings, 0 notes (1 suppressed)")
    }

    /// A Windows file (CRLF, as CubeIDE on Windows writes it) keeps its lines: the comment silences its line only.
    @Test func windowsLineEndsKeepTheirLines() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let main = copy.appendingPathComponent(Self.mainC)
        try ReportSupport.edit(main) { $0[76] += " // h7lint:disable-line H7-PWR-001" }
        let text = try String(contentsOf: main, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(to: main, atomically: true, encoding: .utf8)
        let run = try ReportSupport.run(copy)
        #expect(ids(run) == ["H7-PWR-005"])
        #expect(run.projects[0].suppressed == 1)
    }

    @Test func stackedCommentsAndBlockComments() throws {
        let (copy, run) = try seed(inserting: ["  /* h7lint:disable-next-line H7-PWR-001 */", "  // h7lint:disable-next-line H7-PWR-005"])
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        #expect(ids(run) == [])
        #expect(run.projects[0].suppressed == 2)
    }

    @Test func sameLineFileAndBlock() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let main = copy.appendingPathComponent(Self.mainC)
        try ReportSupport.edit(main) { $0[76] += " // h7lint:disable-line H7-PWR-001" }
        #expect(ids(try ReportSupport.run(copy)) == ["H7-PWR-005"])
        try ReportSupport.edit(main) { $0.insert("// h7lint:disable-file H7-PWR-005", at: 0) }
        #expect(ids(try ReportSupport.run(copy)) == [])
        try ReportSupport.edit(main) {
            $0[0] = "/* h7lint:disable H7-PWR-* */"
            $0[77] = $0[77].replacingOccurrences(of: " // h7lint:disable-line H7-PWR-001", with: "")
            $0.insert("/* h7lint:enable H7-PWR-* */", at: 78)
        }
        #expect(ids(try ReportSupport.run(copy)) == [])
    }

    @Test func unusedSuppressionIsReportedAtTheComment() throws {
        let (copy, run) = try seed(inserting: ["  // h7lint:disable-next-line H7-VOS-001 H7-PWR-005"], at: 76)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let findings = run.projects[0].findings.map(\.finding)
        let unused = findings.filter { $0.ruleID == "H7-META-001" }
        #expect(unused.count == 2)
        #expect(unused.allSatisfy { $0.range == SourceRange(file: Self.mainC, line: 76, column: 3, endLine: 76, endColumn: 52) })
        #expect(unused.map(\.message).sorted() == [
            "h7lint:disable-next-line H7-PWR-005 silences nothing: H7-PWR-005 reports nothing on the line below it",
            "h7lint:disable-next-line H7-VOS-001 silences nothing: H7-VOS-001 reports nothing on the line below it",
        ])
        #expect(findings.contains { $0.ruleID == "H7-PWR-005" }, "the comment is above the /* Supply ... */ line, not the call")
    }

    @Test func unknownIdsAndBareCommentsAreReported() throws {
        let (copy, run) = try seed(inserting: ["  // h7lint:disable-next-line H7-PWR-05", "  // h7lint:disable-next-line -- no id"])
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let messages = run.projects[0].findings.filter { $0.finding.ruleID == "H7-META-001" }.map(\.finding.message)
        #expect(messages.contains("h7lint:disable-next-line names 'H7-PWR-05', which is no h7lint rule (did you mean 'H7-PWR-005'?) (`h7lint rules` lists them)"))
        #expect(messages.contains("h7lint:disable-next-line names no rule: name the ids it silences (`h7lint rules` lists them)"))
    }

    @Test func rulesThatCouldNotRunAreNotReported() throws {
        // Rules turned off, and H7-META-001 itself turned off (catalogue examples cover an unknown board).
        let (copy, run) = try seed(inserting: ["  // h7lint:disable-next-line H7-PWR-009"], at: 76,
                                   config: "disable: [H7-PWR-009]\n")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        #expect(!ids(run).contains("H7-META-001"))
        try "disable: [H7-META-001]\n".write(to: copy.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8)
        try ReportSupport.edit(copy.appendingPathComponent(Self.mainC)) { $0[75] = "  // h7lint:disable-next-line H7-VOS-001" }
        #expect(!ids(try ReportSupport.run(copy)).contains("H7-META-001"))
        try "disable: [H7-DBG-*]\n".write(to: copy.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8)
        #expect(ids(try ReportSupport.run(copy)).contains("H7-META-001"))
    }

    @Test func buildFileFindingsThroughIgnoreEntriesAndHashComments() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h743-smps-macro")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let cmake = "cmake/stm32cubemx/CMakeLists.txt"
        #expect(ids(try ReportSupport.run(copy)).contains("H7-PWR-002"))
        let config = copy.appendingPathComponent(".h7lint.yml")
        try "ignore:\n  - rule: H7-PWR-002\n    file: \(cmake)\n    reason: board reworked\n".write(to: config, atomically: true, encoding: .utf8)
        var run = try ReportSupport.run(copy)
        #expect(!ids(run).contains("H7-PWR-002") && !ids(run).contains("H7-META-001"))
        #expect(run.projects[0].suppressed == 1)

        try "ignore:\n  - rule: H7-PWR-002\n    file: Makefile\n".write(to: config, atomically: true, encoding: .utf8)
        run = try ReportSupport.run(copy)
        let unused = try #require(run.projects[0].findings.first { $0.finding.ruleID == "H7-META-001" })
        #expect(unused.finding.range == SourceRange(file: ".h7lint.yml", line: 2))
        #expect(unused.finding.message == "ignore entry for H7-PWR-002 in Makefile silences nothing: H7-PWR-002 reports nothing there")
        try FileManager.default.removeItem(at: config)

        try ReportSupport.edit(copy.appendingPathComponent(cmake)) { $0.insert("\t# h7lint:disable-next-line H7-PWR-002 -- reworked", at: 10) }
        #expect(!ids(try ReportSupport.run(copy)).contains("H7-PWR-002"))
    }
}
