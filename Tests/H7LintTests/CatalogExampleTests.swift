import Foundation
import H7Lint
import H7Model
import H7Rules
import Testing

/// Runs every example of every rule's catalogue entry (Rules/catalog/<ID>.yml) through the whole
/// pipeline: triggering examples must report the rule exactly at the ↓ markers, non-triggering
/// examples must not report it. Rules documented but not implemented yet are skipped by name.
struct CatalogExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var ruleID: String
        var example: RuleDoc.Example
        var triggering: Bool
        var index: Int
        var testDescription: String { "\(ruleID) \(triggering ? "triggering" : "non-triggering") #\(index + 1): \(example.name ?? "")" }
    }

    static var implemented: Set<String> { Set(RuleRegistry.all.map(\.id)) }

    static let cases: [Case] = TestSupport.knowledge.ruleDocs.values.sorted { $0.id < $1.id }.flatMap { doc -> [Case] in
        guard implemented.contains(doc.id), let examples = doc.examples else { return [] }
        let t = (examples.triggering ?? []).enumerated().map { Case(ruleID: doc.id, example: $1, triggering: true, index: $0) }
        let n = (examples.nonTriggering ?? []).enumerated().map { Case(ruleID: doc.id, example: $1, triggering: false, index: $0) }
        return t + n
    }

    @Test func everyImplementedRuleHasExamplesBothWays() {
        for id in Self.implemented where id != "H7-META-002" {
            let examples = TestSupport.knowledge.ruleDocs[id]?.examples
            #expect((examples?.triggering ?? []).count >= 1, "\(id) has no triggering example")
            #expect((examples?.nonTriggering ?? []).count >= 1, "\(id) has no non-triggering example")
        }
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let (folder, markers) = try Self.materialize(testCase.example)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = try TestSupport.check(folder)
        #expect(reports.allSatisfy { $0.error == nil }, "\(reports.compactMap(\.error))")
        let hits = reports.flatMap(\.findings).filter { $0.ruleID == testCase.ruleID }
        if testCase.triggering {
            #expect(!hits.isEmpty, "expected \(testCase.ruleID), got \(reports.flatMap(\.findings).map(\.ruleID))")
            let severity = testCase.example.severity ?? TestSupport.knowledge.ruleDocs[testCase.ruleID]?.severity
            #expect(hits.allSatisfy { $0.severity == severity }, "severities \(hits.map(\.severity)), expected \(severity.map(\.rawValue) ?? "-")")
            if !markers.isEmpty {
                let got = Set(hits.compactMap { $0.range.map { Self.place($0.file, $0.line, $0.column) } })
                #expect(got == Set(markers), "markers \(markers.sorted()) vs findings \(got.sorted())")
            }
        } else {
            #expect(hits.isEmpty, "unexpected: \(hits.map { "\($0.range?.description ?? "-") \($0.message)" })")
        }
    }

    /// Build files only carry line numbers for defines: compare columns in C files only.
    static func place(_ file: String, _ line: Int, _ column: Int) -> String {
        file.hasSuffix(".c") || file.hasSuffix(".h") ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }

    /// Writes the example as a project; returns its folder and the ↓ places.
    static func materialize(_ example: RuleDoc.Example) throws -> (URL, [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-example-\(UUID().uuidString)")
        var markers: [String] = []
        var files = example.files
        let buildNames = ["Makefile", "CMakeLists.txt", ".cproject", "compile_commands.json"]
        if let defines = example.defines, !files.keys.contains(where: { path in buildNames.contains { path.hasSuffix($0) } }) {
            files["Makefile"] = "C_DEFS = \\\n" + defines.map { "-D\($0)" }.joined(separator: " \\\n") + "\n"
        }
        if let board = example.board, files[".h7lint.yml"] == nil { files[".h7lint.yml"] = "board: \(board)\n" }
        for (path, text) in files {
            var lines: [String] = []
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                var current = line
                while let marker = current.range(of: "↓") {
                    let column = current[..<marker.lowerBound].utf8.count + 1
                    markers.append(place(path, number + 1, column))
                    current.removeSubrange(marker)
                }
                lines.append(current)
            }
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        return (folder, markers)
    }
}
