import Foundation

/// A folder's entries with their types, from one `readdir` pass: the type readdir reports is the entry's own
/// (a link is a link), as `lstat` tells it, without an `lstat` for each entry. File systems that do not report
/// types get the `lstat`.
enum DirectoryEntries {
    /// The entries of `path` (not `.` and `..`) with their types, nil when the folder cannot be read. A type is
    /// nil for an entry gone before it was looked at.
    static func read(_ path: String) -> [(name: String, type: FileAttributeType?)]? {
        guard let stream = opendir(path) else { return nil }
        defer { closedir(stream) }
        var entries: [(name: String, type: FileAttributeType?)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            entries.append((name, type(entry.pointee.d_type) ?? ProjectFinder.fileType(path + "/" + name)))
        }
        return entries
    }

    private static func type(_ code: UInt8) -> FileAttributeType? {
        switch Int32(code) {
        case Int32(DT_LNK): return .typeSymbolicLink
        case Int32(DT_DIR): return .typeDirectory
        case Int32(DT_REG): return .typeRegular
        case Int32(DT_UNKNOWN): return nil
        default: return .typeUnknown
        }
    }
}
