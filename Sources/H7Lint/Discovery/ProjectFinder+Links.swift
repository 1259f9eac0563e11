import Foundation
import H7Model

/// h7lint never follows a symbolic link while it looks for projects (so it cannot loop, and it never
/// reads outside the tree it was given without saying so). Each link it meets becomes a note; the
/// ones that lead out of the checked folder are shown even without --verbose.
extension ProjectFinder {
    static let outsideMarker = "outside the checked folder, not followed"

    /// True for the notes that `h7lint check` prints without --verbose.
    public static func isAlwaysShown(_ note: String) -> Bool { note.hasSuffix(outsideMarker) }

    static func linkNote(_ url: URL, top: URL) -> String {
        let name = PathText.relative(url, to: top.deletingLastPathComponent())
        guard let resolved = realpath(url.path, nil) else {
            let problem = errno == ELOOP ? "a loop of symbolic links" : "a symbolic link to nothing"
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)).map { " (\($0))" } ?? ""
            return "\(name): \(problem)\(target), not followed"
        }
        defer { free(resolved) }
        let path = String(cString: resolved)
        let topPath = top.resolvingSymlinksInPath().path
        if path == topPath || path.hasPrefix(topPath + "/") { return "\(name): symbolic link not followed" }
        return "\(name): symbolic link to \(path), \(outsideMarker)"
    }

    /// The type of `url` itself (a link is a link), from one lstat. FileManager's attributes would also
    /// look up the owner's and group's names: /etc/passwd and /etc/group opened for every file.
    static func fileType(_ url: URL) -> FileAttributeType? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .typeSymbolicLink
        case S_IFDIR: return .typeDirectory
        case S_IFREG: return .typeRegular
        default: return .typeUnknown
        }
    }
}
