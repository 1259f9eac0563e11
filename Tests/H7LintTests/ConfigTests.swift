import Foundation
import H7Lint
import H7Model
import H7Report
import Testing

/// `.h7lint.yml`: every key, its errors (exact messages with file and line), and its effect on a run.
struct ConfigTests {
    let file = URL(fileURLWithPath: "/p/.h7lint.yml")

    func parse(_ text: String) throws -> ProjectConfig { try ProjectConfig.parse(text, file: file) }

    func error(_ text: String, rules: Set<String>? = nil) -> String? {
        do {
            let config = try parse(text)
            try config.validate(ruleIDs: rules ?? Set(TestSupport.knowledge.ruleDocs.keys))
            return nil
        } catch let error as H7Error { return error.message } catch { return "\(error)" }
    }

    @Test func everyKey() throws {
        let config = try parse("""
            board: NUCLEO-H745ZI-Q:ldo-rework
            disable: [H7-DBG-*, H7-CLK-003]
            enable:
              - H7-DBG-003
            severity:
              H7-PWR-005: warning
              "H7-CLK-*": error
            exclude: [Legacy, "CM4/**/*.c"]
            fail-level: error
            ignore:
              - rule: H7-PWR-007
                file: Project.ioc
                reason: not used to generate code
            """)
        #expect(config.board == "NUCLEO-H745ZI-Q:ldo-rework")
        #expect(config.disable.map(\.pattern) == ["H7-DBG-*", "H7-CLK-003"])
        #expect(config.enable.map(\.pattern) == ["H7-DBG-003"] && config.enable.first?.line == 4)
        #expect(config.severity.map(\.rules.pattern) == ["H7-PWR-005", "H7-CLK-*"])
        #expect(config.severity.map(\.severity) == [.warning, .error])
        #expect(config.exclude == ["Legacy", "CM4/**/*.c"])
        #expect(config.failLevel == .error)
        #expect(config.ignore == [ProjectConfig.Ignore(rule: "H7-PWR-007", file: "Project.ioc", reason: "not used to generate code", line: 11)])
        let filter = FindingFilter(knowledge: TestSupport.knowledge, config: config)
        #expect(!filter.isEnabled("H7-DBG-001") && filter.isEnabled("H7-DBG-003") && filter.isEnabled("H7-PWR-001"))
        #expect(!filter.isEnabled("H7-CLK-003"))
        #expect(filter.excludes(URL(fileURLWithPath: "/p/sub/Legacy/main.c")))
        #expect(filter.excludes(URL(fileURLWithPath: "/p/CM4/Core/Src/main.c")))
        #expect(!filter.excludes(URL(fileURLWithPath: "/p/CM7/Core/Src/main.c")))
        #expect(!filter.excludes(URL(fileURLWithPath: "/elsewhere/Legacy/main.c")))
        #expect(try parse("").board == nil)
        #expect(try parse("# only a comment\n").disable.isEmpty)
    }

