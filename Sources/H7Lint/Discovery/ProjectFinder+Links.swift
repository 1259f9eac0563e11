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
        if LinkScope.mayFollow(path, top: top) { return "\(name): symbolic link to \(path), not followed (a folder)" }
        return "\(name): symbolic link to \(path), \(outsideMarker)"
    }

    /// The type of the file at `path` itself (a link is a link), from one lstat. FileManager's attributes would
    /// also look up the owner's and group's names: /etc/passwd and /etc/group opened for every file.
    static func fileType(_ path: String) -> FileAttributeType? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .typeSymbolicLink
        case S_IFDIR: return .typeDirectory
        case S_IFREG: return .typeRegular
        default: return .typeUnknown
        }
    }
}

/// Which symbolic links to files h7lint follows: a link cannot loop when it leads to a regular file, and one
/// inside the checked folder or the git repository holding it is part of the project (a monorepo's shared
/// makefile, `Makefile -> ../common/stm32h7.mk`). Links to folders are never followed.
enum LinkScope {
    /// The regular file `link` leads to when h7lint reads it in place of the link; nil otherwise.
    static func followedFile(_ link: URL, top: URL) -> String? {
        guard let resolved = realpath(link.path, nil) else { return nil }
        defer { free(resolved) }
        let target = String(cString: resolved)
        var info = stat()
        guard stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, mayFollow(target, top: top) else { return nil }
        return target
    }

    /// True when `target` (resolved) lies inside `top` or inside the git repository holding `top`.
    static func mayFollow(_ target: String, top: URL) -> Bool {
        let resolvedTop = top.resolvingSymlinksInPath()
        for scope in [resolvedTop.path, repository(holding: resolvedTop)?.path].compactMap({ $0 }) {
            if scope == "/" || target.hasPrefix(scope + "/") { return true }
        }
        return false
    }

    /// The nearest folder at or above `folder` holding `.git`.
    static func repository(holding folder: URL) -> URL? {
        var dir = folder.standardizedFileURL
        while true {
            if access(dir.appendingPathComponent(".git").path, F_OK) == 0 { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }
}

