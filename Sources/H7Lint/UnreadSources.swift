import Foundation
import H7Model

/// C files a project's build names (or CubeMX's layout puts `main.c` at) that no compiler could read: missing,
/// a dangling link, a folder, a pipe, a link out of the repository, or text a compiler does not read. Each
/// becomes H7-META-004 (never a silent "0 findings"): the clock and supply code they hold was not checked.
enum UnreadSources {
    /// Folders whose files are the vendor's, not the project's own (a checkout without Drivers/ is usual).
    static func isVendorPath(_ relative: String) -> Bool {
        relative.split(separator: "/").dropLast().contains { ProjectFinder.skippedLowercased.contains($0.lowercased()) }
    }

    /// Why the build-listed sources and CubeMX's `main.c` places inside `root` cannot be read, by relative path.
    /// `listedIn`: the build file that lists `listed`.
    static func problems(listed: [String], listedIn: String?, root: URL, core: Core?) -> [String: String] {
        let rootPath = root.standardizedFileURL.path
        var found: [String: String] = [:]
        for path in listed {
            let standard = URL(fileURLWithPath: path).standardizedFileURL.path
            guard standard.hasPrefix(rootPath + "/") else { continue }
            let relative = String(standard.dropFirst(rootPath.count + 1))
            guard !isVendorPath(relative), let reason = reason(standard, root: rootPath, missing: true) else { continue }
            found[relative] = listedIn.map { "\(reason) (listed in \($0))" } ?? reason
        }
        for relative in mainFilePlaces(core) where found[relative] == nil {
            // Only what stands where main.c belongs: a file that is simply absent is CubeMX's choice.
            if let reason = reason(rootPath + "/" + relative, root: rootPath, missing: false) { found[relative] = reason }
        }
        return found
    }

    /// Where CubeMX writes `main.c` for a core.
    static func mainFilePlaces(_ core: Core?) -> [String] {
        let own = core.map { ["\($0.rawValue.uppercased())/Core/Src/main.c", "\($0.rawValue.uppercased())/Src/main.c"] } ?? []
        return own + ["Core/Src/main.c", "Src/main.c"]
    }

    /// Why `path` is no C file a compiler reads; nil when it is one (or is absent and `missing` is false).
    static func reason(_ path: String, root: String, missing: Bool) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return missing ? "missing" : nil }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                return errno == ELOOP ? "a loop of symbolic links (\(target))" : "a symbolic link to nothing (\(target))"
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            if !LinkScope.mayFollow(target, top: URL(fileURLWithPath: root)) {
                return "a symbolic link to \(target), outside the checked folder, not read"
            }
            guard stat(path, &info) == 0 else { return "not readable" }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return "a folder, not a C file"
        case S_IFIFO: return "not a regular file (a named pipe)"
        default: return "not a regular file (a device or socket)"
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return "not readable (permission denied or I/O error)" }
        defer { try? handle.close() }
        // An empty file reads as no data at all.
        let data = (try? handle.read(upToCount: 64 * 1024)) ?? nil
        return ProjectFinder.unreadableReason([UInt8](data ?? Data()))
    }

    /// True for UTF-16 text (with its byte-order mark) that mentions one of `words`: the clock code of an
    /// `app.c` saved as UTF-16 is found although no compiler reads it.
    static func utf16Mentions(_ bytes: [UInt8], _ words: [String]) -> Bool {
        let little = bytes.starts(with: [0xFF, 0xFE])
        guard little || bytes.starts(with: [0xFE, 0xFF]) else { return false }
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { i in
            little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
        }
        let text = String(decoding: units, as: UTF16.self)
        return words.contains { text.contains($0) }
    }
}

