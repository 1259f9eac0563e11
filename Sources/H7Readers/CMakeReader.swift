import Foundation
import H7Model

/// Reads a CubeMX CMake project: the generated `cmake/stm32cubemx/CMakeLists.txt` and the root
/// `CMakeLists.txt` (whichever `url` names, the other is read too when present), plus `.cmake` files
/// they `include()`. Control flow (`if`) is not evaluated. One result per configuration named by
/// `$<CONFIG:...>`, `CMAKE_BUILD_TYPE`, `CMAKE_C_FLAGS_<CONFIG>` or `CMakePresets.json`; one
/// configuration-less result when none is named.
public enum CMakeReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let generatedSuffix = "/cmake/stm32cubemx/CMakeLists.txt"
        var topDirectory = file.directory
        var generated: String?
        if file.path.hasSuffix(generatedSuffix) {
            generated = file.path
            let root = String(file.path.dropLast(generatedSuffix.count))
            ReadLog.note(root + "/CMakeLists.txt")
            if FileManager.default.fileExists(atPath: root + "/CMakeLists.txt") { topDirectory = root }
        } else {
            let candidate = file.directory + generatedSuffix
            ReadLog.note(candidate)
            if FileManager.default.fileExists(atPath: candidate) { generated = candidate }
        }

        var interpreter = CMakeInterpreter(mainFile: file, topDirectory: topDirectory)
        let top = topDirectory == file.directory ? file : file.sibling(topDirectory + "/CMakeLists.txt")
        try interpreter.run(top, sourceDirectory: top.directory)
        if let generated, !interpreter.readFiles.contains(generated) {
            let generatedFile = file.sibling(generated)
            try interpreter.run(generatedFile, sourceDirectory: generatedFile.directory)
        }
        let presets = presetConfigurations(in: topDirectory)
        return interpreter.settings(extraConfigurations: presets)
    }

    /// `CMAKE_BUILD_TYPE` of each configure preset in `CMakePresets.json` (errors there are ignored).
    static func presetConfigurations(in directory: String) -> [String] {
        guard let data = FileOverlay.contents(atPath: directory + "/CMakePresets.json"),
              let json = try? JSONText.parse([UInt8](data)),
              let presets = json["configurePresets"]?.array else { return [] }
        return presets.compactMap { preset in
            guard let type = preset["cacheVariables"]?["CMAKE_BUILD_TYPE"] else { return nil }
            return type.string ?? type["value"]?.string
        }
    }
}

/// Runs the parts of CMake that carry compile settings and records them in statement order.
struct CMakeInterpreter {
    /// A value with where it was stated.
    struct Item {
        var text: String
        var line: Int
        /// Project-relative file; nil for the file the reader was asked about.
        var file: String?
        /// Folder that relative paths are relative to.
        var base: String
        /// Set for `CMAKE_C_FLAGS_<CONFIG>` pieces.
        var configuration: String?
    }

    enum Kind { case define, flag, include, source }

    private let mainFile: ProjectFile
    private let topDirectory: String
    private var variables: [String: [Item]] = [:]
    /// List items all expansions of this project produced; past `expansionLimit` (a variable that doubles
    /// itself, `set(J ${J} ${J})`) the reading stops with one line naming the file.
    private(set) var expandedItems = 0
    static let expansionLimit = 2_000_000
    /// Set when a write made a variable longer than `expansionLimit`: each write checks the variable it wrote,
    /// so the check costs the same after the 80,000th `set()` as after the first.
    private var oversized = false
    /// Variable lengths the limit check looked at (for tests of the reader's work).
    private(set) var sizeChecks = 0
    /// Characters spliced by `${...}` inside arguments (`set(J "${J}${J}")` grows one item, not many).
    final class Characters: @unchecked Sendable { var count = 0 }
    private let characters = Characters()
    static let characterLimit = 64_000_000
    private var recorded: [(kind: Kind, item: Item)] = []
    private var configurationNames: [String] = []
    private(set) var readFiles = Set<String>()
    private var depth = 0

    init(mainFile: ProjectFile, topDirectory: String) {
        self.mainFile = mainFile
        self.topDirectory = topDirectory
        for name in ["CMAKE_SOURCE_DIR", "PROJECT_SOURCE_DIR", "CMAKE_HOME_DIRECTORY"] {
            variables[name] = [Item(text: topDirectory, line: 0, base: topDirectory)]
        }
    }

