import ArgumentParser
import Foundation
import H7Image
import H7Lint
import H7Model
import H7Report

/// `h7lint image FILE...`
struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Emulate the reset path of firmware images (ELF; Intel HEX or raw .bin with --part) and check what they write.",
        discussion: """
            The register writes the image makes, from the reset vector to its first idle point, are judged by the \
            same rules as sources (docs/image.md). Needs Unicorn 2 (libunicorn2). Exit codes: 0 no finding at or above \
            the failure level, 1 findings, 2 an image that could not be run (unreadable file, no Unicorn, unknown part).
            """)

    @Argument(help: "Image files: .elf, .hex or .bin.") var files: [String]
    @Option(help: "Part (STM32H745ZIT6 or STM32H745xx); default: the CMSIS device header named in the image's DWARF.") var part: String?
    @Option(help: "Board id (e.g. NUCLEO-H745ZI-Q:ldo-rework) or a board profile file.") var board: String?
    @Option(help: "Core the image runs on: cm7 or cm4 (default: from .ARM.attributes).") var core: String?
    @Option(help: "Image format: elf, hex or bin (default: from the file).") var inputFormat: String?
    @Option(help: "Where a raw .bin is loaded (default 0x08000000).") var loadAddress: String?
    @Option(help: "Instructions emulated at most per image.") var budget: Int?
    @Flag(help: "Print the register write trace: address, register, value, pc, file:line, function.") var trace = false
    @Flag(help: "Print the memory map, the stop reason and the peripheral blocks accessed without a model.") var showAssumptions = false
    @Option(help: "Lowest severity that makes the exit code 1: error, warning or note (default warning).") var failLevel: String?
    @Option(help: "Report format: text, concise, json, sarif or github.") var format: String = "text"
    @Option(help: "Colors: auto, always or never.") var color: String = "auto"
    @Option(help: "Only these rules (ids or patterns, comma-separated).") var select: String?
    @Option(help: "Not these rules (ids or patterns, comma-separated).") var ignore: String?
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.") var output: String?
    @Flag(help: "Exit 0 even with findings (2 still means an image could not be run).") var exitZero = false

    func run() throws {
        let code = try CommandSupport.guarded {
            let level = try failLevel.map { value in
                guard let level = Severity(rawValue: value) else { throw H7Error.usage("--fail-level must be error, warning or note, not '\(value)'") }
                return level
            }
            guard let reportFormat = ReportFormat(rawValue: format) else {
                throw H7Error.usage("--format must be text, concise, json, sarif or github, not '\(format)'")
            }
            let knowledge = try CommandSupport.loadKnowledge()
            var checker = try ImageChecker(knowledge: knowledge, part: part, board: board, core: core)
            if let inputFormat {
                guard let parsed = FirmwareImage.Format(rawValue: inputFormat) else { throw H7Error.usage("--input-format must be elf, hex or bin, not '\(inputFormat)'") }
                checker.format = parsed
            }
            if let loadAddress {
                let text = loadAddress.lowercased().hasPrefix("0x") ? String(loadAddress.dropFirst(2)) : loadAddress
                guard let value = UInt32(text, radix: 16) else { throw H7Error.usage("--load-address must be a hex address such as 0x08000000, not '\(loadAddress)'") }
                checker.loadAddress = value
            }
            if let budget {
                guard budget > 0 else { throw H7Error.usage("--budget must be 1 or more") }
                checker.options.instructionBudget = budget
            }
            checker.selection = try RuleSelection(select: select, ignore: ignore, known: Set(knowledge.ruleDocs.keys))
            try UnicornLibrary.require()

            var reports: [ProjectReport] = []
            var traceText = ""
            for file in files {
                let result = checker.check(file)
                if let error = result.report.error { CommandSupport.printError("h7lint: error: \(error.message)") }
                if let emulation = result.emulation, let image = result.image {
                    if trace { traceText += ImageText.trace(emulation, image: image) }
                    if showAssumptions { CommandSupport.printError(ImageText.assumptions(emulation, image: image, report: result.report, seconds: result.seconds, knowledge: knowledge)) }
                    CommandSupport.printError("h7lint: \(ImageFacts.displayName(file)): stopped at \(ImageText.stopLine(emulation, image: image))")
                }
                reports.append(result.report)
            }
            if !traceText.isEmpty { try StandardStreams.output(traceText) }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let run = ReportAssembly(knowledge: knowledge, sourceRoot: ReportAssembly.sourceRoot(containing: cwd), failLevel: level)
                .run(reports, notes: [], verbose: false)
            let colors = output == nil && reportFormat == .text && CommandSupport.useColor(color)
            let text = reportFormat.reporter(color: colors).render(run)
            if let output { try ReportWriter.write(text, to: URL(fileURLWithPath: output)) } else { try StandardStreams.output(text) }
            if reports.contains(where: { $0.error != nil }) { return 2 }
            if exitZero { return 0 }
            return run.failed ? 1 : 0
        }
        throw ExitCode(code)
    }
}
