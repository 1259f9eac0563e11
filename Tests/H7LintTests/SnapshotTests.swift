import Foundation
import H7Lint
import H7Model
import Testing

/// Every fixture carries its expected report in `expected.txt`: one line per finding (severity, rule id,
/// place, message, then its notes indented), in the order h7lint reports them. A change in any finding
/// shows as a diff of that file. `H7LINT_UPDATE_SNAPSHOTS=1 swift test --filter SnapshotTests` rewrites
/// them; review the diff before committing.
struct SnapshotTests {
    static let snapshotName = "expected.txt"

    static var fixtureNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestSupport.fixtures.path)) ?? [])
            .filter { name in
                var isDir: ObjCBool = false
                return !name.hasPrefix(".")
                    && FileManager.default.fileExists(atPath: TestSupport.fixtures.appendingPathComponent(name).path, isDirectory: &isDir)
                    && isDir.boolValue
            }
            .sorted()
    }

    /// The report of one fixture as the snapshot spells it.
    static func render(_ name: String) throws -> String {
        let reports = try TestSupport.check(TestSupport.fixtures.appendingPathComponent(name))
        var lines: [String] = []
        for report in reports {
            let prefix = reports.count > 1 ? "\(report.root.lastPathComponent)/" : ""
            if let error = report.error { lines.append("project-error \(prefix): \(error.message)") }
            for finding in report.findings {
                let place = finding.range.map { "\(prefix)\($0.file):\($0.line):\($0.column)" } ?? "\(prefix)-"
                lines.append("\(finding.severity.rawValue) \(finding.ruleID) \(place) \(finding.message)")
                for note in finding.notes { lines.append("    note: \(note)") }
            }
        }
        return lines.isEmpty ? "clean\n" : lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: fixtureNames)
    func fixtureMatchesItsSnapshot(name: String) throws {
        let file = TestSupport.fixtures.appendingPathComponent(name).appendingPathComponent(Self.snapshotName)
        let actual = try Self.render(name)
        if ProcessInfo.processInfo.environment["H7LINT_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected != nil, "\(name) has no \(Self.snapshotName): run with H7LINT_UPDATE_SNAPSHOTS=1 and review it")
        #expect(actual == expected, "\(name): report differs from \(Self.snapshotName)")
    }

    @Test func everyFixtureHasASnapshot() {
        let missing = Self.fixtureNames.filter {
            !FileManager.default.fileExists(atPath: TestSupport.fixtures.appendingPathComponent($0).appendingPathComponent(Self.snapshotName).path)
        }
        #expect(missing.isEmpty, "fixtures without \(Self.snapshotName): \(missing)")
    }
}
