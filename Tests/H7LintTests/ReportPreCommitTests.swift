import Foundation
import H7Model
import Testing

/// The pre-commit hook: the manifest is valid for pre-commit, and a repository using the hook (with the
/// built binary in place of pre-commit's own `swift build`) fails on the seed project and passes a clean one.
/// Needs `pre-commit` (scripts/test installs it with pip).
struct ReportPreCommitTests {
    static let manifest = TestSupport.repository.appendingPathComponent(".pre-commit-hooks.yaml")

    static func preCommitInstalled() throws -> Bool {
        let probe = try ReportSupport.shell(["python3", "-m", "pre_commit", "--version"])
        if probe.status != 0 { Issue.record("pre-commit is not installed (python3 -m pip install pre-commit; scripts/test does it)") }
        return probe.status == 0
    }

    @Test func manifestIsValid() throws {
        guard try Self.preCommitInstalled() else { return }
        let result = try ReportSupport.shell(["python3", "-m", "pre_commit", "validate-manifest", Self.manifest.path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func hookChecksTheProjectsOfTheStagedFiles() throws {
        guard try Self.preCommitInstalled(), let binary = TestSupport.executable else {
            Issue.record("pre-commit or the h7lint binary is missing")
            return
        }
        let repo = try ReportSupport.folder([:])
        defer { try? FileManager.default.removeItem(at: repo) }
        for name in ["nucleo-h745-ldo-seed", "nucleo-h745-smps-ok"] {
            try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(name), to: repo.appendingPathComponent(name))
        }
        // The manifest's hook as a local hook running the built binary (language: system instead of swift).
        let script = """
            import sys, yaml
            hook = yaml.safe_load(open(sys.argv[1]))[0]
            hook.update(language="system", entry=sys.argv[2] + " check")
            yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, open(".pre-commit-config.yaml", "w"))
            """
        let environment = ["H7LINT_RULES": TestSupport.repository.appendingPathComponent("Rules").path, "NO_COLOR": "1",
                           "PRE_COMMIT_HOME": repo.appendingPathComponent(".pre-commit-home").path,
                           "GIT_CONFIG_GLOBAL": "/dev/null", "SKIP": ""]
        let sh = { (args: [String]) throws -> (status: Int32, output: String) in
            try ReportSupport.shell(args, in: repo, environment: environment)
        }
        #expect(try sh(["python3", "-c", script, Self.manifest.path, binary.path]).status == 0)
        let initialised = try sh(["git", "init", "-q"])
        #expect(initialised.status == 0, "git init: \(initialised.output)")
        try ".pre-commit-home/\n".write(to: repo.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)

        #expect(try sh(["git", "add", "nucleo-h745-smps-ok", ".pre-commit-config.yaml"]).status == 0)
        let clean = try sh(["python3", "-m", "pre_commit", "run"])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("Passed"))

        #expect(try sh(["git", "add", "nucleo-h745-ldo-seed/CM7/Core/Src/main.c", "nucleo-h745-ldo-seed/nucleo-h745-ldo-seed.ioc"]).status == 0)
        let dirty = try sh(["python3", "-m", "pre_commit", "run"])
        #expect(dirty.status == 1, "\(dirty.output)")
        #expect(dirty.output.contains("nucleo-h745-ldo-seed/CM7/Core/Src/main.c:77:3: error: supply set to ldo"))
        #expect(dirty.output.contains("2 projects checked"), "each project once: \(dirty.output)")
    }
}

/// `--output` onto a device writes through it and never replaces it (a rename over /dev/null once
/// turned it into a regular file on a test machine).
struct ReportOutputDeviceTests {
    /// A full device: one line with the file and the system's reason, not Foundation's error dump.
    @Test func fullDeviceSaysWhy() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-smps-ok").path
        let result = try TestSupport.run(["check", fixture, "--output", "/dev/full"])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: /dev/full: cannot write the report (No space left on device)\n")
    }

    /// A FIFO given as the board profile is refused at once instead of blocking on it.
    @Test func fifoBoardProfileIsNotARegularFile() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-fifo-\(UUID().uuidString)")
        guard mkfifo(fifo.path, 0o600) == 0 else { Issue.record("mkfifo failed"); return }
        defer { try? FileManager.default.removeItem(at: fifo) }
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-smps-ok").path
        let result = try TestSupport.run(["check", fixture, "--board", fifo.path])
        #expect(result.status == 2)
        #expect(result.stderr == "h7lint: error: \(fifo.path): cannot read the board profile (not a regular file)\n")
    }

    @Test func outputToDevNullKeepsTheDevice() throws {
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-smps-ok").path
        let result = try TestSupport.run(["check", fixture, "--format", "json", "--output", "/dev/null"])
        #expect(result.status == 0)
        var info = stat()
        #expect(stat("/dev/null", &info) == 0)
        #expect((info.st_mode & S_IFMT) == S_IFCHR)
    }
}
