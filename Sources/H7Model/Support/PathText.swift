import Foundation

/// Lexical path handling: no file system access, no symlink resolution, so results are stable.
public enum PathText {
    /// A startup file by its name (`startup_stm32h743xx.s`, `Startup.c`): where the reset path begins.
    public static func namesStartup(_ path: String) -> Bool {
        (path.split(separator: "/").last ?? "").lowercased().hasPrefix("startup")
    }

    /// `/a/b/../c/./d/` → `/a/c/d`; backslashes become slashes; `C:/x` keeps its drive. Works on UTF-8 bytes
    /// (separators and dots are ASCII).
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let bytes = path.utf8.map { $0 == UInt8(ascii: "\\") ? slash : $0 }
        var prefix: [UInt8] = []
        var start = 0
        if hasDrive(bytes) {
            prefix = Array(bytes[0..<2]) + [slash]
            start = 2
        } else if bytes.first == slash {
            prefix = [slash]
        }
        func isDotDot(_ part: ArraySlice<UInt8>) -> Bool { part.count == 2 && part.allSatisfy { $0 == dot } }
        var parts: [ArraySlice<UInt8>] = []
        for part in bytes[start...].split(separator: slash, omittingEmptySubsequences: true) {
            if part.count == 1 && part.first == dot { continue }
            if isDotDot(part) {
                if let last = parts.last, !isDotDot(last) {
                    parts.removeLast()
                } else if prefix.isEmpty {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        var out = prefix
        out.reserveCapacity(bytes.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { out.append(slash) }
            out += part
        }
        if prefix.isEmpty && parts.isEmpty { return "." }
        return String(decoding: out, as: UTF8.self)
    }

    /// Already in normal form (most paths): no backslash or drive colon, no empty, `.` or `..` component, no
    /// trailing slash. Anything else takes the full normalization.
    public static func isNormal(_ path: String) -> Bool {
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
        path.hasPrefix("/") || path.hasPrefix("\\") || hasDrive(path.utf8)
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
        if isNormal(path), let (folder, _) = split(path) { return folder }
        return normalize(path + "/..")
    }

    /// A path in normal form cut at its last slash: `/a/b.h` → (`/a`, `b.h`), `/b.h` → (`/`, `b.h`); nil without a slash.
    public static func split(_ path: String) -> (folder: String, name: String)? {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let folder = slash == path.utf8.startIndex ? "/" : String(path[..<slash])
        return (folder, String(path[path.utf8.index(after: slash)...]))
    }

    /// The path of a file URL, normalized.
    public static func of(_ url: URL) -> String { normalize(url.path) }

    /// Folder names of a relative path, without its last component.
    public static func folders(of relativePath: String) -> [Substring] {
        Array(relativePath.split(separator: "/").dropLast())
    }

    /// The bytes start with a drive letter and a colon, then a separator or nothing (`C:/x`, `C:`).
    private static func hasDrive(_ bytes: some Sequence<UInt8>) -> Bool {
        var head = bytes.makeIterator()
        guard let letter = head.next(), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(letter | 0x20),
              head.next() == UInt8(ascii: ":") else { return false }
        let after = head.next()
        return after == nil || after == UInt8(ascii: "/") || after == UInt8(ascii: "\\")
    }
}
