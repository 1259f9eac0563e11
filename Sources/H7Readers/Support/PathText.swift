import Foundation

/// Lexical path handling: no file system access, no symlink resolution, so results are stable.
public enum PathText {
    /// `/a/b/../c/./d/` → `/a/c/d`; backslashes become slashes; `C:/x` keeps its drive.
    public static func normalize(_ path: String) -> String {
        let slashed = path.replacingOccurrences(of: "\\", with: "/")
        var prefix = ""
        var rest = Substring(slashed)
        if let drive = drivePrefix(slashed) {
            prefix = drive + "/"
            rest = slashed.dropFirst(drive.count)
        } else if slashed.hasPrefix("/") {
            prefix = "/"
        }
        var parts: [Substring] = []
        for part in rest.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if prefix.isEmpty {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if prefix.isEmpty { return joined.isEmpty ? "." : joined }
        return prefix + joined
    }

    static func isAbsolute(_ path: String) -> Bool {
        path.hasPrefix("/") || path.hasPrefix("\\") || drivePrefix(path) != nil
    }

    /// `path` resolved against the absolute folder `base` (unless it is absolute itself), normalized.
    static func resolve(_ path: String, against base: String) -> String {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        if isAbsolute(trimmed) { return normalize(trimmed) }
        return normalize(base + "/" + trimmed)
    }

    /// `path` relative to `root` when it lies inside it, else `path` itself.
    public static func relative(_ path: String, to root: String) -> String {
        let path = normalize(path)
        let root = normalize(root)
        if path == root { return "." }
        let rootSlash = root.hasSuffix("/") ? root : root + "/"
        if path.hasPrefix(rootSlash) { return String(path.dropFirst(rootSlash.count)) }
        return path
    }

    /// The folder part of a path (`a/b/c.txt` → `a/b`).
    static func directory(of path: String) -> String {
        normalize(path + "/..")
    }

    /// The path of a file URL, normalized.
    static func of(_ url: URL) -> String { normalize(url.path) }

    /// Folder names of a relative path, without its last component.
    static func folders(of relativePath: String) -> [Substring] {
        Array(relativePath.split(separator: "/").dropLast())
    }

    /// `C:` when the path starts with a drive letter and a separator.
    private static func drivePrefix(_ path: String) -> String? {
        let chars = Array(path.prefix(3))
        guard chars.count >= 2, chars[0].isASCII, chars[0].isLetter, chars[1] == ":" else { return nil }
        if chars.count == 3, chars[2] != "/", chars[2] != "\\" { return nil }
        return String(chars[0...1])
    }
}

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
