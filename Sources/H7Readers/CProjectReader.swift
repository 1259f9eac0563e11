import Foundation
import H7Model

/// Reads an STM32CubeIDE (Eclipse CDT) `.cproject`: per `<cconfiguration>`, the C compiler's
/// defined symbols and include paths, `target_mcu` and `target_board`. Relative include paths are
/// resolved like CDT does, from the configuration's build folder (`<project>/Debug`).
public enum CProjectReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let tree = try XMLTree.parse(InputFile.bytes(of: url, display: file.display), display: file.display)
        guard tree.name(tree.root) == "cproject" else {
            throw H7Error.input("\(file.display): root element is <\(tree.name(tree.root))>, not <cproject>")
        }
        let configurations = tree.descendants(tree.root, named: "cconfiguration")
        guard !configurations.isEmpty else {
            throw H7Error.input("\(file.display): no <cconfiguration> element")
        }
        let projectName = self.projectName(near: file)
        return configurations.map { read(configuration: $0, tree: tree, file: file, projectName: projectName) }
    }

    private static func read(configuration: Int, tree: XMLTree, file: ProjectFile, projectName: String?) -> BuildSettings {
        let buildConfiguration = tree.descendants(configuration, named: "configuration").first
        let name = buildConfiguration.flatMap { tree.attribute($0, "name") }
            ?? tree.children(configuration, named: "storageModule").compactMap { tree.attribute($0, "name") }.first
        let scope = buildConfiguration ?? configuration
        let folders = tree.descendants(scope, named: "folderInfo")
        let folder = folders.first { (tree.attribute($0, "resourcePath") ?? "").isEmpty } ?? folders.first ?? scope
        let macros = CDTMacros(projectDirectory: file.directory, projectName: projectName)

        var partName: String?
        var boardName: String?
        var buildDirectory = file.directory + "/" + (name ?? "Debug")
        for option in tree.descendants(folder, named: "option") {
            let kind = tree.attribute(option, "superClass") ?? tree.attribute(option, "id") ?? ""
            if kind.hasSuffix(".option.target_mcu") { partName = tree.attribute(option, "value") }
            if kind.hasSuffix(".option.target_board") { boardName = tree.attribute(option, "value") }
        }
        if let builder = tree.descendants(folder, named: "builder").first,
           let path = tree.attribute(builder, "buildPath"), let resolved = macros.resolve(path) {
            buildDirectory = resolved
        }

        var defines: [Define] = []
        var includes: [String] = []
        if let compiler = tree.descendants(folder, named: "tool").first(where: { isCCompiler(tree, $0) }) {
            for option in tree.children(compiler, named: "option") {
                let valueType = tree.attribute(option, "valueType")
                let values = tree.children(option, named: "listOptionValue")
                    .filter { tree.attribute($0, "builtIn") != "true" }
                    .compactMap { value in tree.attribute(value, "value").map { (CompilerFlags.unquote($0), tree.line(value)) } }
                if valueType == "definedSymbols" {
                    defines += values.compactMap { Define(parsing: $0.0, line: $0.1) }
                } else if valueType == "includePath" {
                    includes += values.compactMap { macros.resolve($0.0, relativeTo: buildDirectory) }
                }
            }
        }
        return BuildSettings(
            origin: .cproject, file: file.display, configuration: name,
            core: CoreDetection.detect(defines: defines, paths: [file.display]),
            defines: defines, includePaths: includes, partName: partName, boardName: boardName)
    }

    /// The C compiler tool (not the C++ compiler, assembler or linker), for ST and older Ac6 toolchains.
    private static func isCCompiler(_ tree: XMLTree, _ tool: Int) -> Bool {
        let kind = tree.attribute(tool, "superClass") ?? tree.attribute(tool, "id") ?? ""
        return kind.hasText("c.compiler") && !kind.hasText("cpp.compiler")
    }

    /// `<name>` of the `.project` next to the `.cproject`, the workspace name CDT macros use.
    private static func projectName(near file: ProjectFile) -> String? {
        guard let data = FileOverlay.contents(atPath: file.directory + "/.project"),
              let tree = try? XMLTree.parse([UInt8](data), display: ".project"),
              let name = tree.child(tree.root, named: "name") else { return nil }
        return tree.text(name)
    }
}

/// CDT path macros: `${workspace_loc:/${ProjName}/Core/Inc}`, `${ProjDirPath}`, `${ProjName}`.
struct CDTMacros {
    var projectDirectory: String
    var projectName: String?

    /// An absolute path, or nil when it depends on a macro that cannot be known from the files.
    func resolve(_ raw: String, relativeTo base: String? = nil) -> String? {
        var text = CompilerFlags.unquote(raw.trimmingWhitespace())
        text = text.replacingText("${ProjDirPath}", with: projectDirectory)
        let marker = "${workspace_loc:"
        if let offset = text.firstUTF8Offset(of: marker) {
            let lower = text.utf8.index(text.startIndex, offsetBy: offset)
            let start = lower..<text.utf8.index(lower, offsetBy: marker.utf8.count)
            var level = 1
            var cursor = start.upperBound
            while cursor < text.endIndex {
                if text[cursor] == "{" { level += 1 }
                if text[cursor] == "}" { level -= 1; if level == 0 { break } }
                cursor = text.index(after: cursor)
            }
            guard cursor < text.endIndex else { return nil }
            let end = cursor
            let inner = String(text[start.upperBound..<end])
            guard let location = workspaceLocation(inner) else { return nil }
            text.replaceSubrange(start.lowerBound...end, with: location)
        }
        guard !text.hasText("${") else { return nil }
        return PathText.resolve(text, against: base ?? projectDirectory)
    }

    /// `/${ProjName}/Core/Inc` → `<project>/Core/Inc`; another project name → a sibling folder.
    private func workspaceLocation(_ inner: String) -> String? {
        let nameEnd = inner.dropFirst().firstIndex(of: "/") ?? inner.endIndex
        let name = String(inner.dropFirst()[..<nameEnd])
        let rest = String(inner[nameEnd...])
        if name.isEmpty { return nil }
        if name == "${ProjName}" || name == projectName { return projectDirectory + rest }
        if name.hasText("${") { return nil }
        return PathText.directory(of: projectDirectory) + "/" + name + rest
    }
}
