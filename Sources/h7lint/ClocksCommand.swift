import ArgumentParser
import Foundation
import H7Image
import H7Lint
import H7Model
import H7Report

/// `h7lint clocks PATH`: the clock tree h7lint computes for each core, with limits, margins and violations.
struct ClocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clocks",
        abstract: "Print the clock tree of each core: value, limit at the voltage scale, margin, violated rule.")

    @Argument(help: "Project folders, or folders holding several projects; or firmware images (.elf, .hex, .bin), emulated as `h7lint image` does.") var paths: [String] = ["."]
    @Option(help: "Board id (e.g. NUCLEO-H743ZI) or a board profile file.") var board: String?
    @Option(help: "For an image: the part (STM32H745ZIT6 or STM32H745xx); default: the CMSIS header its DWARF names.") var part: String?
    @Option(help: "For an image: the core it runs on, cm7 or cm4 (default: from .ARM.attributes).") var core: String?
    @Option(help: "text or svg.") var format: String = "text"
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: "Colors: auto, always or never.") var color: String = "auto"

    func run() throws {
        let code = try CommandSupport.guarded {
            guard ["text", "svg"].contains(format) else { throw H7Error.usage("--format must be text or svg, not '\(format)'") }
            let knowledge = try CommandSupport.loadKnowledge()
            let checker = Checker(knowledge: knowledge, boardOverride: board)
            var text = "", broken = false
            var reports: [ClockReport] = []
            let imageChecker = try ImageChecker(knowledge: knowledge, part: part, board: board, core: core)
            for path in paths {
                // An image: the clock tree its emulated register writes set up (the same facts `h7lint image` judges).
                let images = FirmwareImage.isImagePath(path) ? [imageChecker.check(path).report] : nil
                if images != nil { try UnicornLibrary.require() }
                for report in try images ?? checker.check(path: URL(fileURLWithPath: path)).reports {
                    guard let project = report.project else {
                        StandardStreams.error("h7lint: error: \(report.error?.message ?? report.name)\n")
                        broken = true
                        continue
                    }
                    reports.append(ClockReports.report(project, knowledge: knowledge, findings: report.findings))
                }
            }
            if format == "svg" {
                guard reports.count == 1 else { throw H7Error.usage("--format svg draws one project; \(reports.count) found") }
                text = ClockDiagram().render(reports[0])
            } else {
                let renderer = ClockTextReport(color: output == nil && CommandSupport.useColor(color))
                text = reports.map(renderer.render).joined(separator: "\n")
            }
            if let output {
                try ReportWriter.write(text, to: URL(fileURLWithPath: output))
            } else {
                try StandardStreams.output(text)
            }
            return broken ? 2 : 0
        }
        throw ExitCode(code)
    }
}