    /// Interprets one file; `sourceDirectory` is its `CMAKE_CURRENT_SOURCE_DIR`.
    mutating func run(_ file: ProjectFile, sourceDirectory: String) throws {
        guard depth < 8, readFiles.insert(file.path).inserted else { return }
        depth += 1
        defer { depth -= 1 }
        let text = try InputFile.text(of: file.url, display: file.display)
        let commands: [CMakeCommand]
        do {
            commands = try CMakeScript.parse(text)
        } catch {
            throw H7Error.input("\(file.display): \(error.message) at line \(error.line)")
        }
        let saved = (variables["CMAKE_CURRENT_SOURCE_DIR"], variables["CMAKE_CURRENT_LIST_DIR"])
        variables["CMAKE_CURRENT_SOURCE_DIR"] = [Item(text: sourceDirectory, line: 0, base: sourceDirectory)]
        variables["CMAKE_CURRENT_LIST_DIR"] = [Item(text: file.directory, line: 0, base: file.directory)]
        let fileName = file.path == mainFile.path ? nil : file.display
        for command in commands {
            try execute(command, file: fileName, sourceDirectory: sourceDirectory)
            if characters.count > Self.characterLimit {
                throw H7Error.input("\(file.display):\(command.line): CMake variables expand to more than \(Self.characterLimit) characters (a variable that grows with each set()?): not read")
            }
            if expandedItems > Self.expansionLimit || oversized {
                throw H7Error.input("\(file.display):\(command.line): CMake variables expand to more than \(Self.expansionLimit) items (a variable that grows with each set()?): not read")
            }
        }
        variables["CMAKE_CURRENT_SOURCE_DIR"] = saved.0
        variables["CMAKE_CURRENT_LIST_DIR"] = saved.1
    }

    private static let scopeKeywords: Set<String> = ["INTERFACE", "PUBLIC", "PRIVATE"]
    private static let includeKeywords: Set<String> = ["INTERFACE", "PUBLIC", "PRIVATE", "SYSTEM", "BEFORE", "AFTER"]
    private static let targetKeywords: Set<String> = ["WIN32", "MACOSX_BUNDLE", "EXCLUDE_FROM_ALL", "STATIC", "SHARED",
                                                      "MODULE", "OBJECT", "INTERFACE"]

    private mutating func execute(_ command: CMakeCommand, file: String?, sourceDirectory: String) throws {
        let arguments = command.arguments
        func items(_ slice: ArraySlice<CMakeArgument>) -> [Item] {
            expand(slice, file: file, base: sourceDirectory)
        }
        switch command.name {
        case "set":
            guard let first = arguments.first else { return }
            expandedItems += arguments.dropFirst().reduce(0) { total, argument in
                total + (Self.wholeReference(argument.text).map { variables[$0]?.count ?? 0 } ?? 1)
            }
            guard expandedItems <= Self.expansionLimit else { return }
            let name = expandText(first.text)
            var values = arguments.dropFirst()
            if let cache = values.firstIndex(where: { !$0.quoted && $0.text == "CACHE" }) { values = values[..<cache] }
            if values.last.map({ !$0.quoted && $0.text == "PARENT_SCOPE" }) == true { values = values.dropLast() }
            recordFlags(variable: name, values, file: file, base: sourceDirectory)
            store(name, values.isEmpty ? nil : items(values))
        case "unset":
            if let first = arguments.first { variables[expandText(first.text)] = nil }
        case "list":
            guard arguments.count >= 2 else { return }
            let name = expandText(arguments[1].text)
            switch arguments[0].text {
            case "APPEND":
                variables[name, default: []] += items(arguments.dropFirst(2))  // in place: a long list grows linearly
                checkSize(name)
            case "PREPEND": store(name, items(arguments.dropFirst(2)) + (variables[name] ?? []))
            default: break
            }
        case "string":
            guard arguments.count >= 2, arguments[0].text == "APPEND" else { return }
            let name = expandText(arguments[1].text)
            recordFlags(variable: name, arguments.dropFirst(2), file: file, base: sourceDirectory)
            let appended = arguments.dropFirst(2).map { expandText($0.text) }.joined()
            let old = variables[name]?.map(\.text).joined(separator: ";") ?? ""
            variables[name] = [Item(text: old + appended, line: command.line, file: file, base: sourceDirectory)]
        case "project":
            if let first = arguments.first {
                let name = [Item(text: expandText(first.text), line: command.line, file: file, base: sourceDirectory)]
                variables["PROJECT_NAME"] = name
                if variables["CMAKE_PROJECT_NAME"] == nil { variables["CMAKE_PROJECT_NAME"] = name }
            }
        case "target_compile_definitions":
            record(.define, items(arguments.dropFirst()).filter { !Self.scopeKeywords.contains($0.text) })
        case "add_compile_definitions":
            record(.define, items(arguments[...]))
        case "add_definitions":
            record(.define, items(arguments[...]).filter { $0.text.hasPrefix("-D") || $0.text.hasPrefix("/D") })
        case "add_compile_options":
            record(.flag, items(arguments[...]))
        case "target_compile_options":
            record(.flag, items(arguments.dropFirst()).filter { !Self.includeKeywords.contains($0.text) })
        case "target_include_directories":
            record(.include, items(arguments.dropFirst()).filter { !Self.includeKeywords.contains($0.text) })
        case "include_directories":
            record(.include, items(arguments[...]).filter { !Self.includeKeywords.contains($0.text) })
        case "target_sources":
            record(.source, items(arguments.dropFirst()).filter { !Self.scopeKeywords.contains($0.text) })
        case "add_executable", "add_library":
            let rest = items(arguments.dropFirst())
            if rest.contains(where: { $0.text == "IMPORTED" || $0.text == "ALIAS" }) { return }
            record(.source, rest.filter { !Self.targetKeywords.contains($0.text) })
        case "add_subdirectory":
            guard let first = arguments.first else { return }
            let directory = PathText.resolve(expandText(first.text), against: sourceDirectory)
            ReadLog.note(directory + "/CMakeLists.txt")
            guard directory.hasSuffix("/cmake/stm32cubemx"),
                  FileManager.default.fileExists(atPath: directory + "/CMakeLists.txt") else { return }
            try run(mainFile.sibling(directory + "/CMakeLists.txt"), sourceDirectory: directory)
        case "include":
            guard let first = arguments.first else { return }
            let path = PathText.resolve(expandText(first.text), against: sourceDirectory)
            ReadLog.note(path)
            guard path.hasSuffix(".cmake"), path.hasPrefix(mainFile.rootPath + "/"),
                  FileManager.default.fileExists(atPath: path) else { return }
            try run(mainFile.sibling(path), sourceDirectory: sourceDirectory)
        default:
            break
        }
    }

