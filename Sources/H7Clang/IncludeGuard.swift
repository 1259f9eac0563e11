import Foundation

/// Headers that are not regular files (a link to /dev/zero, a FIFO, a device) would make libclang read
/// without end: the `#include`s of the file and of the project headers it reaches are followed as text
/// beforehand, and each such header is served to libclang as an empty file instead.
enum IncludeGuard {
    /// Files scanned at most, and bytes read of each: a bound on the work, not on correctness.
    static let maxFiles = 400
    static let maxBytes = 1 << 20
    /// Largest file handed to libclang (ST's largest, the device headers, are about 1.5 MB; the bad-input tests
    /// parse 10 MB of C); a larger header is read as empty, so a stray `#include` of a disk image cannot take
    /// the memory, and a larger parsed file is not parsed.
    static let maxHeaderBytes: Int64 = 32 << 20

    /// Empty stand-ins for the headers that are not regular files, and a note for each.
    /// `virtual`: files h7lint serves itself (the stand-in's): found there, never read from disk, so not followed.
    static func standIns(for file: URL, includePaths: [String], virtual: Set<String> = [])
        -> (files: [VirtualFile], notes: [String]) {
        var seen = Set<String>(), queue = [file.standardizedFileURL.path]
        var standIns: [VirtualFile] = [], notes: [String] = []
        while let current = queue.popLast(), seen.count < maxFiles {
            guard seen.insert(current).inserted, let names = includes(in: current) else { continue }
            let folder = URL(fileURLWithPath: current).deletingLastPathComponent().path
            for name in names {
                for candidate in candidates(name, includer: folder, includePaths: includePaths) {
                    if virtual.contains(candidate) { break }
                    var info = stat()
                    guard stat(candidate, &info) == 0 else { continue }
                    let regular = (info.st_mode & S_IFMT) == S_IFREG
                    if regular && Int64(info.st_size) <= maxHeaderBytes {
                        queue.append(candidate)
                    } else if (info.st_mode & S_IFMT) != S_IFDIR, !standIns.contains(where: { $0.path == candidate }) {
                        standIns.append(VirtualFile(path: candidate, contents: ""))
                        notes.append(regular ? "\(name) (\(candidate)) is larger than \(maxHeaderBytes >> 20) MB: read as empty"
                                             : "\(name) (\(candidate)) is not a regular file: read as empty")
                    }
                    break
                }
            }
        }
        return (standIns, notes)
    }

    /// The size of a regular file larger than `maxHeaderBytes` (the same cap holds for the parsed file itself).
    static func oversized(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int64(info.st_size) > maxHeaderBytes else { return nil }
        return Int64(info.st_size)
    }

    /// Where the preprocessor looks for `name`, in its order: an absolute name only there; otherwise the
    /// including file's folder, then each `-I` folder.
    /// Lazy: callers stop at the first place that exists, and most names are found in the first folder or two.
    static func candidates(_ name: String, includer: String, includePaths: [String]) -> some Sequence<String> {
        let folders = name.hasPrefix("/") ? [""] : [includer] + includePaths
        return folders.lazy.map { joined($0, name) }
    }

    /// `folder/name` in normal form; the plain case (no `.`/`..` parts, no doubled slash) without Foundation's URL.
    static func joined(_ folder: String, _ name: String) -> String {
        let path = folder.isEmpty ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
        return isPlain(path) && path.hasPrefix("/") ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// No `//`, `/./` or `/../` inside, no `/.` or `/..` at the end, no `./` or `../` at the start: read as bytes
    /// (Foundation's `contains` on a String goes through CFString, the larger part of a check's scan).
    static func isPlain(_ path: String) -> Bool {
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        func check(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = b.count
            if n >= 2, b[0] == dot, b[1] == slash { return false }
            if n >= 3, b[0] == dot, b[1] == dot, b[2] == slash { return false }
            for i in 0..<n where b[i] == slash {
                if i + 1 < n, b[i + 1] == slash { return false }
                guard i + 1 < n, b[i + 1] == dot else { continue }
                if i + 2 == n || b[i + 2] == slash { return false }
                if b[i + 2] == dot, i + 3 == n || b[i + 3] == slash { return false }
            }
            return true
        }
        return path.utf8.withContiguousStorageIfAvailable(check) ?? Array(path.utf8).withUnsafeBufferPointer(check)
    }

    /// The names in `#include "x"` / `#include <x>` lines of a regular file (its first `maxBytes`).
    /// Headers are shared by every parse of a run (the HAL and CMSIS ones by hundreds): each is scanned once
    /// per version of it (same inode, size and modification time).
    static func includes(in path: String) -> [String]? { headerNames(in: path)?.included }

    /// What one header names: its `#include`s and the targets of its `__has_include` tests (IncludeLookups).
    struct HeaderNames {
        var included: [String]
        var tested: [String]
    }

    /// Both kinds of name of a regular file, read and scanned once per version of it for every use in the process.
    static func headerNames(in path: String) -> HeaderNames? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let key = "\(path)|\(info.st_ino)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        return scanned.value(key) {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            let bytes = [UInt8]((try? handle.read(upToCount: maxBytes)) ?? Data())
            return HeaderNames(included: names(in: bytes), tested: IncludeLookups.hasIncludeNames(in: bytes))
        }
    }

    /// Every header version scanned in this process, shared by the parsing threads.
    static let scanned = Memo<HeaderNames?>(limit: 20_000)

    /// The `#include` names of a text, scanned as bytes (headers run to megabytes: no String per line).
    static func names(in array: [UInt8]) -> [String] {
        array.withUnsafeBufferPointer { names(in: $0) }
    }

    /// The scan itself, over the bytes in place; from each line's end to the next by `memchr`.
    static func names(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let base = bytes.baseAddress else { return [] }
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        let directive = Array("include".utf8)
        var names: [String] = []
        var i = 0
        let n = bytes.count
        while i < n {
            // At a line start: optional blanks, '#', optional blanks, "include", optional blanks, '"' or '<'.
            var j = i
            while j < n, bytes[j] == space || bytes[j] == tab { j += 1 }
            if j < n, bytes[j] == UInt8(ascii: "#") {
                j += 1
                while j < n, bytes[j] == space || bytes[j] == tab { j += 1 }
                if j + directive.count <= n, bytes[j..<(j + directive.count)].elementsEqual(directive) {
                    j += directive.count
                    while j < n, bytes[j] == space || bytes[j] == tab { j += 1 }
                    if j < n, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "<") {
                        let close = bytes[j] == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "\"")
                        var k = j + 1
                        while k < n, bytes[k] != close, bytes[k] != newline { k += 1 }
                        if k < n, bytes[k] == close { names.append(String(decoding: bytes[(j + 1)..<k], as: UTF8.self)) }
                    }
                }
            }
            // Next line.
            guard j < n, let end = memchr(base + j, Int32(newline), n - j) else { break }
            i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(end)) + 1
        }
        return names
    }
}

