import Foundation
import H7Model

/// Reads an IAR EWARM `.ewp`: per `<configuration>`, `CCDefines` and `CCIncludePath2` (with
/// `$PROJ_DIR$` = the .ewp folder), the chip from `OGChipSelectEditMenu`, and the C files of the
/// `<group>` tree that the configuration does not exclude.
public enum EwpReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let tree = try XMLTree.parse(InputFile.bytes(of: url, display: file.display), display: file.display)
        guard tree.name(tree.root) == "project" else {
            throw H7Error.input("\(file.display): root element is <\(tree.name(tree.root))>, not <project>")
        }
        let configurations = tree.children(tree.root, named: "configuration")
        guard !configurations.isEmpty else { throw H7Error.input("\(file.display): no <configuration> element") }
        let files = sourceFiles(tree, file: file)
        return configurations.map { configuration in
            let name = tree.child(configuration, named: "name").map { tree.text($0) }
            let defines = states(tree, configuration, settings: "ICCARM", option: "CCDefines")
                .compactMap { Define(parsing: $0.text, line: $0.line) }
            let includes = states(tree, configuration, settings: "ICCARM", option: "CCIncludePath2")
                .compactMap { resolve($0.text, file: file) }
            let chip = states(tree, configuration, settings: "General", option: "OGChipSelectEditMenu").first?.text
            let chipName = chip?.split(whereSeparator: { $0 == "\t" || $0 == " " }).first.map(String.init)
            let sources = files.filter { !$0.excludedFrom.contains(name ?? "") }.map(\.path)
            let target = chipName.flatMap(device(fromChip:))
            return BuildSettings(
                origin: .ewp, file: file.display, configuration: name,
                core: CoreDetection.detect(defines: defines, names: [chipName, name], paths: [file.display]),
                defines: defines, includePaths: includes, sources: sources,
                partName: target?.isBoard == false ? target?.name : nil,
                boardName: target?.isBoard == true ? target?.name : nil)
        }
    }

    /// The IAR device menu entry: a chip (`STM32H745ZI_CM7` → `STM32H745ZI`, `STM32H7B3LI-Q`) or a
    /// board (`STM32H7B3I-DK`); nil for `Default` and other non-ST entries.
    static func device(fromChip chip: String) -> (name: String, isBoard: Bool)? {
        guard chip.hasPrefix("STM32") else { return nil }
        var name = chip
        for suffix in ["_CM7", "_CM4", "_M7", "_M4"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        guard let dash = name.lastIndex(of: "-") else { return (name, false) }
        return (name, name[name.index(after: dash)...] != "Q")
    }

    /// Non-empty `<state>` texts of `<settings><name>settings</name><data><option><name>option</name>`.
    private static func states(_ tree: XMLTree, _ configuration: Int, settings: String, option: String) -> [(text: String, line: Int)] {
        var result: [(text: String, line: Int)] = []
        for block in tree.children(configuration, named: "settings")
        where tree.child(block, named: "name").map({ tree.text($0) }) == settings {
            for data in tree.children(block, named: "data") {
                for candidate in tree.children(data, named: "option")
                where tree.child(candidate, named: "name").map({ tree.text($0) }) == option {
                    for state in tree.children(candidate, named: "state") where !tree.text(state).isEmpty {
                        result.append((tree.text(state), tree.line(state)))
                    }
                }
            }
        }
        return result
    }

    /// `$PROJ_DIR$\..\Core\Inc` → absolute; other IAR variables (`$TOOLKIT_DIR$`) give nil.
    private static func resolve(_ text: String, file: ProjectFile) -> String? {
        let expanded = text.replacingText("$PROJ_DIR$", with: file.directory)
        guard !expanded.utf8.contains(UInt8(ascii: "$")) else { return nil }
        return PathText.resolve(expanded, against: file.directory)
    }

    private struct SourceFile {
        var path: String
        var excludedFrom: Set<String>
    }

    /// C files of the `<group>` tree with the configurations that exclude them (here or in a parent group).
    private static func sourceFiles(_ tree: XMLTree, file: ProjectFile) -> [SourceFile] {
        var result: [SourceFile] = []
        var stack: [(element: Int, excluded: Set<String>)] = tree.children(tree.root, named: "group").reversed().map { ($0, []) }
        while let (element, inherited) = stack.popLast() {
            var excluded = inherited
            for block in tree.children(element, named: "excluded") {
                for configuration in tree.children(block, named: "configuration") { excluded.insert(tree.text(configuration)) }
            }
            if tree.name(element) == "file" {
                if let name = tree.child(element, named: "name").map({ tree.text($0) }), SourceKind.isCompilable(name),
                   let path = resolve(name, file: file) {
                    result.append(SourceFile(path: path, excludedFrom: excluded))
                }
                continue
            }
            let children = tree.element(element).children.filter { ["group", "file"].contains(tree.name($0)) }
            stack += children.reversed().map { ($0, excluded) }
        }
        return result
    }
}
