import Foundation
import H7Model

/// The project-relative name of a file, used in `BuildSettings.file` and in messages.
struct ProjectFile {
    let url: URL
    let path: String
    let display: String
    let directory: String
    let rootPath: String

    init(url: URL, projectRoot: URL) {
        self.url = url
        self.rootPath = PathText.of(projectRoot)
        self.path = PathText.of(url)
        self.display = PathText.relative(path, to: rootPath)
        self.directory = PathText.directory(of: path)
    }

    /// Another file of the same project.
    func sibling(_ absolutePath: String) -> ProjectFile {
        ProjectFile(url: URL(fileURLWithPath: absolutePath), projectRoot: URL(fileURLWithPath: rootPath))
    }

    /// `path` (absolute) relative to the project root.
    func relative(_ absolutePath: String) -> String { PathText.relative(absolutePath, to: rootPath) }
}