    /// Writes a variable and checks its length against the limit.
    private mutating func store(_ name: String, _ items: [Item]?) {
        variables[name] = items
        checkSize(name)
    }

    private mutating func checkSize(_ name: String) {
        sizeChecks += 1
        if (variables[name]?.count ?? 0) > Self.expansionLimit { oversized = true }
    }

    private mutating func record(_ kind: Kind, _ items: [Item]) {
        for item in items {
            configurationNames += GeneratorExpression.configurations(in: item.text)
            recorded.append((kind, item))
        }
    }

    /// `-D`/`-I` inside `CMAKE_C_FLAGS` and `CMAKE_C_FLAGS_<CONFIG>` (the variable's own old value
    /// is skipped so each piece is recorded once, at the line that adds it).
    private mutating func recordFlags(variable: String, _ values: ArraySlice<CMakeArgument>, file: String?, base: String) {
        guard variable == "CMAKE_C_FLAGS" || variable.hasPrefix("CMAKE_C_FLAGS_") else { return }
        let configuration = variable == "CMAKE_C_FLAGS" ? nil : Self.configurationName(String(variable.dropFirst(14)))
        if let configuration { configurationNames.append(configuration) }
        if variable == "CMAKE_C_FLAGS_INIT" { return }
        for value in values {
            let own = value.text.replacingOccurrences(of: "${\(variable)}", with: " ")
            let text = expandText(own).replacingOccurrences(of: ";", with: " ")
            let words = (try? ShellWords.split(text)) ?? text.split(separator: " ").map(String.init)
            for word in words {
                recorded.append((.flag, Item(text: word, line: value.line, file: file, base: base,
                                             configuration: configuration)))
            }
        }
    }

    /// `DEBUG` → `Debug`, `RELWITHDEBINFO` → `RelWithDebInfo`, as CMake spells build types.
    private static func configurationName(_ suffix: String) -> String {
        switch suffix.uppercased() {
        case "DEBUG": return "Debug"
        case "RELEASE": return "Release"
        case "RELWITHDEBINFO": return "RelWithDebInfo"
        case "MINSIZEREL": return "MinSizeRel"
        default: return suffix.prefix(1).uppercased() + suffix.dropFirst().lowercased()
        }
    }

