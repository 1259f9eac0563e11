import Foundation

/// What a path is when it is not a regular file: reading a named pipe blocks, a device never ends.
public enum FileKind {
    /// "a named pipe", "a character device", ... for a path that exists and is neither a regular file nor
    /// a folder (links followed); nil otherwise.
    public static func special(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        return type == S_IFREG || type == S_IFDIR ? nil : describe(type)
    }

    public static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }
}
