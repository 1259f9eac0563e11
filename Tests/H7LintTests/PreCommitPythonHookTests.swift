import Foundation
import H7Model
import Testing

/// pre-commit's `language: python` hook, as a user's repository runs it with docs/ci.md's recipe: pre-commit clones the hook repository,
/// `pip install .` builds the root pyproject.toml's wheel, which pulls the h7lint wheel (the static binary) and
/// PyPI's libclang wheel. Here both come from a folder (`PIP_FIND_LINKS`, no index): scripts/test makes the
/// h7lint wheel's binary and downloads the libclang wheel into `.build/test-python/wheels`.
enum HookWheels {
    /// The static binary and the folder with PyPI's libclang wheel.
    static let given: (binary: String, folder: String)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let binary = environment["H7LINT_STATIC_BINARY"], let folder = environment["H7LINT_TEST_WHEELS"] else { return nil }
        return (binary, folder)
    }()

    /// The h7lint wheel of this checkout (scripts/make-wheel on the static binary), made in `work/wheels`.
    static func make(in work: URL) throws -> URL {
        let (binary, _) = try #require(given)
        let wheels = work.appendingPathComponent("wheels")
        try FileManager.default.createDirectory(at: wheels, withIntermediateDirectories: true)
        let made = try ReportSupport.shell(["python3", TestSupport.repository.appendingPathComponent("scripts/make-wheel").path,
                                            binary, H7LintVersion.current, wheels.path])
        try #require(made.status == 0, "\(made.output)")
        return wheels
    }
}

struct PreCommitPythonHookTests {

    /// The shim's pinned h7lint version is the version this checkout builds.
    @Test func hookShimPinsThisVersion() throws {
        let backend = try String(contentsOf: TestSupport.repository.appendingPathComponent("packaging/pre-commit/h7lint_hook_backend.py"), encoding: .utf8)
        #expect(backend.contains("VERSION = \"\(H7LintVersion.current)\""))
    }

    @Test(.enabled(if: HookWheels.given != nil, "needs H7LINT_STATIC_BINARY and H7LINT_TEST_WHEELS (scripts/test sets them)"))
    func firstRunBlocksThePlantedMistakeAndTheFixHookFixesIt() throws {
        let libclangWheels = try #require(HookWheels.given).folder
        let work = try ReportSupport.folder([:])
        defer { try? FileManager.default.removeItem(at: work) }
        // The h7lint wheel of this checkout, beside the downloaded libclang wheel.
        let found = try HookWheels.make(in: work)

        // The hook repository: what pre-commit clones of h7lint's (the files `language: python` uses).
        let hookRepo = work.appendingPathComponent("h7lint-hooks")
        for path in [".pre-commit-hooks.yaml", "pyproject.toml", "packaging/pre-commit/h7lint_hook_backend.py"] {
            let target = hookRepo.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: TestSupport.repository.appendingPathComponent(path), to: target)
        }
        let git = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"]
        for step in [["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "hooks"]] {
            let result = try ReportSupport.shell(step, in: hookRepo, environment: git)
            try #require(result.status == 0, "\(step): \(result.output)")
        }
        let rev = try ReportSupport.shell(["git", "rev-parse", "HEAD"], in: hookRepo, environment: git).output
            .trimmingCharacters(in: .whitespacesAndNewlines)

        // The firmware repository with the seed project's planted LDO on a direct-SMPS board.
        let repo = work.appendingPathComponent("firmware")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed"),
                                         to: repo.appendingPathComponent("seed"))
        // docs/ci.md's recipe, with this hook repository for the placeholders.
        let recipe = try DocsSnippetTests.block(after: "## pre-commit", language: "yaml")
            .replacingOccurrences(of: "https://github.com/YOUR-ORG/h7lint", with: hookRepo.path)
            .replacingOccurrences(of: "0123456789abcdef0123456789abcdef01234567", with: rev)
        try recipe.write(to: repo.appendingPathComponent(".pre-commit-config.yaml"), atomically: true, encoding: .utf8)
        let environment = git.merging([
            "PRE_COMMIT_HOME": work.appendingPathComponent("pre-commit-home").path, "NO_COLOR": "1", "SKIP": "",
            "PIP_FIND_LINKS": "\(found.path) \(libclangWheels)", "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "H7LINT_CACHE_DIR": work.appendingPathComponent("cache").path,
        ]) { $1 }
        let sh = { (args: [String]) throws -> (status: Int32, output: String) in
            try ReportSupport.shell(args, in: repo, environment: environment, unsetting: ["H7LINT_RULES", "H7LINT_LIBCLANG"])
        }
        for step in [["git", "init", "-q"], ["git", "add", "."]] { try #require(try sh(step).status == 0) }

        let blocked = try sh(["python3", "-m", "pre_commit", "run"])
        #expect(blocked.status == 1, "\(blocked.output)")
        #expect(blocked.output.contains("seed/CM7/Core/Src/main.c:77:3: error: supply set to ldo"), "\(blocked.output)")
        #expect(blocked.output.contains("1 fixable with pre-commit run h7lint-fix --hook-stage manual --all-files"), "\(blocked.output)")

        // The advice, followed as printed.
        let fixed = try sh(["python3", "-m", "pre_commit", "run", "h7lint-fix", "--hook-stage", "manual", "--all-files"])
        #expect(fixed.status == 1, "pre-commit fails a hook that changed files: \(fixed.output)")
        let main = try String(contentsOf: repo.appendingPathComponent("seed/CM7/Core/Src/main.c"), encoding: .utf8)
        #expect(main.contains("HAL_PWREx_ConfigSupply(PWR_DIRECT_SMPS_SUPPLY)"))
        #expect(try sh(["git", "add", "."]).status == 0)
        let passed = try sh(["python3", "-m", "pre_commit", "run"])
        #expect(passed.status == 0, "\(passed.output)")
    }
}
