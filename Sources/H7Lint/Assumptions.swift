import Foundation
import H7Model
import H7Readers

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
        }
        for note in project.notes where note.message.hasPrefix("assumed") { lines.append("  \(note.message)") }
        return lines.joined(separator: "\n")
    }
}
