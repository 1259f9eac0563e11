import Foundation
import H7Model

/// The places the preprocessor looked for a header and found nothing, before the place it used: a file that
/// appears at one of them later (a `local_supply.h` beside the includer, a header in an earlier `-I` folder, a
/// `__has_include` target) changes what the unit reads, so a cache entry holds only while they stay absent.
enum IncludeLookups {
    /// The folders where a lookup found nothing (one stamp per folder holds for every place in it).
    /// `files`: the unit's file and every header it read from disk. `searchPath`: the folders of `-I`, in order
    /// (with the stand-in folder where it is used). `found`: the files the parse read, virtual ones included.
    /// `listing`: the names in a folder (nil: no folder), read once per run, so a place is tested without a system call.
    static func absentFolders(files: [String], searchPath: [String], found: Set<String>,
                              listing: (String) -> Set<String>?) -> Set<String> {
        var folders = Set<String>()
        let virtual = Prelude.directory + "/"
        for file in files {
            let includer = PathText.directory(of: file)
            for name in names(in: file) {
                for candidate in IncludeGuard.candidates(name, includer: includer, includePaths: searchPath) {
                    if found.contains(candidate) { break }
                    // Virtual files (h7lint's stand-ins) are keyed by their digest, never by the disk.
                    if candidate.hasPrefix(virtual) { continue }
                    guard let (folder, entry) = PathText.split(candidate) else { continue }  // candidates are absolute
                    // Listed and reachable (a dangling link is listed but not found): the lookup stops here.
                    if listing(folder)?.contains(entry) == true, access(candidate, F_OK) == 0 { break }
                    folders.insert(folder)
                }
            }
        }
        return folders
    }

    /// The header names a file includes or tests with `__has_include` (IncludeGuard scans each header version once).
    static func names(in path: String) -> [String] {
        IncludeGuard.headerNames(in: path).map { $0.included + $0.tested } ?? []
    }

    /// The names in `__has_include("x")`, `__has_include(<x>)` and their `_next` forms.
    static func hasIncludeNames(in array: [UInt8]) -> [String] {
        array.withUnsafeBufferPointer { hasIncludeNames(in: $0) }
    }

    /// The scan itself, over the bytes in place; from one `_` to the next by `memchr`.
    static func hasIncludeNames(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let base = bytes.baseAddress else { return [] }
        let word = Array("__has_include".utf8), next = Array("_next".utf8)
        var names: [String] = []
        var i = 0
        let n = bytes.count
        while i + word.count <= n {
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "_")), n - i) else { break }
            i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            guard i + word.count <= n, bytes[i..<(i + word.count)].elementsEqual(word) else { i += 1; continue }
            var j = i + word.count
            if j + next.count <= n, bytes[j..<(j + next.count)].elementsEqual(next) { j += next.count }
            while j < n, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
            guard j < n, bytes[j] == UInt8(ascii: "(") else { i = j; continue }
            j += 1
            while j < n, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
            guard j < n, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "<") else { i = j; continue }
            let close = bytes[j] == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "\"")
            var k = j + 1
            while k < n, bytes[k] != close, bytes[k] != UInt8(ascii: "\n") { k += 1 }
            if k < n, bytes[k] == close { names.append(String(decoding: bytes[(j + 1)..<k], as: UTF8.self)) }
            i = k + 1
        }
        return names
    }
}
