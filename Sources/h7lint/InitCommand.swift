import ArgumentParser
import Foundation
import H7Lint
import H7Model
import H7Report

/// `h7lint init [FOLDER]`: writes a `.h7lint.yml` naming the board and part h7lint detects there.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a .h7lint.yml with the detected board and part (never overwrites one).")

    @Argument(help: "The project folder (or a folder holding several projects).") var path: String = "."
    @Option(help: "The board to write instead of the detected one (id, id:variant or a profile path).") var board: String?

    func run() throws {
        let code = try CommandSupport.guarded {
            let folder = URL(fileURLWithPath: path).standardizedFileURL
            let target = folder.appendingPathComponent(".h7lint.yml")
            if FileManager.default.fileExists(atPath: target.path) {
                throw H7Error.usage("\(target.path) exists; h7lint init does not overwrite it")
            }
            let knowledge = try CommandSupport.loadKnowledge()
            let reports = try Checker(knowledge: knowledge, boardOverride: board).check(path: folder).reports
            let projects = reports.compactMap(\.project)
            // A board nobody named gets a profile skeleton beside its project, with the questions to answer.
            var profiles: [URL] = []
            if board == nil {
                for project in projects where project.board == nil || project.boardInference != nil {
                    let file = project.root.appendingPathComponent(BoardSkeleton.fileName)
                    if FileManager.default.fileExists(atPath: file.path) { continue }
                    try ReportWriter.write(BoardSkeleton.text(for: project, knowledge: knowledge), to: file)
                    profiles.append(file)
                }
            }
            let profile = projects.count == 1 ? profiles.first.map { PathText.relative($0, to: folder) } : nil
            let text = Self.configText(projects, board: board ?? profile)
            try ReportWriter.write(text, to: target)
            try StandardStreams.output("wrote \(target.path)\n")
            for file in profiles {
                try StandardStreams.output("wrote \(file.path): answer its QUESTION lines (how the core supply is wired) before h7lint check\n")
            }
            return 0
        }
        throw ExitCode(code)
    }


    /// The file: the board when the projects agree on one, the part as a comment, the other keys commented out.
    static func configText(_ projects: [Project], board override: String?) -> String {
        var out = "# h7lint settings for the projects in this folder and below (docs/configuration.md).\n"
        for project in projects {
            let part = project.device.map { "\($0.part.define) (\(project.deviceOrigin ?? "detected"))" } ?? "unknown"
            let board = project.board.map { "\($0.displayName) (\(project.boardOrigin ?? "detected"))" } ?? "unknown"
            out += "# \(project.name): part \(part), board \(board)\n"
        }
        let boards = Set(projects.compactMap { $0.board?.displayName })
        if let override {
            out += "board: \(override)\n"
        } else if boards.count == 1, let only = boards.first, projects.allSatisfy({ $0.board != nil }) {
            out += "board: \(only)\n"
        } else {
            out += "# board: NUCLEO-H745ZI-Q        # `h7lint boards` lists the built-in ids; or a profile file\n"
        }
        out += """

            # Rules to turn off (ids or patterns), and rules to keep on among them:
            # disable: [H7-DBG-*]
            # enable: [H7-DBG-003]
            # Severity per rule (error, warning or note):
            # severity:
            #   H7-PWR-005: warning
            # Paths (relative to this file) not to check:
            # exclude: [Legacy/**]
            # Findings to ignore in build files and the .ioc (inline comments are for C files):
            # ignore:
            #   - rule: H7-PWR-007
            #     file: project.ioc
            #     reason: the .ioc is no longer used to generate code
            # Lowest severity that makes `h7lint check` exit 1:
            # fail-level: warning

            """
        return out
    }
}
