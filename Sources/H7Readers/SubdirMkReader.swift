import Foundation
import H7Model

/// Reads a CubeIDE-generated `Debug/**/subdir.mk`: the `-D`/`-I` of its C compile recipes
/// (`arm-none-eabi-gcc "$<" ... -DSTM32H755xx -I../Core/Inc ...`). Paths are relative to the build
/// folder (`Debug/`), found from the rule targets (`Core/Src/%.o` in `Debug/Core/Src/subdir.mk`).
/// One result per distinct set of flags; assembler recipes are skipped.
public enum SubdirMkReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let text = try InputFile.text(of: url, display: file.display)
        var cSources: [String] = []
        var recipes: [(targets: String, prerequisites: String, line: MakeLine)] = []
        var rule: (targets: String, prerequisites: String)?
        for raw in MakeLine.split(text) {
            if raw.startsWithTab, let rule {
                recipes.append((rule.targets, rule.prerequisites, raw))
                continue
            }
            let line = raw.withoutComment()
            if line.isBlank { continue }
            switch MakeStatement.classify(line) {
            case .assignment(let name, _, let start):
                rule = nil
                if name == "C_SRCS" || name == "CPP_SRCS" { cSources += line.tokens(from: start).map(\.text) }
            case .rule(let targets, let prerequisites):
                rule = (targets, prerequisites)
            case .other:
                rule = nil
            }
        }

        let buildDirectory = self.buildDirectory(file: file, targets: recipes.first?.targets)
        var groups: [BuildSettings] = []
        for recipe in recipes {
            guard let flags = try compileFlags(recipe.line, file: file) else { continue }
            let includes = flags.includes.map { PathText.resolve($0.text, against: buildDirectory) }
            let sources = matchingSources(prerequisites: recipe.prerequisites, cSources: cSources)
                .map { PathText.resolve($0, against: buildDirectory) }
            if let index = groups.firstIndex(where: {
                $0.defines.map(\.name) == flags.defines.map(\.name)
                    && $0.defines.map(\.value) == flags.defines.map(\.value) && $0.includePaths == includes
            }) {
                groups[index].sources += sources.filter { !groups[index].sources.contains($0) }
                continue
            }
            groups.append(BuildSettings(
                origin: .subdirMk, file: file.display,
                configuration: PathText.relative(buildDirectory, to: file.rootPath).split(separator: "/").last.map(String.init),
                core: CoreDetection.detect(defines: flags.defines, paths: [file.display]),
                defines: flags.defines, includePaths: includes, sources: sources))
        }
        return groups
    }

    /// Flags of a C/C++ compiler recipe line; nil for other commands and assembler recipes.
    private static func compileFlags(_ line: MakeLine, file: ProjectFile) throws -> CompilerFlags? {
        var text = line.text.trimmingBlanks()
        while let first = text.first, first == "@" || first == "-" { text.removeFirst() }
        let words: [String]
        do {
            words = try ShellWords.split(text)
        } catch {
            throw H7Error.input("\(file.display): unterminated quote in recipe at line \(line.firstLine)")
        }
        guard let compiler = words.first?.split(separator: "/").last,
              compiler.hasSuffix("gcc") || compiler.hasSuffix("g++") || compiler.hasSuffix("clang"),
              !words.contains("assembler-with-cpp") else { return nil }
        return CompilerFlags.scan(words.dropFirst().map { FlagToken(text: $0, line: line.firstLine) })
    }

    /// The folder make runs in: the subdir.mk folder minus the rule target's folder (`Core/Src`),
    /// else the nearest parent holding `objects.mk` or `makefile`, else the subdir.mk folder.
    private static func buildDirectory(file: ProjectFile, targets: String?) -> String {
        if let target = targets?.split(separator: " ").first {
            let folder = PathText.directory(of: String(target))
            if folder == "." { return file.directory }
            if file.directory.hasSuffix("/" + folder) { return String(file.directory.dropLast(folder.count + 1)) }
        }
        var directory = file.directory
        while directory.count > file.rootPath.count {
            ReadLog.note(["objects.mk", "makefile"].map { directory + "/" + $0 })
            for marker in ["objects.mk", "makefile"] where FileManager.default.fileExists(atPath: directory + "/" + marker) {
                return directory
            }
            directory = PathText.directory(of: directory)
        }
        return file.directory
    }

    /// Sources a rule compiles: the `.c` prerequisite, or every `C_SRCS` entry its `%` pattern matches.
    private static func matchingSources(prerequisites: String, cSources: [String]) -> [String] {
        guard let source = prerequisites.split(separator: " ").first.map(String.init) else { return [] }
        guard let percent = source.firstIndex(of: "%") else {
            return SourceKind.isCompilable(source) ? [source] : []
        }
        let prefix = source[..<percent]
        let suffix = source[source.index(after: percent)...]
        return cSources.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) && $0.count >= prefix.count + suffix.count }
    }
}
