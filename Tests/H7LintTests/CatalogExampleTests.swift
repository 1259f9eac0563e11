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
        var reports = try TestSupport.check(folder)
        if let defines = testCase.example.image {
            // An image beside the project: needs the image tools, which CI installs (ImageToolsTests checks it).
            guard ImageSupport.available else { return }
            reports += ImagesBeside.check([try ImageSupport.build(defines)], projects: reports, knowledge: TestSupport.knowledge)
        }
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
            try checkFix(testCase, folder: folder, hits: hits)
        } else {
            #expect(hits.isEmpty, "unexpected: \(hits.map { "\($0.range?.description ?? "-") \($0.message)" })")
        }
    }

    /// A `fixed:` example: `--fix` makes exactly those files, the rule is then silent, and a second `--fix` changes
    /// nothing. Without `fixed:` the rule must offer no fix (a fix nobody reviewed cannot appear).
    func checkFix(_ testCase: Case, folder: URL, hits: [Finding]) throws {
        let fixable = hits.filter { $0.autofix?.isApplicable == true }
        let fixes = FixSet(try TestSupport.check(folder))
        guard let expected = testCase.example.fixed else {
            #expect(fixable.isEmpty, "offers a fix the example does not show; if it is right, add to the example:\n\(Self.fixedBlock(fixes, folder: folder))")
            return
        }
        #expect(!fixable.isEmpty, "no fix offered: \(hits.compactMap(\.autofix?.blocked))")
        let before = try Self.contents(folder)
        #expect(fixes.skipped.isEmpty, "\(fixes.skipped)")
        #expect(fixes.apply().failed.isEmpty)
        let after = try Self.contents(folder)
        for (path, text) in after {
            let wanted = try expected[path].map { try Self.applying($0, to: before[path] ?? "") } ?? before[path]
            #expect(text == wanted, "\(path) after --fix")
        }
        let again = try TestSupport.check(folder)
        #expect(!again.flatMap(\.findings).contains { $0.ruleID == testCase.ruleID }, "still reported after --fix")
        #expect(FixSet(again).files.isEmpty, "a second --fix changes files")
    }

    /// `before` with each `-line` of `pairs` replaced by the `+line` after it.
    static func applying(_ pairs: String, to before: String) throws -> String {
        var lines = before.components(separatedBy: "\n")
        let spec = pairs.components(separatedBy: "\n").filter { !$0.isEmpty }
        try #require(spec.count % 2 == 0, "fixed: needs -old/+new line pairs")
        for i in stride(from: 0, to: spec.count, by: 2) {
            try #require(spec[i].hasPrefix("-") && spec[i + 1].hasPrefix("+"), "fixed: '\(spec[i])' / '\(spec[i + 1])'")
            let index = try #require(lines.firstIndex(of: String(spec[i].dropFirst())), "fixed: no line '\(spec[i])'")
            lines[index] = String(spec[i + 1].dropFirst())
        }
        return lines.joined(separator: "\n")
    }

    /// The `fixed:` entry that describes these fixes, for the failure message.
    static func fixedBlock(_ fixes: FixSet, folder: URL) -> String {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        return "fixed:\n" + fixes.files.map { file in
            let old = String(decoding: file.original, as: UTF8.self).components(separatedBy: "\n")
            let new = String(decoding: file.fixed, as: UTF8.self).components(separatedBy: "\n")
            let path = file.url.path.hasPrefix(root) ? String(file.url.path.dropFirst(root.count)) : file.url.path
            return "  \(path): |\n" + zip(old, new).filter { $0 != $1 }.map { "    -\($0)\n    +\($1)\n" }.joined()
        }.joined()
    }

    static func contents(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? .init() {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            files[path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path] = text
        }
        return files
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
