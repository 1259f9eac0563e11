import ArgumentParser

@main
struct H7LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "h7lint",
        abstract: "Find STM32H7 power-supply, clock and debug lock-ups before you flash the board.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, FactsCommand.self],
        defaultSubcommand: CheckCommand.self)
}
