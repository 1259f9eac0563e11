import Foundation
import Testing

/// `check --timings`: one table on stderr, the report on stdout unchanged (no time is compared).
@Suite struct TimingsTests {
    @Test func timingsGoToStandardErrorOnly() throws {
        let project = TestSupport.fixtures.appendingPathComponent("nucleo-h743-ldo-makefile").path
        let plain = try TestSupport.run(["check", project, "--no-cache", "--format", "json"])
        let timed = try TestSupport.run(["check", project, "--no-cache", "--format", "json", "--timings"])
        #expect(timed.status == plain.status)
        #expect(timed.stdout == plain.stdout)
        #expect(!plain.stderr.contains("timings"))
        for label in ["h7lint: timings", "knowledge", "discovery", "build-file reading", "include scan", "parse (libclang)",
                      "facts", "rules", "report", "wall", "cpu"] {
            #expect(timed.stderr.contains(label), "\(label)")
        }
    }
}
