import Foundation
import H7Model

/// Reads a Keil MDK-ARM `.uvprojx`: per `<Target>`, the `<Device>` (`STM32H745XIHx:CM7`), the C
/// `<Cads>` defines (comma or blank separated, plus `-D` in `<MiscControls>`) and `;`-separated include
/// paths (relative to the .uvprojx folder), and the C files built for that target.
public enum UvprojxReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let tree = try XMLTree.parse(InputFile.bytes(of: url, display: file.display), display: file.display)
        guard tree.name(tree.root) == "Project" else {
            throw H7Error.input("\(file.display): root element is <\(tree.name(tree.root))>, not <Project>")
        }
        let targets = tree.path(tree.root, "Targets").map { tree.children($0, named: "Target") } ?? []
        guard !targets.isEmpty else { throw H7Error.input("\(file.display): no <Targets><Target> element") }
        return targets.map { read(target: $0, tree: tree, file: file) }
    }

    private static func read(target: Int, tree: XMLTree, file: ProjectFile) -> BuildSettings {
        let name = tree.child(target, named: "TargetName").map { tree.text($0) }
        let device = tree.path(target, "TargetOption", "TargetCommonOption", "Device").map { tree.text($0) }
        let controls = tree.path(target, "TargetOption", "TargetArmAds", "Cads", "VariousControls")

        var defines: [Define] = []
        var includes: [String] = []
        if let controls {
            if let define = tree.child(controls, named: "Define") {
                let line = tree.line(define)
                defines += tree.text(define).split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
                    .compactMap { Define(parsing: String($0), line: line) }
            }
            if let misc = tree.child(controls, named: "MiscControls") {
                let words = (try? ShellWords.split(tree.text(misc))) ?? []
                defines += CompilerFlags.scan(words.map { FlagToken(text: $0, line: tree.line(misc)) }).defines
            }
            if let paths = tree.child(controls, named: "IncludePath") {
                includes = tree.text(paths).split(separator: ";")
                    .map { $0.trimmingWhitespace() }
                    .filter { !$0.isEmpty }
                    .map { PathText.resolve($0, against: file.directory) }
            }
        }
        let deviceParts = device?.split(separator: ":", maxSplits: 1).map(String.init) ?? []
        return BuildSettings(
            origin: .uvprojx, file: file.display, configuration: name,
            core: CoreDetection.detect(defines: defines, names: [device, name], paths: [file.display]),
            defines: defines, includePaths: includes, sources: sources(target: target, tree: tree, file: file),
            partName: deviceParts.first.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// C/C++ files (`FileType` 1 or 8, or a C extension) not switched off by `IncludeInBuild` 0.
    private static func sources(target: Int, tree: XMLTree, file: ProjectFile) -> [String] {
        guard let groups = tree.child(target, named: "Groups") else { return [] }
        var result: [String] = []
        for group in tree.children(groups, named: "Group") where included(group, option: "GroupOption", tree) {
            for entry in tree.path(group, "Files").map({ tree.children($0, named: "File") }) ?? [] {
                guard included(entry, option: "FileOption", tree),
                      let path = tree.child(entry, named: "FilePath").map({ tree.text($0) }) else { continue }
                let type = tree.child(entry, named: "FileType").map { tree.text($0) }
                if type == "1" || type == "8" || SourceKind.isCompilable(path) {
                    result.append(PathText.resolve(path, against: file.directory))
                }
            }
        }
        return result
    }

    private static func included(_ element: Int, option: String, _ tree: XMLTree) -> Bool {
        guard let flag = tree.path(element, option, "CommonProperty", "IncludeInBuild") else { return true }
        return tree.text(flag) != "0"
    }
}
