import ArgumentParser
import Foundation
import H7Model

@main
struct H7LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h7lint",
        abstract: "Find STM32H7 power-supply, clock and debug lock-ups before you flash the board.",
        discussion: "Exit codes: 0 clean, 1 findings at or above the failure level, 2 usage, input or internal error.",
        version: H7LintVersion.current,
        subcommands: [CheckCommand.self, ClocksCommand.self, InitCommand.self, ExplainCommand.self, RulesCommand.self, BoardsCommand.self, FactsCommand.self, InvocationsCommand.self],
        defaultSubcommand: CheckCommand.self)

    /// Like ArgumentParser's main, but every error that is not a plain exit code becomes exit 2
    /// (ArgumentParser would use 64 for usage errors and 1 for others; 1 means "findings" here).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success { exit(withError: error) }
            let message = fullMessage(for: error)
            FileHandle.standardError.write(Data("h7lint: error: \(message.split(separator: "\n").first.map(String.init) ?? message)\n".utf8))
            if message.contains("\n") { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
            Foundation.exit(2)
        }
    }
}