    /// Arguments as list items; an unquoted `${VAR}` splices the variable's items with their own lines.
    private func expand(_ arguments: ArraySlice<CMakeArgument>, file: String?, base: String) -> [Item] {
        var result: [Item] = []
        for argument in arguments {
            if !argument.quoted, let name = Self.wholeReference(argument.text) {
                result += variables[name] ?? []
                continue
            }
            let text = expandText(argument.text)
            let pieces = argument.quoted ? [text] : Self.splitList(text)
            for piece in pieces where !piece.isEmpty {
                result.append(Item(text: piece, line: argument.line, file: file, base: base))
            }
        }
        return result
    }

    private static func wholeReference(_ text: String) -> String? {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return nil }
        let inner = text.dropFirst(2).dropLast()
        return inner.contains(where: { "${}".contains($0) }) ? nil : String(inner)
    }

    /// Splits a CMake list on `;` that is not escaped (`\;`).
    private static func splitList(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for char in text {
            if escaped { current.append(char); escaped = false; continue }
            if char == "\\" { escaped = true; continue }
            if char == ";" { items.append(current); current = ""; continue }
            current.append(char)
        }
        items.append(current)
        return items
    }

    /// Replaces `${VAR}` (nested allowed) with the variable's value; `$ENV{...}` becomes empty.
    private func expandText(_ text: String, depth: Int = 0) -> String {
        guard text.contains("{"), depth < 16 else { return text }
        var out = ""
        var chars = Substring(text)
        while let dollar = chars.firstIndex(of: "$") {
            out += chars[..<dollar]
            var rest = chars[chars.index(after: dollar)...]
            var isEnvironment = false
            for prefix in ["ENV", "CACHE"] where rest.hasPrefix(prefix + "{") {
                isEnvironment = prefix == "ENV"
                rest = rest.dropFirst(prefix.count)
            }
            guard rest.first == "{" else { out += "$"; chars = chars[chars.index(after: dollar)...]; continue }
            var level = 0
            var end = rest.startIndex
            while end < rest.endIndex {
                if rest[end] == "{" { level += 1 }
                if rest[end] == "}" { level -= 1; if level == 0 { break } }
                end = rest.index(after: end)
            }
            guard end < rest.endIndex else { out += chars[dollar...]; return out }
            let name = expandText(String(rest[rest.index(after: rest.startIndex)..<end]), depth: depth + 1)
            if !isEnvironment {
                let value = (variables[name] ?? []).map(\.text).joined(separator: ";")
                characters.count += value.utf8.count
                if characters.count > Self.characterLimit { return "" }
                out += value
            }
            chars = rest[rest.index(after: end)...]
        }
        out += chars
        return out
    }

    /// One `BuildSettings` per configuration.
    func settings(extraConfigurations: [String]) -> [BuildSettings] {
        var names: [String] = []
        for name in extraConfigurations + (variables["CMAKE_BUILD_TYPE"]?.map(\.text) ?? []) + configurationNames
        where !name.isEmpty && !names.contains(where: { $0.lowercased() == name.lowercased() }) {
            names.append(name)
        }
        let configurations: [String?] = names.isEmpty ? [nil] : names
        return configurations.map(settings(for:))
    }

    private func settings(for configuration: String?) -> BuildSettings {
        var defines: [Define] = []
        var includes: [String] = []
        var sources: [String] = []
        for (kind, item) in recorded {
            if let only = item.configuration, only.lowercased() != configuration?.lowercased() { continue }
            guard let value = GeneratorExpression.evaluate(item.text, configuration: configuration) else { continue }
            let pieces = Self.splitList(value).filter { !$0.isEmpty }
            switch kind {
            case .define:
                for piece in pieces {
                    let text = piece.hasPrefix("-D") || piece.hasPrefix("/D") ? String(piece.dropFirst(2)) : piece
                    if var define = Define(parsing: text, line: item.line) {
                        define.file = item.file
                        defines.append(define)
                    }
                }
            case .flag:
                let flags = CompilerFlags.scan(pieces.map { FlagToken(text: $0, line: item.line) })
                defines += flags.defines.map { var define = $0; define.file = item.file; return define }
                includes += flags.includes.map { PathText.resolve($0.text, against: item.base) }
            case .include:
                includes += pieces.map { PathText.resolve($0, against: item.base) }
            case .source:
                sources += pieces.filter(SourceKind.isCompilable).map { PathText.resolve($0, against: item.base) }
            }
        }
        return BuildSettings(
            origin: .cmake, file: mainFile.display, configuration: configuration,
            core: CoreDetection.detect(defines: defines, paths: [mainFile.display]),
            defines: defines, includePaths: includes, sources: sources)
    }
}
