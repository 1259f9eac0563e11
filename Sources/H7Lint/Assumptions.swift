import Foundation
import H7Model
import H7Readers
import H7Rules

/// What h7lint assumed for a project (`--show-assumptions`, `--verbose`): where the part and the board
/// came from, which build configuration and include folders each core was parsed with.
public enum Assumptions {
    public static func text(_ report: ProjectReport, headers: String) -> String {
        guard let project = report.project else { return "h7lint: assumed for \(report.name): nothing (not checked)" }
        var lines = ["h7lint: assumed for \(report.name):"]
        lines.append("  part: \(project.device?.define ?? "unknown") (\(project.deviceOrigin ?? "no define, no .ioc, no file name"))")
        let board = project.board.map { "\($0.displayName) (\(project.boardOrigin ?? "named"))" }
            ?? "unknown (\(project.boardOrigin ?? "not named"))"
        lines.append("  board: \(board)")
        if let config = report.config?.file { lines.append("  config: \(config.path)") }
        lines.append("  HAL/CMSIS headers: \(headers)")
        for core in project.cores {
            let name = core.core?.rawValue.uppercased() ?? "core"
            let build = core.settings.map { "\($0.file)\($0.configuration.map { " (\($0))" } ?? "") [\($0.origin.rawValue)]" }
                ?? "none: no defines, CubeMX layout include folders"
            lines.append("  \(name): build \(build)")
            if let includes = core.settings?.includePaths, !includes.isEmpty {
                let shown = includes.prefix(8).map { PathText.relative($0, to: project.root.path) }
                lines.append("  \(name): include folders \(shown.joined(separator: ", "))\(includes.count > 8 ? " and \(includes.count - 8) more" : "")")
            }
            lines.append("  \(name): parsed \(core.parsedFiles.isEmpty ? "no C file" : core.parsedFiles.joined(separator: ", "))")
            if let startup = core.startupFile { lines.append("  \(name): startup file \(startup)") }
            lines += report.supply.filter { $0.core == core.core }.map { "  \(name): \($0.text)" }
        }
        for note in project.notes where note.message.hasPrefix("assumed") { lines.append("  \(note.message)") }
        return lines.joined(separator: "\n")
    }

    /// One way the supply was decided for one core, as `--show-assumptions` prints it.
    public struct SupplyOrigin: Codable, Sendable, Hashable {
        public var core: Core?
        public var text: String
    }

    /// Where each core's supply scheme comes from: the `USE_PWR_*` defines of the build and the PWR->CR3 write
    /// in the ExitRun0Mode() branch they select, the HAL/LL calls and register writes, in the order they run.
    /// Computed while the project still has its C facts (the checker drops them afterwards).
    public static func supplyOrigins(_ project: Project, knowledge: Knowledge) -> [SupplyOrigin] {
        let analysis = SupplyAnalysis(project: project, knowledge: knowledge)
        var origins: [SupplyOrigin] = []
        for build in project.cores {
            let core = build.core
            let macros = analysis.macros.filter { $0.core == core }
            let applied = analysis.exitRun0ModeApplied[core] ?? false
            if !macros.isEmpty {
                let names = macros.map { "\($0.define.name) (\($0.range))" }.joined(separator: ", ")
                let use: String
                if applied {
                    let written = analysis.settings.contains { $0.core == core && $0.via == .exitRun0Mode }
                    use = "the startup file calls ExitRun0Mode()"
                        + (written ? "" : ", but the #if branches they select write no PWR->CR3 value h7lint could read")
                } else if analysis.exitRun0ModeDefined[core] != nil {
                    use = "not applied: the startup file does not call ExitRun0Mode()"
                } else {
                    use = "not applied: no ExitRun0Mode() in the parsed code"
                }
                origins.append(SupplyOrigin(core: core, text: "supply defines \(names); \(use)"))
            }
            for setting in analysis.settings where setting.core == core {
                let scheme = setting.scheme?.id ?? "unresolved"
                var text = "supply \(scheme) (\(setting.spelled)) by \(setting.via.rawValue)"
                if let function = setting.function, setting.via != .exitRun0Mode { text += " in \(function)()" }
                text += " at \(setting.range)"
                if setting.via == .exitRun0Mode, let write = setting.related.first {
                    text += "; the #if branch it selects writes PWR->CR3 at \(write.range)"
                }
                origins.append(SupplyOrigin(core: core, text: text))
            }
            if macros.isEmpty && !analysis.settings.contains(where: { $0.core == core }) {
                origins.append(SupplyOrigin(core: core, text: "supply: no USE_PWR_* define, call or PWR->CR3 write in the parsed code"))
            }
        }
        return origins
    }
}
