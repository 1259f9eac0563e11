import Foundation
import Testing

/// The recipes in docs/ci.md work as written: the `repo: local` pre-commit hook, run by pre-commit in a scratch
/// repository with only the built binary on PATH (built-in knowledge, no H7LINT_RULES), and the GitHub Actions
/// step that computes the build cache's key.
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

    @Test func repoLocalHookWorksAsWritten() throws {
        guard try ReportPreCommitTests.preCommitInstalled(), let built = TestSupport.executable else {
            Issue.record("pre-commit or the h7lint binary is missing")
            return
        }
        let recipe = try Self.block(after: "### Works today: `repo: local`", language: "yaml")
        #expect(recipe.contains("repo: local") && recipe.contains("entry: h7lint check"))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-recipe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repo = scratch.appendingPathComponent("firmware"), bin = scratch.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: built, to: bin.appendingPathComponent("h7lint"))  // "installed": alone on PATH
        for name in ["nucleo-h745-ldo-seed", "nucleo-h745-smps-ok"] {
            try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(name), to: repo.appendingPathComponent(name))
        }
        try recipe.write(to: repo.appendingPathComponent(".pre-commit-config.yaml"), atomically: true, encoding: .utf8)
        let environment = ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                           "PRE_COMMIT_HOME": scratch.appendingPathComponent("pre-commit-home").path,
                           "GIT_CONFIG_GLOBAL": "/dev/null", "NO_COLOR": "1", "SKIP": ""]
        #expect(try ReportSupport.shell(["git", "init", "-q"], in: repo, environment: environment, unsetting: Self.ownKnowledge).status == 0)
        #expect(try ReportSupport.shell(["git", "add", ".pre-commit-config.yaml", "nucleo-h745-smps-ok"], in: repo, environment: environment, unsetting: Self.ownKnowledge).status == 0)
        let clean = try ReportSupport.shell(["python3", "-m", "pre_commit", "run"], in: repo, environment: environment, unsetting: Self.ownKnowledge)
        #expect(clean.status == 0 && clean.output.contains("Passed"), "\(clean.output)")
        #expect(try ReportSupport.shell(["git", "add", "nucleo-h745-ldo-seed"], in: repo, environment: environment, unsetting: Self.ownKnowledge).status == 0)
        let dirty = try ReportSupport.shell(["python3", "-m", "pre_commit", "run"], in: repo, environment: environment, unsetting: Self.ownKnowledge)
        #expect(dirty.status == 1, "\(dirty.output)")
        #expect(dirty.output.contains("nucleo-h745-ldo-seed/CM7/Core/Src/main.c:77:3: error: supply set to ldo"), "\(dirty.output)")
        #expect(dirty.output.contains("2 projects checked"), "\(dirty.output)")
    }

    /// The workflow parses, caches /opt/h7lint/.build under the key its own step computes, uploads the SARIF the
    /// check writes, and the key step gives a key that changes when Rules/ changes.
    @Test func workflowCacheKeyFollowsTheSources() throws {
        let workflow = try Self.block(after: "## GitHub Actions and code scanning", language: "yaml")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-workflow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let file = scratch.appendingPathComponent("workflow.yml")
        try workflow.write(to: file, atomically: true, encoding: .utf8)
        // The steps as JSON, by name (Python's yaml comes with pre-commit).
        let dump = "import json,sys,yaml; steps=yaml.safe_load(open(sys.argv[1]))['jobs']['h7lint']['steps']; print(json.dumps({s.get('name', s.get('uses')): s for s in steps}))"
        let parsed = try ReportSupport.shell(["python3", "-c", dump, file.path], in: scratch, environment: [:], unsetting: Self.ownKnowledge)
        #expect(parsed.status == 0, "\(parsed.output)")
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [String: [String: Any]])
        let cache = try #require(steps["Cache the h7lint build"]?["with"] as? [String: String])
        #expect(cache["path"] == "/opt/h7lint/.build" && cache["key"] == "${{ steps.key.outputs.key }}")
        #expect((steps["Check"]?["run"] as? String)?.contains("--format sarif --output h7lint.sarif") == true)
        #expect((steps["Upload to code scanning"]?["with"] as? [String: String])?["sarif_file"] == "h7lint.sarif")
        let keyScript = try #require(steps["Key of the h7lint build"]?["run"] as? String)

        // The key step on a clone of this repository, before and after a change to Rules/.
        let clone = scratch.appendingPathComponent("h7lint")
        let git = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"]
        #expect(try ReportSupport.shell(["git", "clone", "-q", TestSupport.repository.path, clone.path], in: scratch, environment: git, unsetting: Self.ownKnowledge).status == 0)
        let script = keyScript.replacingOccurrences(of: "/opt/h7lint", with: clone.path)
            .replacingOccurrences(of: "${{ runner.os }}", with: "Linux")
        func key() throws -> String {
            let output = scratch.appendingPathComponent("github-output")
            try? FileManager.default.removeItem(at: output)
            let result = try ReportSupport.shell(["bash", "-euo", "pipefail", "-c", script], in: scratch, environment: ["GITHUB_OUTPUT": output.path], unsetting: Self.ownKnowledge)
            #expect(result.status == 0, "\(result.output)")
            let lines = (try? String(contentsOf: output, encoding: .utf8))?.split(separator: "\n") ?? []
            return lines.first { $0.hasPrefix("key=") }.map { String($0.dropFirst(4)) } ?? ""
        }
        let before = try key()
        #expect(before.wholeMatch(of: /h7lint-Linux-[0-9a-f]{8}-[0-9a-f]{32}/) != nil, "\(before)")
        #expect(try key() == before)
        try "# changed\n".write(to: clone.appendingPathComponent("Rules/recovery.yml"), atomically: true, encoding: .utf8)
        #expect(try ReportSupport.shell(["git", "commit", "-qam", "change"], in: clone, environment: git, unsetting: Self.ownKnowledge).status == 0)
        #expect(try key() != before)
    }
}
