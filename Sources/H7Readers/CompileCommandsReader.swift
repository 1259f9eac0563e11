import Foundation
import H7Model

/// Reads a `compile_commands.json` (JSON compilation database): one result per entry (source file),
/// from `arguments` or the shell-split `command`, with `-D`, `-I`, `-isystem`, `-iquote` resolved
/// against the entry's `directory`.
public enum CompileCommandsReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let text = try InputFile.text(of: url, display: file.display)
        let json: JSONValue
        do {
            json = try JSONText.parse(text)
        } catch {
            throw H7Error.input("\(file.display): invalid JSON at line \(error.line): \(error.message)")
        }
        guard let entries = json.array else {
            throw H7Error.input("\(file.display): expected a JSON array of compile commands at line \(json.line)")
        }
        return try entries.enumerated().map { index, entry in
            try settings(for: entry, number: index + 1, file: file)
        }
    }

    private static func settings(for entry: JSONValue, number: Int, file: ProjectFile) throws -> BuildSettings {
        func problem(_ text: String) -> H7Error {
            H7Error.input("\(file.display): entry \(number) \(text) at line \(entry.line)")
        }
        guard entry.object != nil else { throw problem("is not an object") }
        guard let directoryText = entry["directory"]?.string else { throw problem("has no \"directory\" string") }
        guard let sourceText = entry["file"]?.string else { throw problem("has no \"file\" string") }
        let directory = PathText.resolve(directoryText, against: file.directory)
        var tokens: [FlagToken] = []
        if let arguments = entry["arguments"] {
            guard let list = arguments.array else { throw problem("has \"arguments\" that is not an array") }
            for argument in list {
                guard let text = argument.string else { throw problem("has a non-string argument") }
                tokens.append(FlagToken(text: text, line: argument.line))
            }
        } else if let command = entry["command"] {
            guard let text = command.string else { throw problem("has \"command\" that is not a string") }
            do {
                tokens = try ShellWords.split(text).map { FlagToken(text: $0, line: command.line) }
            } catch {
                throw problem("has an unterminated quote in \"command\"")
            }
        } else {
            throw problem("has neither \"arguments\" nor \"command\"")
        }
        let flags = CompilerFlags.scan(Array(tokens.dropFirst()))
        let source = PathText.resolve(sourceText, against: directory)
        return BuildSettings(
            origin: .compileCommands, file: file.display,
            core: CoreDetection.detect(defines: flags.defines, paths: [file.relative(source), file.display]),
            defines: flags.defines,
            includePaths: flags.includes.map { PathText.resolve($0.text, against: directory) },
            sources: [source])
    }
}
