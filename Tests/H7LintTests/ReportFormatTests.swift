import Foundation
import H7Lint
import H7Model
@testable import H7Report
import Testing

/// JSON, GitHub annotations, text colors, --output, file arguments and exit codes.
struct ReportFormatTests {
    static let seed = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed")

    @Test func jsonHasTheDocumentedShape() throws {
        let run = try ReportSupport.run(Self.seed, sourceRoot: TestSupport.repository)
        let text = JSONReporter().render(run)
        #expect(text == JSONReporter().render(try ReportSupport.run(Self.seed, sourceRoot: TestSupport.repository)), "stable output")
        let json = try ReportSupport.json(text)
        #expect(json["version"] as? Int == 1)
        #expect(Array(json.keys).sorted() == ["baseline", "projects", "sourceRoot", "summary", "tool", "version"])
        let project = try #require((json["projects"] as? [[String: Any]])?.first)
        #expect(project["path"] as? String == "Fixtures/nucleo-h745-ldo-seed")
        #expect(project["board"] as? String == "NUCLEO-H745ZI-Q")
        #expect(project["device"] as? String == "STM32H745xx")
        #expect(project["failed"] as? Bool == true)
        let findings = try #require(project["findings"] as? [[String: Any]])
        let first = try #require(findings.first { $0["ruleId"] as? String == "H7-PWR-001" })
        #expect(first.at("location", "path") as? String == "Fixtures/nucleo-h745-ldo-seed/CM7/Core/Src/main.c")
        #expect(first.at("location", "line") as? Int == 77)
        #expect(first.at("location", "sourceLine") as? String == "  HAL_PWREx_ConfigSupply(PWR_LDO_SUPPLY);")
        #expect((first["recovery"] as? String)?.contains("h7lint recover H7-PWR-001") == true)
        #expect(first["fix"] is String && first["fingerprint"] is String && first["related"] is [Any])
        let keys = ["ruleId", "severity", "message", "location", "related", "notes", "fix", "autofix", "recovery", "core", "fingerprint"]
        #expect(Set(first.keys) == Set(keys))
        // The supply fix: the call's argument and the .ioc's RCC.SupplySource, with byte places.
        #expect(first.at("autofix", "applicable") as? Bool == true)
        let edits = try #require(first.at("autofix", "edits") as? [[String: Any]])
        #expect(Set(edits.compactMap { $0["replacement"] as? String }) == ["PWR_DIRECT_SMPS_SUPPLY"])
        #expect(Set(edits.compactMap { $0["path"] as? String }) == [
            "Fixtures/nucleo-h745-ldo-seed/CM7/Core/Src/main.c", "Fixtures/nucleo-h745-ldo-seed/nucleo-h745-ldo-seed.ioc"])
        #expect(edits.contains { $0["line"] as? Int == 77 && $0["column"] as? Int == 26 && $0["original"] as? String == "PWR_LDO_SUPPLY" })
        #expect(json.at("summary", "findings") as? Int == findings.count)
        #expect(json["baseline"] is NSNull)
        // Keys come out in the documented order.
        let order = ["\"version\"", "\"tool\"", "\"sourceRoot\"", "\"projects\"", "\"baseline\"", "\"summary\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
    }

    @Test func githubAnnotations() throws {
        let run = try ReportSupport.run(Self.seed, sourceRoot: TestSupport.repository)
        let lines = GitHubReporter().render(run).split(separator: "\n").map(String.init)
        let error = try #require(lines.first { $0.contains("title=H7-PWR-001") })
        #expect(error.hasPrefix("::error file=Fixtures/nucleo-h745-ldo-seed/CM7/Core/Src/main.c,line=77,col=3,"))
        #expect(error.contains("::supply set to ldo"))
        #expect(error.contains("%0Afix: call HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY)"))
        #expect(lines.contains { $0.hasPrefix("::notice ") && $0.contains("title=H7-PWR-005") })
        #expect(GitHubReporter.data("50% done\nnext") == "50%25 done%0Anext")
        #expect(GitHubReporter.property("a,b:c") == "a%2Cb%3Ac")
    }

    /// GitLab's code quality report: the fields its merge request widget requires, GitLab's severity names,
    /// fingerprints shared with the baseline, and a project that could not be checked shown as a blocker.
    @Test func gitlabCodeQuality() throws {
        let run = try ReportSupport.run(Self.seed, sourceRoot: TestSupport.repository)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(GitLabReporter().render(run).utf8)) as? [[String: Any]])
        #expect(issues.count == run.findingCount)
        for issue in issues {
            #expect(Set(issue.keys) == ["type", "description", "check_name", "fingerprint", "severity", "location"])
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            #expect(issue.at("location", "lines", "begin") is Int)
        }
        let error = try #require(issues.first { $0["check_name"] as? String == "H7-PWR-001" })
        #expect(error["severity"] as? String == "critical")
        #expect(error.at("location", "path") as? String == "Fixtures/nucleo-h745-ldo-seed/CM7/Core/Src/main.c")
        #expect(error.at("location", "lines", "begin") as? Int == 77)
        let finding = try #require(run.projects.first?.findings.first { $0.finding.ruleID == "H7-PWR-001" })
        #expect(error["fingerprint"] as? String == finding.fingerprint)
        #expect((error["description"] as? String)?.contains("Fix: call HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY)") == true)
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count, "unique fingerprints")

        var broken = run
        broken.projects[0].error = "board.yml: not a board profile"
        let blocker = try #require(try JSONSerialization.jsonObject(with: Data(GitLabReporter().render(broken).utf8)) as? [[String: Any]])
        #expect(blocker.count == 1 && blocker[0]["severity"] as? String == "blocker")
    }

    @Test func textColorsOnlyWhenAsked() throws {
        let run = try ReportSupport.run(Self.seed)
        #expect(!TextReporter(color: false).render(run).contains("\u{1B}["))
        #expect(TextReporter(color: true).render(run).contains("\u{1B}[1;31merror:"))
        let plain = try TestSupport.run(["check", Self.seed.path])
        #expect(!plain.stdout.contains("\u{1B}["), "NO_COLOR and no terminal")
        let forced = try TestSupport.run(["check", "--color", "always", Self.seed.path])
        #expect(forced.stdout.contains("\u{1B}["))
        let bad = try TestSupport.run(["check", "--color", "sometimes", Self.seed.path])
        #expect(bad.status == 2 && bad.stderr == "h7lint: error: --color must be auto, always or never, not 'sometimes'\n")
    }

    @Test func outputFileIsWrittenWhole() throws {
        let folder = try ReportSupport.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("h7lint.sarif")
        try "old".write(to: target, atomically: true, encoding: .utf8)
        let result = try TestSupport.run(["check", "--format", "sarif", "--output", target.path, Self.seed.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("h7lint: 1 project checked, 2 findings"))
        try ReportSupport.expectValidSARIF(try String(contentsOf: target, encoding: .utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["h7lint.sarif"], "no temporary file left")
        let missing = try TestSupport.run(["check", "--format", "json", "--output", folder.appendingPathComponent("no/such/dir/x.json").path, Self.seed.path])
        #expect(missing.status == 2 && missing.stderr.contains("does not exist"))
    }

    @Test func formatsFromTheCommandLine() throws {
        let json = try TestSupport.run(["check", "--format", "json", Self.seed.path])
        #expect(json.status == 1)
        #expect(try ReportSupport.json(json.stdout)["version"] as? Int == 1)
        let sarif = try TestSupport.run(["check", "--format", "sarif", Self.seed.path])
        try ReportSupport.expectValidSARIF(sarif.stdout)
        let github = try TestSupport.run(["check", "--format", "github", Self.seed.path])
        #expect(github.stdout.contains("::error file="))
        let bad = try TestSupport.run(["check", "--format", "xml", Self.seed.path])
        #expect(bad.status == 2 && bad.stderr == "h7lint: error: --format must be text, concise, json, sarif, github or gitlab, not 'xml'\n")
    }

    @Test func exitZero() throws {
        #expect(try TestSupport.run(["check", "--exit-zero", Self.seed.path]).status == 0)
        #expect(try TestSupport.run(["check", "--exit-zero", "/no/such/folder"]).status == 2)
    }

    @Test func filesStandForTheirProject() throws {
        let files = ["CM7/Core/Src/main.c", "nucleo-h745-ldo-seed.ioc", "CM7/Makefile", "Makefile"].map { Self.seed.appendingPathComponent($0).path }
        let result = try TestSupport.run(["check"] + files)
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 project checked, 2 findings"))
        let multi = TestSupport.fixtures.appendingPathComponent("multi-project-repo")
        let bootloader = try #require(FileManager.default.enumerator(atPath: multi.appendingPathComponent("bootloader").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix("main.c") })
        let one = try TestSupport.run(["check", "--format", "json", multi.appendingPathComponent("bootloader/\(bootloader)").path])
        let projects = try #require(try ReportSupport.json(one.stdout)["projects"] as? [[String: Any]])
        #expect(projects.map { $0["name"] as? String } == ["bootloader"])
        let readme = try TestSupport.run(["check", TestSupport.repository.appendingPathComponent("README.md").path])
        #expect(readme.status == 0 && readme.stdout.contains("0 projects checked"))
    }

    /// Outside any git repository, files given from the project's folder still stand for that one project.
    @Test func filesOutsideARepositoryStandForTheProjectOfTheCurrentFolder() throws {
        let copy = try ReportSupport.copyFixture("nucleo-h745-ldo-seed")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let result = try TestSupport.run(["check", "--format", "concise", "CM7/Core/Src/main.c", "nucleo-h745-ldo-seed.ioc"], in: copy)
        #expect(result.stdout.contains("1 project checked"), "\(result.stdout)")
        #expect(result.stdout.contains("[H7-PWR-001]") && !result.stdout.contains("part unknown"))
    }

    @Test func rulesAsJSON() throws {
        let result = try TestSupport.run(["rules", "--format", "json"])
        #expect(result.status == 0)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rules.count == TestSupport.knowledge.ruleDocs.count)
        #expect(rules.first { $0["id"] as? String == "H7-PWR-001" }?["checked"] as? Bool == true)
    }

    @Test func progressStaysOffTheReportWhenNotATerminal() throws {
        let result = try TestSupport.run(["check", TestSupport.fixtures.appendingPathComponent("multi-project-repo").path])
        #expect(!result.stderr.contains("checking projects"))
    }
}
