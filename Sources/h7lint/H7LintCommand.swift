import ArgumentParser
import Foundation
import H7Model
import H7Report

@main
struct H7LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h7lint",
        abstract: "Find STM32H7 power-supply, clock and debug lock-ups before you flash the board.",
        discussion: "Exit codes: 0 clean, 1 findings at or above the failure level, 2 usage, input or internal error.",
        version: "\(H7LintVersion.current) (knowledge \(EmbeddedKnowledge.version))",
        subcommands: [CheckCommand.self, ImageCommand.self, ClocksCommand.self, InitCommand.self, ExplainCommand.self, RecoverCommand.self, RulesCommand.self, BoardsCommand.self, FactsCommand.self, InvocationsCommand.self, ServerCommand.self],
        defaultSubcommand: CheckCommand.self)

    /// `--rules DIR` anywhere on the line (a development override of the built-in knowledge), removed before
    /// the subcommands parse the rest.
    static func takeRulesOption(_ arguments: inout [String]) throws -> String? {
        var value: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--rules" {
                guard index + 1 < arguments.count else { throw H7Error.usage("--rules needs a folder") }
                value = arguments[index + 1]
                arguments.removeSubrange(index...(index + 1))
            } else if argument.hasPrefix("--rules=") {
                value = String(argument.dropFirst("--rules=".count))
                arguments.remove(at: index)
            } else {
                index += 1
            }
        }
        return value
    }

    /// `-dash` would be read as `-d -a -s -h` and print the help with exit 0: h7lint's only short option is
    /// `-o`, so a cluster of letters is a mistyped long option.
    static func rejectShortClusters(_ arguments: [String]) throws {
        for argument in arguments {
            if argument == "--" { return }
            let letters = argument.dropFirst()
            if argument.hasPrefix("-"), !argument.hasPrefix("--"), letters.count > 1, !argument.hasPrefix("-o"),
               letters.allSatisfy({ $0.isLetter }) {
                throw H7Error.usage("unknown option '\(argument)' (long options start with --; see h7lint --help)")
            }
        }
    }

    /// A first word that is no subcommand, no option and no existing path, but close to a subcommand's name
    /// (`chekc`), is a typo, not a folder to check.
    static func rejectMistypedCommand(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-"), !FileManager.default.fileExists(atPath: first) else { return }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["version", "help"]
        guard !names.contains(first), let near = Suggestion.closest(first, among: names) else { return }
        throw H7Error.usage("unknown command '\(first)' (did you mean '\(near)'?)")
    }

    /// Like ArgumentParser's main, but every error that is not a plain exit code becomes exit 2
    /// (ArgumentParser would use 64 for usage errors and 1 for others; 1 means "findings" here).
    static func main() {
        StandardStreams.prepare()
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            CommandSupport.rulesOverride = try takeRulesOption(&arguments)
            try rejectShortClusters(arguments)
            if arguments == ["version"] { arguments = ["--version"] }
            if arguments == ["--version"] {
                // The same line ArgumentParser prints, without building its parser for every subcommand
                // (12 of the 28 million instructions `--version` took).
                do { try StandardStreams.output(configuration.version + "\n") } catch let failure as H7Error {
                    StandardStreams.error("h7lint: error: \(failure.message)\n")
                    Foundation.exit(2)
                }
                Foundation.exit(0)
            }
            try rejectMistypedCommand(arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                // --help and --version: their text goes through the same checked write as every report.
                do { try StandardStreams.output(fullMessage(for: error) + "\n") } catch let failure as H7Error {
                    StandardStreams.error("h7lint: error: \(failure.message)\n")
                    Foundation.exit(2)
                } catch { Foundation.exit(2) }
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            // One line: ArgumentParser's first line says what is wrong; `h7lint check --help` has the rest.
            let first = message.split(separator: "\n").first.map(String.init) ?? message
            StandardStreams.error("h7lint: error: \(first.replacingOccurrences(of: "Error: ", with: ""))\n")
            Foundation.exit(2)
        }
    }
}
