import ArgumentParser
import Foundation
import H7Lint
import H7Model
import H7Report

/// `h7lint facts FILE`: what the C front end reads from one file, as JSON (for debugging rules).
struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts", abstract: "Print what h7lint reads from one C file, as JSON.")

    @Argument(help: "The C file.") var file: String
    @Option(name: .customShort("D"), help: "A define, as for the compiler.") var defines: [String] = []
    @Option(name: .customShort("I"), help: "An include folder.") var includes: [String] = []
    @Option(help: "The core (cm7 or cm4).") var core: String = "cm7"

    func run() throws {
        let code = try CommandSupport.guarded {
            let knowledge = try CommandSupport.loadKnowledge()
            let url = URL(fileURLWithPath: file).standardizedFileURL
            let facts = try FileFacts.read(file: url, core: Core(rawValue: core), defines: defines.compactMap { Define(parsing: $0) },
                                           includePaths: includes, knowledge: knowledge)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try StandardStreams.output(String(decoding: try encoder.encode(facts), as: UTF8.self) + "\n")
            return 0
        }
        throw ExitCode(code)
    }
}
