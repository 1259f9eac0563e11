import Foundation
import Testing

/// The recipes in docs/ci.md work as written: the GitHub workflow around the action and the GitLab job, run with
/// only the built binary on PATH (built-in knowledge, no H7LINT_RULES). The pre-commit recipe is run by
/// PreCommitPythonHookTests, the action's own steps by GitHubActionTests.
struct DocsSnippetTests {
    static let ciPage = TestSupport.repository.appendingPathComponent("docs/ci.md")
    /// Programs run as a user would: the h7lint they start uses its built-in knowledge.
    static let ownKnowledge = ["H7LINT_RULES"]

    /// The first fenced block of `language` after the line that starts with `heading`.
    static func block(after heading: String, language: String) throws -> String {
        let text = try String(contentsOf: ciPage, encoding: .utf8)
        let start = try #require(text.range(of: "\n" + heading), "docs/ci.md has no '\(heading)'")
        let open = try #require(text.range(of: "```\(language)\n", range: start.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "\n```\n", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound]) + "\n"
    }

    /// The workflow uses this repository's action with the permissions upload-sarif needs (actions: read for
    /// private repositories), and passes only inputs the action declares.
    @Test func workflowUsesTheActionWithItsPermissions() throws {
        let workflow = try Self.block(after: "## GitHub Actions", language: "yaml")
        let scratch = try ReportSupport.folder(["workflow.yml": workflow])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dump = """
            import json, sys, yaml
            w = yaml.safe_load(open(sys.argv[1])); a = yaml.safe_load(open(sys.argv[2]))
            step = next(s for s in w['jobs']['h7lint']['steps'] if 'h7lint@' in s.get('uses', ''))
            print(json.dumps({'permissions': w['permissions'], 'with': sorted(step.get('with', {})), 'inputs': sorted(a['inputs'])}))
            """
        let parsed = try ReportSupport.shell(["python3", "-c", dump, scratch.appendingPathComponent("workflow.yml").path,
                                              TestSupport.repository.appendingPathComponent("action.yml").path], unsetting: Self.ownKnowledge)
        try #require(parsed.status == 0, "\(parsed.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [String: Any])
        let permissions = try #require(json["permissions"] as? [String: String])
        #expect(permissions["security-events"] == "write" && permissions["actions"] == "read" && permissions["contents"] == "read")
        let inputs = Set(try #require(json["inputs"] as? [String]))
        let given = try #require(json["with"] as? [String])
        #expect(!given.isEmpty && given.allSatisfy { inputs.contains($0) }, "\(given) not all in \(inputs)")
    }

    /// The GitLab job's script, run in a repository with h7lint on PATH, writes the code quality report its
    /// artifact names, also when the job fails on findings.
    @Test func gitlabJobWritesTheReportItsArtifactNames() throws {
        guard let built = TestSupport.executable else { Issue.record("the h7lint binary is missing"); return }
        let recipe = try Self.block(after: "## GitLab CI", language: "yaml")
        let scratch = try ReportSupport.folder(["gitlab-ci.yml": recipe])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dump = "import json,sys,yaml; j=yaml.safe_load(open(sys.argv[1]))['h7lint']; print(json.dumps(j))"
        let parsed = try ReportSupport.shell(["python3", "-c", dump, scratch.appendingPathComponent("gitlab-ci.yml").path], unsetting: Self.ownKnowledge)
        let job = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [String: Any], "\(parsed.output)")
        let artifacts = try #require(job["artifacts"] as? [String: Any])
        #expect(artifacts["when"] as? String == "always")
        let report = try #require((artifacts["reports"] as? [String: String])?["codequality"])
        let script = try #require(job["script"] as? [String])

        let bin = scratch.appendingPathComponent("bin"), repo = scratch.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: built, to: bin.appendingPathComponent("h7lint"))
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"), to: repo.appendingPathComponent("seed"))
        let environment = ["PATH": bin.path + ":/usr/bin:/bin", "H7LINT_CACHE_DIR": scratch.appendingPathComponent("cache").path]
        let ran = try ReportSupport.shell(["sh", "-c", script.joined(separator: "\n")], in: repo, environment: environment, unsetting: Self.ownKnowledge)
        #expect(ran.status == 1, "findings fail the job: \(ran.output)")
        let text = try String(contentsOf: repo.appendingPathComponent(report), encoding: .utf8)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(issues.contains { $0["check_name"] as? String == "H7-PWR-001" && $0["severity"] as? String == "critical" })
    }
}

/// README's demo block is what scripts/demo's check prints: each part between `...` lines appears, whole and in
/// order, in the real output (so the README cannot drift from the tool).
struct ReadmeDemoTests {
    @Test func demoBlockIsTheDemosOutput() throws {
        let readme = try String(contentsOf: TestSupport.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let intro = try #require(readme.range(of: "The demo prints:\n\n```\n"))
        let close = try #require(readme.range(of: "\n```\n", range: intro.upperBound..<readme.endIndex))
        let block = readme[intro.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let demo = try String(contentsOf: TestSupport.repository.appendingPathComponent("scripts/demo"), encoding: .utf8)
        #expect(demo.contains(".build/release/h7lint check Fixtures/nucleo-h745-ldo-seed\n"))
        let run = try TestSupport.run(["check", "--no-cache", "Fixtures/nucleo-h745-ldo-seed"], builtInKnowledge: true, in: TestSupport.repository)
        #expect(run.status == 1)
        let output = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var parts: [[String]] = [[]]
        for line in block { if line == "..." { parts.append([]) } else { parts[parts.count - 1].append(line) } }
        #expect(parts.count == 2, "one elision: the first finding whole, then the summary")
        var from = 0
        for part in parts where !part.isEmpty {
            let found = (from...max(from, output.count - part.count)).first { Array(output[$0..<min(output.count, $0 + part.count)]) == part }
            #expect(found != nil, "not in the demo's output, in this order:\n\(part.joined(separator: "\n"))\n--- output:\n\(run.stdout)")
            from = (found ?? from) + part.count
        }
    }
}
