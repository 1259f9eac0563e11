import Foundation
import H7Model
import Testing

/// The repository's action.yml, its shell steps run as written (Tests/Scripts/run-action.py plays the runner):
/// it installs the h7lint wheel into a fresh virtual environment, writes SARIF even after findings, uploads only
/// a SARIF that exists, and fails the job with h7lint's own exit code.
struct GitHubActionTests {
    struct Step: Decodable { var name: String; var ran: Bool; var status: Int32?; var uses: String?; var with: [String: String]? }

    /// Runs the action in a copy of `fixture` with these inputs; the steps and everything printed.
    func runAction(_ fixture: String, _ inputs: [String: String]) throws -> (status: Int32, steps: [Step], output: String, folder: URL) {
        let libclangWheels = try #require(HookWheels.given).folder
        let work = try ReportSupport.folder([:])
        let wheels = try HookWheels.make(in: work)
        let repo = work.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(fixture), to: repo.appendingPathComponent(fixture))
        var given = inputs
        given["find-links"] = wheels.path
        given["version"] = H7LintVersion.current
        let json = String(decoding: try JSONSerialization.data(withJSONObject: given), as: UTF8.self)
        let result = try ReportSupport.shell(
            ["python3", TestSupport.repository.appendingPathComponent("Tests/Scripts/run-action.py").path,
             TestSupport.repository.appendingPathComponent("action.yml").path, json],
            in: repo, environment: ["PIP_FIND_LINKS": libclangWheels, "PIP_NO_INDEX": "1", "NO_COLOR": "1",
                                    "H7LINT_CACHE_DIR": work.appendingPathComponent("cache").path],
            unsetting: ["H7LINT_RULES", "H7LINT_LIBCLANG"])
        let steps = try result.output.split(separator: "\n").filter { $0.hasPrefix("{\"name\"") }
            .map { try JSONDecoder().decode(Step.self, from: Data($0.utf8)) }
        return (result.status, steps, result.output, repo)
    }

    @Test(.enabled(if: HookWheels.given != nil, "needs H7LINT_STATIC_BINARY and H7LINT_TEST_WHEELS (scripts/test sets them)"))
    func findingsWriteSARIFUploadItAndFailTheJob() throws {
        let run = try runAction("nucleo-h745-ldo-seed", [:])
        defer { try? FileManager.default.removeItem(at: run.folder.deletingLastPathComponent()) }
        #expect(run.status == 1, "\(run.output)")
        #expect(run.steps.map(\.name) == ["Install h7lint", "Check", "Upload to code scanning", "Fail on findings"])
        #expect(run.steps.allSatisfy { $0.ran }, "\(run.output)")
        #expect(run.steps[0].status == 0 && run.steps[1].status == 0 && run.steps[3].status == 1)
        #expect(run.steps[2].uses == "github/codeql-action/upload-sarif@v3" && run.steps[2].with?["sarif_file"] == "h7lint.sarif")
        let sarif = try String(contentsOf: run.folder.appendingPathComponent("h7lint.sarif"), encoding: .utf8)
        try ReportSupport.expectValidSARIF(sarif)
        #expect(sarif.contains("\"H7-PWR-001\""))
    }

    /// A usage error writes no SARIF: nothing is uploaded (no "path does not exist"), and the job fails with 2.
    @Test(.enabled(if: HookWheels.given != nil, "needs H7LINT_STATIC_BINARY and H7LINT_TEST_WHEELS (scripts/test sets them)"))
    func usageErrorUploadsNothing() throws {
        let run = try runAction("nucleo-h745-smps-ok", ["args": "--fail-level sometimes"])
        defer { try? FileManager.default.removeItem(at: run.folder.deletingLastPathComponent()) }
        #expect(run.status == 2, "\(run.output)")
        #expect(run.steps.map(\.ran) == [true, true, false, true], "\(run.output)")
        #expect(!FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("h7lint.sarif").path))
    }

    /// `format: github` for private repositories without code scanning: annotations, no upload; a clean project
    /// passes.
    @Test(.enabled(if: HookWheels.given != nil, "needs H7LINT_STATIC_BINARY and H7LINT_TEST_WHEELS (scripts/test sets them)"))
    func annotationsWithoutCodeScanning() throws {
        let run = try runAction("nucleo-h745-smps-ok", ["format": "github", "path": "nucleo-h745-smps-ok"])
        defer { try? FileManager.default.removeItem(at: run.folder.deletingLastPathComponent()) }
        #expect(run.status == 0, "\(run.output)")
        #expect(run.steps.map(\.ran) == [true, true, false, false], "\(run.output)")
        #expect(run.output.contains("1 project checked"), "\(run.output)")
    }
}
