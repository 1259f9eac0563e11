import ArgumentParser
import Foundation
import H7Extract
import H7Lint
import H7Model
import H7Report

/// `h7lint check PATH...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the STM32H7 projects under the given folders.",
        discussion: "Exit codes: 0 no finding at or above the failure level, 1 findings, 2 usage, input or internal error.")

    @Argument(help: "Project folders, or folders holding several projects.") var paths: [String] = ["."]
    @Option(help: "Board id (e.g. NUCLEO-H745ZI-Q, NUCLEO-H745ZI-Q:ldo-rework) or a board profile file.") var board: String?
    @Option(help: "Lowest severity that makes the exit code 1: error, warning or note.") var failLevel: String = "warning"
    @Flag(help: "Also print parse notes (missing headers and other libclang errors).") var verbose = false
    @Option(help: "Colors: auto, always or never.") var color: String = "auto"
    @Option(help: "Projects checked at once (default: one per core).") var jobs: Int?
    @Option(help: "HAL/CMSIS headers: 'project' (the project's own when reachable, else h7lint's stand-in) or 'stand-in' (always h7lint's: faster).")
    var headers: String = "project"
    @Flag(help: "Parse everything again instead of reusing cached parse results.") var noCache = false
    @Option(help: "Where parse results are cached (default $H7LINT_CACHE_DIR, $XDG_CACHE_HOME/h7lint or ~/.cache/h7lint).")
    var cacheDir: String?

    func run() throws {
        let code = try CommandSupport.guarded {
            guard let level = Severity(rawValue: failLevel) else {
                throw H7Error.usage("--fail-level must be error, warning or note, not '\(failLevel)'")
            }
            let knowledge = try CommandSupport.loadKnowledge()
            guard let headerMode = HeaderMode(rawValue: headers) else {
                throw H7Error.usage("--headers must be project or stand-in, not '\(headers)'")
            }
            if let jobs, jobs < 1 { throw H7Error.usage("--jobs must be 1 or more") }
            let cache = noCache ? nil : FactsCache(directory: cacheDir.map { URL(fileURLWithPath: $0) } ?? FactsCache.defaultDirectory)
            let checker = Checker(knowledge: knowledge, boardOverride: board,
                                  jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, cache: cache, headers: headerMode)
            let useColor = CommandSupport.useColor(color)
            let reporter = TextReporter(color: useColor)
            var failed = false, broken = false
            var output = ""
            for path in paths {
                let (reports, notes) = try checker.check(path: URL(fileURLWithPath: path))
                for note in notes where verbose { FileHandle.standardError.write(Data("h7lint: note: \(note)\n".utf8)) }
                for report in reports {
                    if let error = report.error {
                        FileHandle.standardError.write(Data("h7lint: error: \(error.message)\n".utf8))
                        broken = true
                        continue
                    }
                    output += reporter.render(project: report.name, root: report.root, findings: report.findings) { id in
                        guard let first = knowledge.ruleDocs[id]?.recovery?.first,
                              let procedure = knowledge.recovery[first] else { return nil }
                        return "\(procedure.title) (h7lint explain \(id))"
                    }
                    if report.findings.contains(where: { $0.severity >= level }) { failed = true }
                    if verbose {
                        for note in report.notes.prefix(20) {
                            let place = note.range.map { "\(report.name)/\($0.file):\($0.line):\($0.column): " } ?? "\(report.name): "
                            output += "\(place)note: libclang: \(note.message)\n"
                        }
                    }
                }
                let count = reports.reduce(0) { $0 + $1.findings.count }
                output += "\(reports.count) project\(reports.count == 1 ? "" : "s") checked, \(count) finding\(count == 1 ? "" : "s")\n"
            }
            FileHandle.standardOutput.write(Data(output.utf8))
            return broken ? 2 : (failed ? 1 : 0)
        }
        throw ExitCode(code)
    }
}
