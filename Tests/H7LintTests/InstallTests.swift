import Foundation
import H7Lint
import H7Model
import Testing

/// h7lint leaves its source tree: the knowledge in Rules/ is built into the executable.
struct InstallTests {
    /// The snapshot the executable carries decodes to the same knowledge as Rules/ read as YAML.
    @Test func snapshotRoundTripsTheKnowledge() throws {
        let original = TestSupport.knowledge
        let data = try JSONEncoder().encode(original.snapshot)
        let copy = Knowledge(snapshot: try JSONDecoder().decode(Knowledge.Snapshot.self, from: data), directory: original.directory)
        #expect(copy.ruleDocs == original.ruleDocs)
        #expect(copy.lines == original.lines)
        #expect(copy.boards == original.boards)
        #expect(copy.recovery == original.recovery)
        #expect(copy.preludeHeader == original.preludeHeader)
        #expect(copy.identifiers.values(features: ["RM0399", "smps", "dual-core", "d3cr", "oden"])
                == original.identifiers.values(features: ["RM0399", "smps", "dual-core", "d3cr", "oden"]))
        let path = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed")
        let viaSnapshot = try Checker(knowledge: copy).check(path: path).reports
        #expect(TestSupport.summary(viaSnapshot, level: .note) == TestSupport.summary(try TestSupport.check(path), level: .note))
    }

    /// The binary copied alone into another folder checks a project from any working directory, with no
    /// Rules/ folder and no H7LINT_RULES.
    @Test func binaryWorksAloneFromAnotherFolder() throws {
        guard let built = TestSupport.executable else { Issue.record("h7lint executable not built"); return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-alone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
        let alone = folder.appendingPathComponent("bin/h7lint")
        try FileManager.default.copyItem(at: built, to: alone)
        let fixture = TestSupport.fixtures.appendingPathComponent("nucleo-h745-ldo-seed").path
        let result = try TestSupport.run(["check", fixture], executable: alone, builtInKnowledge: true, in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("[H7-PWR-001]"))
        let version = try TestSupport.run(["--version"], executable: alone, builtInKnowledge: true, in: folder)
        #expect(version.stdout.hasPrefix("\(H7LintVersion.current) (knowledge "))
        let missing = try TestSupport.run(["rules", "--rules", folder.appendingPathComponent("nowhere").path], executable: alone,
                                          builtInKnowledge: true, in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no Rules folder there"))
    }
}