    @Test func errorsNameFileAndLine() {
        #expect(error("board: X\nseverty:\n  H7-PWR-005: note\n")
                == "/p/.h7lint.yml:2: unknown key 'severty' (known: board, disable, enable, severity, exclude, fail-level, ignore, require-board)")
        #expect(error("require-board: sometimes\n") == "/p/.h7lint.yml:1: 'require-board' must be true or false, not 'sometimes'")
        #expect(error("severity:\n  H7-PWR-005: fatal\n") == "/p/.h7lint.yml:2: severity of 'H7-PWR-005' must be error, warning or note, not 'fatal'")
        #expect(error("fail-level: warn\n") == "/p/.h7lint.yml:1: 'fail-level' must be error, warning or note, not 'warn'")
        #expect(error("disable:\n  a: b\n") == "/p/.h7lint.yml:2: 'disable' must be a list of rule ids or patterns such as H7-DBG-*")
        #expect(error("disable: [H7 PWR]\n") == "/p/.h7lint.yml:1: 'H7 PWR' in 'disable' is not a rule id or pattern such as H7-DBG-*")
        #expect(error("\ndisable: [H7-PWX-*]\n") == "/p/.h7lint.yml:2: 'H7-PWX-*' matches no rule (see `h7lint rules`)")
        #expect(error("ignore:\n  - rule: H7-PWR-007\n") == "/p/.h7lint.yml:2: each 'ignore' entry needs 'rule:' and 'file:' (and an optional 'reason:')")
        #expect(error("ignore:\n  - rule: H7-PWR-007\n    file: a.ioc\n    line: 3\n")
                == "/p/.h7lint.yml:4: unknown key 'line' in an 'ignore' entry (known: rule, file, reason)")
        #expect(error("board: [a]\n") == "/p/.h7lint.yml:1: 'board' must be a board id or a profile path")
        #expect(error("- board\n") == "/p/.h7lint.yml:1: expected keys such as 'board:'")
        #expect(error("board: a: b\n")?.hasPrefix("/p/.h7lint.yml: invalid YAML:") == true)
    }

    @Test func badConfigStopsTheCheckWithExitTwo() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try "fail-level: fatal\n".write(to: copy.appendingPathComponent(".h7lint.yml"), atomically: true, encoding: .utf8)
        let result = try TestSupport.run(["check", copy.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/.h7lint.yml:1: 'fail-level' must be error, warning or note, not 'fatal'"))
    }

    @Test func rulesSeverityAndFailLevelApply() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let config = copy.appendingPathComponent(".h7lint.yml")
        try "disable: [H7-PWR-00*]\nenable: [H7-PWR-005]\nseverity:\n  H7-PWR-005: error\n".write(to: config, atomically: true, encoding: .utf8)
        var run = try ReportSupport.run(copy)
        #expect(run.projects[0].findings.map { "\($0.finding.ruleID) \($0.finding.severity)" } == ["H7-PWR-005 error"])
        #expect(run.projects[0].config == "nucleo-h745-ldo-seed/.h7lint.yml")

        try "disable: [H7-PWR-001]\nfail-level: error\n".write(to: config, atomically: true, encoding: .utf8)
        run = try ReportSupport.run(copy)
        #expect(run.projects[0].findings.map(\.finding.ruleID) == ["H7-PWR-005"])
        #expect(run.projects[0].failLevel == .error && !run.failed)
        #expect(try TestSupport.run(["check", copy.path]).status == 0)
        #expect(try TestSupport.run(["check", "--fail-level", "note", copy.path]).status == 1, "--fail-level wins")
    }

    @Test func excludedPathsAndProjects() throws {
        let copy = try ReportSupport.copyFixture("multi-project-repo")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let config = copy.appendingPathComponent(".h7lint.yml")
        try "exclude: [bootloader]\n".write(to: config, atomically: true, encoding: .utf8)
        let run = try ReportSupport.run(copy)
        #expect(run.projects.map(\.name) == ["multi-project-repo/app"])
        try "exclude: [\"bootloader/Core/**\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let files = try ReportSupport.run(copy)
        #expect(files.projects.count == 2)
        #expect(files.projects.flatMap(\.findings).allSatisfy { !($0.location?.path.contains("bootloader/Core/") ?? false) })
    }

    @Test func configAboveTheCheckedFolderApplies() throws {
        let repo = try ReportSupport.folder([".h7lint.yml": "disable: [H7-PWR-005]\n"])
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let project = repo.appendingPathComponent("fw/seed")
        try FileManager.default.createDirectory(at: project.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"), to: project)
        let run = try ReportSupport.run(project, sourceRoot: repo)
        #expect(run.projects[0].findings.map(\.finding.ruleID) == ["H7-PWR-001"])
        #expect(run.projects[0].config == ".h7lint.yml")
    }

    /// A board nobody named: init writes a profile skeleton that refuses to load until the supply wiring is
    /// answered, and the answer makes H7-PWR-001 run at full severity.
    @Test func initWritesAProfileSkeletonForACustomBoard() throws {
        let copy = try ReportSupport.copyFixture("custom-board-nucleo-pins")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let written = try TestSupport.run(["init", copy.path])
        #expect(written.status == 0)
        let profile = copy.appendingPathComponent("h7lint-board.yml")
        let text = try String(contentsOf: profile, encoding: .utf8)
        #expect(text.contains("part: STM32H745ZITx"))
        #expect(text.contains("frequency_mhz: 8\n  mode: bypass"))
        #expect(text.contains("The firmware selects ldo"))
        #expect(text.contains("looks like NUCLEO-H745ZI-Q, which is wired for direct-smps"))
        #expect(try String(contentsOf: copy.appendingPathComponent(".h7lint.yml"), encoding: .utf8).contains("\nboard: h7lint-board.yml\n"))
        let unanswered = try TestSupport.run(["check", copy.path])
        #expect(unanswered.status == 2)
        #expect(unanswered.stderr.contains("h7lint-board.yml:12: 'supply.allowed' is empty"))
        try text.replacingOccurrences(of: "  allowed: []", with: "  allowed: [direct-smps]").write(to: profile, atomically: true, encoding: .utf8)
        let answered = try TestSupport.run(["check", copy.path])
        #expect(answered.status == 1)
        #expect(answered.stdout.contains("error: supply set to ldo (PWR_LDO_SUPPLY) but board CUSTOM-BOARD-NUCLEO-PINS-BOARD is wired for direct-smps"))
    }

    @Test func initWritesBoardAndPartOnce() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let first = try TestSupport.run(["init", copy.path])
        #expect(first.status == 0)
        let text = try String(contentsOf: copy.appendingPathComponent(".h7lint.yml"), encoding: .utf8)
        #expect(text.contains("\nboard: NUCLEO-H745ZI-Q\n"))
        #expect(text.contains("part STM32H745xx"))
        let config = try ProjectConfig.load(copy.appendingPathComponent(".h7lint.yml"))
        #expect(config.board == "NUCLEO-H745ZI-Q")
        let second = try TestSupport.run(["init", copy.path])
        #expect(second.status == 2)
        #expect(second.stderr.contains(".h7lint.yml exists; h7lint init does not overwrite it"))
        #expect(try String(contentsOf: copy.appendingPathComponent(".h7lint.yml"), encoding: .utf8) == text)
    }

    /// Without an .ioc (a dual-core register-level project): the profile init writes names the CMSIS device, no
    /// made-up part number, and check accepts it once the supply is answered.
    @Test func initWithoutAnIocWritesAProfileCheckAccepts() throws {
        let copy = try ReportSupport.copyFixture("h745-register-level")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(".h7lint.yml"))
        let written = try TestSupport.run(["init", copy.path])
        #expect(written.status == 0, "\(written.stderr)")
        let profile = copy.appendingPathComponent("h7lint-board.yml")
        let text = try String(contentsOf: profile, encoding: .utf8)
        #expect(text.contains("device: STM32H745xx") && !text.contains("\npart:"), "\(text)")
        let answered = text.replacingOccurrences(of: "  allowed: []", with: "  allowed: [direct-smps]")
            + "hse: { frequency_mhz: 8, mode: bypass, source: \"test: the schematic's answer\" }\n"
        try answered.write(to: profile, atomically: true, encoding: .utf8)
        let checked = try TestSupport.run(["check", "--no-cache", copy.path])
        #expect(checked.status == 1 && !checked.stderr.contains("h7lint-board.yml"), "\(checked.stderr)")
        #expect(checked.stdout.contains("[H7-CLK-001]"))
    }
}
