import Foundation

/// Lexical path handling: no file system access, no symlink resolution, so results are stable.
public enum PathText {
    /// A startup file by its name (`startup_stm32h743xx.s`, `Startup.c`): where the reset path begins.
    public static func namesStartup(_ path: String) -> Bool {
        (path.split(separator: "/").last ?? "").lowercased().hasPrefix("startup")
    }

    /// `/a/b/../c/./d/` → `/a/c/d`; backslashes become slashes; `C:/x` keeps its drive.
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        let slashed = path.contains("\\") ? String(path.map { $0 == "\\" ? "/" : $0 }) : path
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

    /// Already in normal form (most paths): no backslash or drive colon, no empty, `.` or `..` component, no
    /// trailing slash. Anything else takes the full normalization.
    static func isNormal(_ path: String) -> Bool {
        var component = 0, dots = 0, count = 0
        for byte in path.utf8 {
            count += 1
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ":"):
                return false
            case UInt8(ascii: "/"):
                if count > 1 && (component == 0 || dots == component) { return false }
                component = 0
                dots = 0
            default:
                component += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return component > 0 && dots != component
    }

    public static func isAbsolute(_ path: String) -> Bool {
        path.hasPrefix("/") || path.hasPrefix("\\") || drivePrefix(path) != nil
    }

    /// `path` resolved against the absolute folder `base` (unless it is absolute itself), normalized.
    public static func resolve(_ path: String, against base: String) -> String {
        let trimmed = path.trimmingWhitespace()
        if isAbsolute(trimmed) { return normalize(trimmed) }
        return normalize(base + "/" + trimmed)
    }

    /// `path` relative to `root` when it lies inside it (`.` for `root` itself), else `path` itself, normalized.
    /// The one way paths are made relative: project files, report paths, display paths, config patterns.
    public static func relative(_ path: String, to root: String) -> String {
        let path = normalize(path), root = normalize(root)
        if path == root { return "." }
        return strictlyBelow(path, root) ?? path
    }

    /// `path` relative to `root` when it lies strictly inside it, else nil.
    public static func below(_ path: String, _ root: String) -> String? {
        strictlyBelow(normalize(path), normalize(root))
    }

    private static func strictlyBelow(_ path: String, _ root: String) -> String? {
        let rootSlash = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(rootSlash) ? String(path.dropFirst(rootSlash.count)) : nil
    }

    /// A file URL relative to a folder URL (see `relative(_:to:)`).
    public static func relative(_ url: URL, to root: URL) -> String { relative(url.path, to: root.path) }

    /// The folder part of a path (`a/b/c.txt` → `a/b`).
    public static func directory(of path: String) -> String {
        normalize(path + "/..")
    }

    /// The path of a file URL, normalized.
    public static func of(_ url: URL) -> String { normalize(url.path) }

    /// Folder names of a relative path, without its last component.
    public static func folders(of relativePath: String) -> [Substring] {
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

