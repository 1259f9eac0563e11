import Foundation
import H7Model

/// `h7lint check` takes folders and files. A file stands for the project that holds it (pre-commit
/// passes the staged files): the projects of its repository are found once, each file is mapped to
/// the deepest project root above it, and the roots are checked once each.
public enum PathArguments {
    public struct Resolved: Equatable {
        public var folders: [URL]
        /// Files no project holds (not an error: pre-commit passes whatever was staged).
        public var unowned: [String]
    }

    public static func resolve(_ paths: [String]) throws -> Resolved {
        var folders: [URL] = [], files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let url = URL(fileURLWithPath: path).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw H7Error.usage("\(path): no such file or folder")
            }
            if isDirectory.boolValue { folders.append(url) } else { files.append(url.resolvingSymlinksInPath()) }
        }
        var unowned: [String] = []
        let byRepository = Dictionary(grouping: files, by: searchRoot)
        for (repository, group) in byRepository.sorted(by: { $0.key < $1.key }) {
            var notes: [String] = []
            let roots = try ProjectFinder.find(path: URL(fileURLWithPath: repository), reads: [], notes: &notes).map { $0.root.path }
            let rootSet = Set(roots)
            for file in group {
                if let deepest = ProjectFinder.innermost(of: file.path, in: rootSet, orSelf: false) {
                    folders.append(URL(fileURLWithPath: deepest))
                } else if file.lastPathComponent == ".h7lint.yml" {
                    let folder = file.deletingLastPathComponent().path
                    folders += roots.filter { $0 == folder || $0.hasPrefix(folder + "/") }.map { URL(fileURLWithPath: $0) }
                } else {
                    unowned.append(file.path)
                }
            }
        }
        // Each folder once, in a stable order.
        var seen = Set<String>()
        let unique = folders.filter { seen.insert($0.resolvingSymlinksInPath().path).inserted }
        return Resolved(folders: unique, unowned: unowned)
    }

    /// Where a file's projects are looked for: its git repository; outside any, the current folder when the file
    /// lies below it (`h7lint check Core/Src/main.c` from the project), else the file's own folder.
    static func searchRoot(_ file: URL) -> String {
        let folder = file.deletingLastPathComponent().standardizedFileURL
        let repository = ReportAssembly.sourceRoot(containing: folder)
        if repository.path != folder.path || FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
            return repository.path
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath()
        return PathText.below(file.path, cwd.path) != nil ? cwd.path : folder.path
    }
}
