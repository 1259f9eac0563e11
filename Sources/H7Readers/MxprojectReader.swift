import Foundation
import H7Model

/// Reads CubeMX's `.mxproject` (INI-like): one result per section with a `CDefines=` list
/// (`[PreviousUsedCubeIDEFiles]`, `[CortexM7:PreviousUsedMakefileFiles]`, ...), with its `HeaderPath=`
/// and `SourceFiles=`. CubeMX repeats list items; repeats are dropped. Paths are relative to the
/// .mxproject folder, or to `MDK-ARM/` / `EWARM/` for the Keil and IAR sections.
public enum MxprojectReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let text = try InputFile.text(of: url, display: file.display)
        var sections: [Section] = []
        for (offset, raw) in TextLines.split(text).enumerated() {
            let line = String(decoding: TextLines.trimmed(raw), as: UTF8.self)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                sections.append(Section(name: String(line.dropFirst().dropLast())))
                continue
            }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex, !sections.isEmpty else {
                throw H7Error.input("\(file.display): expected [section] or key=value at line \(offset + 1)")
            }
            let key = String(line[..<equals]).trimmingBlanks()
            sections[sections.count - 1].values[key] = (String(line[line.index(after: equals)...]), offset + 1)
        }
        return sections.compactMap { settings(for: $0, file: file) }
    }

    private struct Section {
        var name: String
        var values: [String: (text: String, line: Int)] = [:]
    }

    private static func settings(for section: Section, file: ProjectFile) -> BuildSettings? {
        guard let defineList = section.values["CDefines"] else { return nil }
        var contextCore: Core?
        var name = section.name
        if let colon = name.firstIndex(of: ":") {
            switch name[..<colon] {
            case "CortexM7": contextCore = .cm7
            case "CortexM4": contextCore = .cm4
            default: break
            }
            name = String(name[name.index(after: colon)...])
        }
        let base: String
        if name.contains("Keil") {
            base = file.directory + "/MDK-ARM"
        } else if name.contains("Iar") || name.contains("EWARM") {
            base = file.directory + "/EWARM"
        } else {
            base = file.directory
        }
        var seen = Set<String>()
        let defines = items(defineList.text)
            .filter { seen.insert($0).inserted }
            .compactMap { Define(parsing: $0, line: defineList.line) }
        let includes = unique(items(section.values["HeaderPath"]?.text ?? "").map { PathText.resolve($0, against: base) })
        let sources = unique(items(section.values["SourceFiles"]?.text ?? "")
            .filter(SourceKind.isCompilable)
            .map { PathText.resolve($0, against: base) })
        return BuildSettings(
            origin: .mxproject, file: file.display, configuration: name,
            core: contextCore ?? CoreDetection.detect(defines: defines, paths: [file.display]),
            defines: defines, includePaths: includes, sources: sources)
    }

    private static func items(_ list: String) -> [String] {
        list.split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
