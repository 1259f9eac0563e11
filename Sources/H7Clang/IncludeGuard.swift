import Foundation

/// Headers that are not regular files (a link to /dev/zero, a FIFO, a device) would make libclang read
/// without end: the `#include`s of the file and of the project headers it reaches are followed as text
/// beforehand, and each such header is served to libclang as an empty file instead.
enum IncludeGuard {
    /// Files scanned at most, and bytes read of each: a bound on the work, not on correctness.
    static let maxFiles = 400
    static let maxBytes = 1 << 20

    /// Empty stand-ins for the headers that are not regular files, and a note for each.
    static func standIns(for file: URL, includePaths: [String]) -> (files: [VirtualFile], notes: [String]) {
        var seen = Set<String>(), queue = [file.standardizedFileURL.path]
        var standIns: [VirtualFile] = [], notes: [String] = []
        while let current = queue.popLast(), seen.count < maxFiles {
            guard seen.insert(current).inserted, let names = includes(in: current) else { continue }
            let folders = [URL(fileURLWithPath: current).deletingLastPathComponent().path] + includePaths
            for name in names {
                for folder in folders {
                    let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path
                    var info = stat()
                    guard stat(candidate, &info) == 0 else { continue }
                    if (info.st_mode & S_IFMT) == S_IFREG {
                        queue.append(candidate)
                    } else if (info.st_mode & S_IFMT) != S_IFDIR, !standIns.contains(where: { $0.path == candidate }) {
                        standIns.append(VirtualFile(path: candidate, contents: ""))
                        notes.append("\(name) (\(candidate)) is not a regular file: read as empty")
                    }
                    break
                }
            }
        }
        return (standIns, notes)
    }

    /// The names in `#include "x"` / `#include <x>` lines of a regular file (its first `maxBytes`).
    static func includes(in path: String) -> [String]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes)) ?? Data()
        var names: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "#" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard rest.hasPrefix("include") else { continue }
            rest = rest.dropFirst("include".count).drop { $0 == " " || $0 == "\t" }
            guard let open = rest.first, open == "\"" || open == "<" else { continue }
            let close: Character = open == "\"" ? "\"" : ">"
            let body = rest.dropFirst()
            if let end = body.firstIndex(of: close) { names.append(String(body[..<end])) }
        }
        return names
    }
}
