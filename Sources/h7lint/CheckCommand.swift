import ArgumentParser
import Foundation
import H7Clang
import H7Lint
import H7Model
import H7Report

/// `h7lint check PATH...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the STM32H7 projects under the given folders, or the projects holding the given files.",
        discussion: """
            Exit codes: 0 no finding at or above the failure level, 1 findings, 2 usage, input or internal error \
            (also with --exit-zero). Formats: docs/json-format.md, docs/ci.md.
            """)

    @Argument(help: "Project folders, folders holding several projects, or files (each stands for the project holding it).")
    var paths: [String] = ["."]
    @Option(help: "Board id (e.g. NUCLEO-H745ZI-Q, NUCLEO-H745ZI-Q:ldo-rework) or a board profile file.") var board: String?
    @Option(help: "Lowest severity that makes the exit code 1: error, warning or note (default: fail-level: in .h7lint.yml, else warning).")
    var failLevel: String?
    @Flag(help: "Also print parse notes (missing headers and other libclang errors) and what was assumed (--show-assumptions).") var verbose = false
    @Option(help: "Colors: auto, always or never (auto: only on a terminal, never with NO_COLOR set).") var color: String = "auto"
    @Option(help: "Report format: text, concise (one line a finding), json, sarif, github (workflow commands) or gitlab (code quality report).") var format: String = "text"
    @Option(help: "Only these rules (ids or patterns, comma-separated: H7-PWR-*,H7-CLK-001); .h7lint.yml's disable: still applies.")
    var select: String?
    @Option(help: "Not these rules (ids or patterns, comma-separated); wins over --select.") var ignore: String?
    @Option(help: "Use this .h7lint.yml for every project instead of the nearest one.") var config: String?
    @Flag(help: "Print what was assumed per project and core: part, board and where they came from, build configuration, include folders, header mode, what decided the supply.")
    var showAssumptions = false
    @Option(name: .shortAndLong, help: "Write the report to this file (whole or not at all) instead of standard output.")
    var output: String?
    @Option(help: "Hide the findings recorded in this baseline file; list the ones fixed since.") var baseline: String?
    @Option(help: "Record every current finding in this baseline file (the exit code is then 0 unless a project could not be checked).")
    var writeBaseline: String?
    @Flag(help: "Exit 0 even with findings (2 still means a usage, input or internal error).") var exitZero = false
    @Flag(help: "A board that is not named (unknown, or only recognised from the .ioc) is an error (also `require-board: true` in .h7lint.yml).") var requireBoard = false
    @Option(help: "Paths in reports are relative to this folder (default: the git repository holding the current folder, else the current folder).")
    var sourceRoot: String?
    @Option(help: "Projects checked at once (default: one per core).") var jobs: Int?
    @Option(help: "HAL/CMSIS headers: 'stand-in' (h7lint's own, the default: same facts with or without Drivers/) or 'project' (the project's own when its include path reaches them).")
    var headers: String = "stand-in"
    @Flag(help: "Apply the fixes that are certain (the supply scheme in every place it is set, flash wait states, HSE mode for a named board), then report what is left.")
    var fix = false
    @Flag(help: "Print the changes --fix would make as a unified diff and change nothing (exit 1 when there are some).")
    var diff = false
    @Option(name: .customLong("image"), help: "Also emulate and check this firmware image (ELF) with the project's part and board (repeatable; docs/image.md).")
    var images: [String] = []
    @Flag(name: .customLong("images"), help: "Also check the *.elf images in each project's Debug/, Release/, build/, .pio/build/<env>/ and cmake-build-*/ folders.")
    var findImages = false
    @Flag(help: "Parse everything again instead of reusing cached parse results.") var noCache = false
    @Option(help: "Where parse results are cached (default $H7LINT_CACHE_DIR, $XDG_CACHE_HOME/h7lint or ~/.cache/h7lint).")
    var cacheDir: String?
    /// Set by .pre-commit-hooks.yaml: the hook whose run applies the fixes, named in the advice instead of
    /// `h7lint check --fix` (the hook's h7lint lives in pre-commit's own environment, not on the PATH).
    @Option(help: ArgumentHelp("The pre-commit hook that fixes (named in the advice).", visibility: .hidden))
    var fixHook: String?
    @Flag(help: "Print on standard error the time each stage took (discovery, build files, include scan, parse, facts, rules, report).")
    var timings = false

    func run() throws {
        StageTimings.enabled = timings
        let started = StageTimings.now()
        let code = try CommandSupport.guarded {
            let level = try failLevel.map { value in
                guard let level = Severity(rawValue: value) else {
                    throw H7Error.usage("--fail-level must be error, warning or note, not '\(value)'")
                }
                return level
            }
            guard let reportFormat = ReportFormat(rawValue: format) else {
                throw H7Error.usage("--format must be text, concise, json, sarif, github or gitlab, not '\(format)'")
            }
            guard ["auto", "always", "never"].contains(color) else {
                throw H7Error.usage("--color must be auto, always or never, not '\(color)'")
            }
            guard let headerMode = HeaderMode(rawValue: headers) else {
                throw H7Error.usage("--headers must be project or stand-in, not '\(headers)'")
            }
            if let jobs, jobs < 1 { throw H7Error.usage("--jobs must be 1 or more") }
            let knowledge = try StageTimings.measure(.knowledge) { try CommandSupport.loadKnowledge() }
            let cache = noCache ? nil : FactsCache(directory: cacheDir.map { URL(fileURLWithPath: $0) } ?? FactsCache.defaultDirectory)
            var checker = Checker(knowledge: knowledge, boardOverride: board,
                                  jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, cache: cache, headers: headerMode,
                                  // Images beside their projects are compared with the sources' facts (H7-META-006).
                                  retainFacts: !images.isEmpty || findImages)
            checker.requireBoard = requireBoard
            checker.selection = try RuleSelection(select: select, ignore: ignore, known: Set(knowledge.ruleDocs.keys))
            if let config {
                let url = URL(fileURLWithPath: config).standardizedFileURL
                guard FileManager.default.fileExists(atPath: url.path) else { throw H7Error.usage("--config \(config): no such file") }
                checker.configOverride = url
            }
            // Whole reports are kept only with the built-in knowledge (a Rules folder being edited is not watched).
            if let cache, CommandSupport.rulesFolder == nil {
                let boardFile = board.flatMap { ResultCache.stamp(URL(fileURLWithPath: $0).standardizedFileURL.path) }
                checker.results = ResultCache(cacheDirectory: cache.directory, options: [
                    board ?? "-", boardFile ?? "-", headerMode.rawValue, "\(requireBoard)", checker.configOverride?.path ?? "-",
                    checker.selection.map { "\($0.select ?? ["*"])|\($0.ignore)" } ?? "-"])
            }

            let resolved = try PathArguments.resolve(paths)
            var (reports, notes, unusable) = try Self.checkAll(resolved, checker)
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            var fixFailed = false
            if fix || diff {
                let fixes = FixSet(reports, base: cwd)
                for reason in fixes.skipped { CommandSupport.printError("h7lint: note: not fixed: \(reason)") }
                for file in fixes.leftovers {
                    CommandSupport.printError("h7lint: note: \(file) was left by an interrupted --fix (a full copy of a file, not used by h7lint): remove it")
                }
                if diff {
                    let patch = fixes.diff()
                    if let output { try ReportWriter.write(Data(patch), to: URL(fileURLWithPath: output)) } else { try StandardStreams.output(patch) }
                    CommandSupport.printError("h7lint: --diff: \(Self.counts(fixes.fixedFindings, fixes.editCount, fixes.files.count)) would be fixed; nothing was changed")
                    if reports.contains(where: { $0.error != nil }) || !unusable.isEmpty { return 2 }
                    return fixes.files.isEmpty ? 0 : 1
                }
                let applied = fixes.apply()
                for reason in applied.failed { CommandSupport.printError("h7lint: error: \(reason)") }
                fixFailed = !applied.failed.isEmpty
                var summary = applied.files == 0 && fixes.skipped.isEmpty && !fixFailed
                    ? "nothing to fix" : "fixed \(Self.counts(applied.findings, applied.edits, applied.files))"
                if fixFailed { summary += "; \(applied.failed.count) project\(applied.failed.count == 1 ? "" : "s") not written (see the errors above)" }
                if !fixes.skipped.isEmpty { summary += "; \(fixes.skipped.count) change\(fixes.skipped.count == 1 ? "" : "s") refused (see the notes above)" }
                CommandSupport.printError("h7lint: \(summary); checking again")
                cache?.forgetFiles()
                (reports, notes, unusable) = try Self.checkAll(resolved, checker)
            }
            if let cache { CachePruning.pruneIfDue(cache.directory) }
            if !images.isEmpty || findImages {
                let found = images + (findImages ? reports.flatMap { ImagesBeside.find(in: $0.root) } : [])
                reports += ImagesBeside.check(found, projects: reports, knowledge: knowledge)
            }
            for error in unusable { CommandSupport.printError("h7lint: error: \(error.message)") }
            for note in notes where verbose || ProjectFinder.isAlwaysShown(note) { CommandSupport.printError("h7lint: note: \(note)") }
            for report in reports { if let error = report.error { CommandSupport.printError("h7lint: error: \(error.message)") } }
            // Another family is said always (its note is one of the report's with --verbose); only such projects: exit 2.
            let otherFamilies = reports.compactMap { r in r.project?.otherFamily.map { "\(r.name) (\($0))" } }
            if !verbose { for other in otherFamilies { CommandSupport.printError("h7lint: note: \(other): not an STM32H7 project, nothing checked") } }
            let nothingChecked = !otherFamilies.isEmpty && otherFamilies.count == reports.count
            if nothingChecked {
                CommandSupport.printError("h7lint: error: no STM32H7 project: \(otherFamilies.count == 1 ? "the project found is" : "every project found is") for another family, so nothing was checked")
            }

            let reportStart = StageTimings.now()
            defer { if timings { StageTimings.add(.report, StageTimings.now() - reportStart) } }
            let root = sourceRoot.map { URL(fileURLWithPath: $0) } ?? ReportAssembly.sourceRoot(containing: cwd)
            var assembly = ReportAssembly(knowledge: knowledge, sourceRoot: root, failLevel: level)
            if let fixHook { assembly.hints = .preCommit(fixHook: fixHook) }
            assembly.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            var run = assembly.run(reports, notes: notes, verbose: verbose)
            if let writeBaseline {
                let recorded = Baseline.make(run)
                try ReportWriter.write(recorded.rendered(), to: URL(fileURLWithPath: writeBaseline))
                CommandSupport.printError("h7lint: baseline: \(recorded.entries.count) findings written to \(writeBaseline)")
            }
            if let baseline {
                try Baseline.load(URL(fileURLWithPath: baseline)).apply(to: &run, file: baseline)
                if let summary = run.baseline {
                    CommandSupport.printError("h7lint: baseline: \(summary.matched) findings in \(baseline) not reported; \(summary.fixed.count) fixed since (write the baseline again to drop them)")
                }
            }

            if showAssumptions || verbose {
                for report in reports { CommandSupport.printError(Assumptions.text(report, headers: headers)) }
            }
            let colors = (output == nil || color == "always") && reportFormat == .text && CommandSupport.useColor(color)
            let text = reportFormat.reporter(color: colors).render(run)
            if let output {
                try ReportWriter.write(text, to: URL(fileURLWithPath: output))
            } else {
                try StandardStreams.output(text)
            }
            if output != nil || reportFormat == .json || reportFormat == .sarif || reportFormat == .gitlab { CommandSupport.printError("h7lint: \(run.summaryLine)") }

            if !run.executionSuccessful || !unusable.isEmpty || fixFailed || nothingChecked { return 2 }
            if writeBaseline != nil || exitZero { return 0 }
            return run.failed ? 1 : 0
        }
        if timings { StandardStreams.error(StageTimings.table(wallNanos: StageTimings.now() - started)) }
        throw ExitCode(code)
    }

    /// Checks every folder; a folder with no project (or that cannot be read) is reported and the others still checked.
    static func checkAll(_ resolved: PathArguments.Resolved, _ checker: Checker) throws
        -> (reports: [ProjectReport], notes: [String], unusable: [H7Error]) {
        var notes = resolved.unowned.map { "\($0): in no STM32 project, not checked" }
        var reports: [ProjectReport] = []
        var unusable: [H7Error] = []
        let progress = ProgressLine()
        for folder in resolved.folders {
            do {
                let (found, folderNotes) = try checker.check(path: folder, progress: progress.projectDone)
                reports += found
                notes += folderNotes
            } catch let error as H7Error where error.kind == .input && resolved.folders.count > 1 {
                unusable.append(error)
            }
        }
        progress.finish()
        return (reports, notes, unusable)
    }

    static func counts(_ findings: Int, _ edits: Int, _ files: Int) -> String {
        "\(findings) finding\(findings == 1 ? "" : "s"), \(edits) edit\(edits == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
    }

}
