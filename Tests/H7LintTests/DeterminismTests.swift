import Foundation
import Testing

/// The same input gives byte-identical reports: across runs, with and without the parse cache, and
/// whatever the number of jobs (issue 7).
@Suite struct DeterminismTests {
    @Test(arguments: ["json", "sarif", "text"])
    func everyFixtureTwice(format: String) throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-determinism-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let fixtures = TestSupport.fixtures.path
        let base = ["check", fixtures, "--format", format, "--color", "never"]
        let fresh = try TestSupport.run(base + ["--no-cache", "--jobs", "1"])
        let filling = try TestSupport.run(base + ["--cache-dir", cache.path, "--jobs", "2"])
        let cached = try TestSupport.run(base + ["--cache-dir", cache.path])
        #expect(!fresh.stdout.isEmpty)
        #expect(fresh.status == filling.status && filling.status == cached.status)
        #expect(fresh.stdout == filling.stdout, "first and second run differ (\(format))")
        #expect(filling.stdout == cached.stdout, "cached run differs (\(format))")
        #expect(fresh.stderr == cached.stderr)
    }
}
