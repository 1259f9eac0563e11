import Foundation
import H7Image
import H7Model
import H7Rules

/// `check --image FILE` / `--images`: images checked with the part and board of the project that builds them,
/// and their supply compared with what the project's sources select.
public enum ImagesBeside {
    /// Build output folders searched by `--images`.
    static func isOutputFolder(_ name: String) -> Bool {
        ["Debug", "Release", "build"].contains(name) || name.hasPrefix("cmake-build-")
    }

    /// `*.elf` under the project's usual output folders (`Debug/`, `Release/`, `build/`, `.pio/build/<env>/`,
    /// `cmake-build-*/`), at most 6 folders deep.
    public static func find(in root: URL) -> [String] {
        var found: [String] = []
        func walk(_ url: URL, depth: Int, inOutput: Bool) {
            guard depth <= 6, found.count < 64,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for name in names.sorted() where name != ".git" && name != "Drivers" && name != "node_modules" {
                let child = url.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    let output = inOutput || isOutputFolder(name) || (name == "build" && url.lastPathComponent == ".pio")
                    walk(child, depth: depth + 1, inOutput: output)
                } else if inOutput, name.lowercased().hasSuffix(".elf") {
                    found.append(child.path)
                }
            }
        }
        walk(root, depth: 0, inOutput: false)
        return found
    }

    /// Checks each image with its project's part and board, and against what its sources select (H7-META-006).
    public static func check(_ images: [String], projects: [ProjectReport], knowledge: Knowledge) -> [ProjectReport] {
        var reports: [ProjectReport] = []
        for path in images {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let owner = projects.filter { absolute.hasPrefix($0.root.standardizedFileURL.path + "/") }
                .max { $0.root.path.count < $1.root.path.count } ?? (projects.count == 1 ? projects.first : nil)
            var checker = ImageChecker(knowledge: knowledge)
            checker.part = owner?.project?.device?.part.define
            if let board = owner?.project?.board { checker.projectBoard = (board, "the project's board (\(owner?.project?.boardOrigin ?? "-"))") }
            if absolute.contains("/CM4/") || absolute.uppercased().contains("_CM4") { checker.core = .cm4 }
            if let owner, let sourceProject = owner.project {
                // The CM7's supply: a dual-core pair's sources configure it on that core.
                let supply = RuleContext(project: sourceProject, knowledge: knowledge).supply.effective
                checker.builtFrom = ImageSources(project: owner.name, supply: supply?.scheme?.id, spelled: supply?.spelled, range: supply?.range)
            }
            reports.append(checker.check(path).report)
        }
        return reports
    }
}
