import Foundation
import H7Lint
import H7Model

/// Shared set-up: the repository's Rules/ and Fixtures/, loaded once.
enum TestSupport {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Fixtures")
    static let knowledge: Knowledge = {
        do { return try Knowledge(directory: repository.appendingPathComponent("Rules")) } catch {
            fatalError("Rules/ does not load: \(error)")
        }
    }()

    static func check(_ path: URL, board: String? = nil) throws -> [ProjectReport] {
        try Checker(knowledge: knowledge, boardOverride: board).check(path: path).reports
    }

    /// `ID file:line` for each finding at or above `level`, sorted.
    static func summary(_ reports: [ProjectReport], level: Severity = .warning) -> [String] {
        reports.flatMap { report in
            report.findings.filter { $0.severity >= level }.map { finding in
                let place = finding.range.map { "\($0.file):\($0.line)" } ?? "-"
                let prefix = reports.count > 1 ? "\(report.root.lastPathComponent)/" : ""
                return "\(finding.ruleID) \(prefix)\(place)"
            }
        }.sorted()
    }

    /// The built h7lint executable, next to the test bundle.
    static var executable: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("h7lint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = repository.appendingPathComponent(".build/debug/h7lint")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    /// Runs the built binary; `environment` adds to (or overrides) this process's variables.
    static func run(_ arguments: [String], environment extra: [String: String] = [:], executable chosen: URL? = nil,
                    builtInKnowledge: Bool = false, in folder: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let executable = chosen ?? executable else { throw H7Error(.internal, "h7lint executable not built") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["H7LINT_RULES"] = builtInKnowledge ? nil : repository.appendingPathComponent("Rules").path
        if let folder { process.currentDirectoryURL = folder }
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
