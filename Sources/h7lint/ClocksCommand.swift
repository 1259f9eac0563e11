import ArgumentParser
import Foundation
import H7Lint
import H7Model
import H7Report
import H7Rules

/// `h7lint clocks PATH`: the clock tree h7lint computes for each core, with limits, margins and violations.
struct ClocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clocks",
        abstract: "Print the clock tree of each core: value, limit at the voltage scale, margin, violated rule.")

    @Argument(help: "Project folders, or folders holding several projects.") var paths: [String] = ["."]
    @Option(help: "Board id (e.g. NUCLEO-H743ZI) or a board profile file.") var board: String?
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
            for path in paths {
                for report in try checker.check(path: URL(fileURLWithPath: path)).reports {
                    guard let project = report.project else {
                        FileHandle.standardError.write(Data("h7lint: error: \(report.error?.message ?? report.name)\n".utf8))
                        broken = true
                        continue
                    }
                    reports.append(Self.clockReport(project, knowledge: knowledge, findings: report.findings))
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
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            return broken ? 2 : 0
        }
        throw ExitCode(code)
    }

    static func clockReport(_ project: Project, knowledge: Knowledge, findings: [Finding]) -> ClockReport {
        let clocks = RuleContext(project: project, knowledge: knowledge).clocks
        var sections: [ClockReport.Section] = []
        let mainHclk = clocks.main?.configuration.tree.hclk
        for (build, core) in zip(project.cores, clocks.cores) {
            let name = core.core?.rawValue.uppercased() ?? "core"
            if core.configurations.isEmpty {
                var note = "no clock set-up in this core's code"
                if core.core == .cm4, let hclk = mainHclk { note += "; the CM4 runs from HCLK (\(hclk.text)) as the CM7 sets it" }
                sections.append(.init(title: name, tree: nil, note: note))
            }
            for configuration in core.configurations {
                let file = build.sources.first { $0.defines(function: configuration.entry) }?.file ?? ""
                let path = configuration.path.map { ", path: \($0)" } ?? ""
                sections.append(.init(title: "\(name): \(configuration.entry) (\(file)\(path))", tree: configuration.tree))
            }
        }
        if let ioc = clocks.ioc {
            let cubeMX = ioc.cubeMXSysclkHz.map { "CubeMX shows SYSCLK \(ClockValue.hz($0).text)" }
            sections.append(.init(title: ".ioc (\(ioc.file))", tree: ioc.tree, note: cubeMX))
        }
        return ClockReport(project: project.name, device: project.device, board: project.board?.displayName,
                           sections: sections, findings: findings.filter { $0.ruleID.hasPrefix("H7-CLK-") })
    }
}
