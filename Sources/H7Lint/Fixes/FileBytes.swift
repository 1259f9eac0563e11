import Foundation
import H7Model

/// A project file's bytes, read once, with the offsets of its lines: where a fix finds the text it replaces.
struct FileBytes {
    let bytes: [UInt8]
    /// Byte offset of each line's first byte (line 1 at index 0).
    let lineStarts: [Int]

    init?(url: URL) {
        // A link is read through (the fix set then refuses to change what it points at, with why).
        ReadLog.note(url.path)
        let url = url.resolvingSymlinksInPath()
        ReadLog.note(url.path)
        guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey]), values.isRegularFile == true,
              let data = try? Data(contentsOf: url) else { return nil }
        self.init(bytes: [UInt8](data))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // Lines end at LF, CRLF or a lone CR (old Mac files), as the C compiler counts them.
        var starts = [0]
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && (i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "\n"))) {
                starts.append(i + 1)
            }
        }
        lineStarts = starts
    }

    /// Every line with its line break, as it is in the file (no empty line after a final break).
    var linesWithBreaks: [ArraySlice<UInt8>] {
        lineStarts.indices.compactMap { i in
            let end = i + 1 < lineStarts.count ? lineStarts[i + 1] : bytes.count
            return end > lineStarts[i] ? bytes[lineStarts[i]..<end] : nil
        }
    }

    /// The bytes of a line without its line break (`\n`, `\r\n` or `\r`).
    func line(_ number: Int) -> ArraySlice<UInt8>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// Offsets of `word` on a line where it stands as a whole C identifier.
    func identifier(_ word: String, onLine number: Int) -> [Int] {
        guard let line = line(number) else { return [] }
        let needle = Array(word.utf8)
        guard !needle.isEmpty, line.count >= needle.count else { return [] }
        var found: [Int] = []
        var i = line.startIndex
        while i + needle.count <= line.endIndex {
            if line[i..<(i + needle.count)].elementsEqual(needle),
               i == line.startIndex || !Self.isIdentifierByte(line[i - 1]) || Self.followsDefineFlag(line, i),
               i + needle.count == line.endIndex || !Self.isIdentifierByte(line[i + needle.count]) {
                found.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// The offset of a 1-based line and byte column, when the file has it.
    func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let offset = lineStarts[line - 1] + column - 1
        return offset <= bytes.count ? offset : nil
    }

    /// The whole identifier that starts at `offset`, if one does.
    func identifier(at offset: Int) -> String? {
        guard offset < bytes.count, Self.isIdentifierByte(bytes[offset]), !(0x30...0x39).contains(bytes[offset]) else { return nil }
        var end = offset
        while end < bytes.count, Self.isIdentifierByte(bytes[end]) { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    /// Where the value of `name = value` starts, for the name at `offset`, when it is on the same line.
    func assignedIdentifier(after offset: Int) -> Int? {
        var i = offset
        while i < bytes.count, Self.isIdentifierByte(bytes[i]) { i += 1 }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "=") else { return nil }
        i += 1
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i < bytes.count && Self.isIdentifierByte(bytes[i]) ? i : nil
    }

    /// Decimal numbers (digits only, a `U`/`L` suffix left out) right after each `prefix` in the file, where the
    /// prefix starts a whole identifier (`-DHSE_VALUE=`, never `-DAUDIO_EXT_HSE_VALUE=`).
    func numbers(after prefix: String) -> [(offset: Int, text: String, value: Int)] {
        (1...lineStarts.count).flatMap { number -> [(offset: Int, text: String, value: Int)] in
            guard let line = line(number) else { return [] }
            let needle = Array(prefix.utf8)
            var found: [(offset: Int, text: String, value: Int)] = []
            var i = line.startIndex
            while i + needle.count <= line.endIndex {
                if line[i..<(i + needle.count)].elementsEqual(needle),
                   i == line.startIndex || !Self.isIdentifierByte(line[i - 1]) || Self.followsDefineFlag(line, i),
                   let n = digits(at: i + needle.count, limit: line.endIndex) {
                    found.append(n)
                }
                i += 1
            }
            return found
        }
    }

    /// The one decimal number in the body of `#define NAME body` on a line (`((uint32_t)25000000)`, `8000000U`).
    func numbers(onLine number: Int, after name: String) -> [(offset: Int, text: String, value: Int)] {
        guard let line = line(number), let start = identifier(name, onLine: number).first else { return [] }
        var found: [(offset: Int, text: String, value: Int)] = []
        var i = start + name.utf8.count
        while i < line.endIndex {
            if line[i] == UInt8(ascii: "/") && i + 1 < line.endIndex && (line[i + 1] == UInt8(ascii: "*") || line[i + 1] == UInt8(ascii: "/")) { break }
            if (0x30...0x39).contains(line[i]), !Self.isIdentifierByte(line[i - 1]), let n = digits(at: i, limit: line.endIndex) {
                found.append(n)
                i += n.text.utf8.count
            } else {
                i += 1
            }
        }
        return found.count == 1 ? found : []
    }

    private func digits(at offset: Int, limit: Int) -> (offset: Int, text: String, value: Int)? {
        var end = offset
        while end < limit, (0x30...0x39).contains(bytes[end]) { end += 1 }
        guard end > offset else { return nil }
        // A decimal literal, optionally with U/L suffixes: not `0x1F`, not `25MHz`.
        var suffix = end
        while suffix < limit, Self.isIdentifierByte(bytes[suffix]) {
            guard [UInt8(ascii: "u"), UInt8(ascii: "U"), UInt8(ascii: "l"), UInt8(ascii: "L")].contains(bytes[suffix]) else { return nil }
            suffix += 1
        }
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        return Int(text).map { (offset, text, $0) }
    }

    /// The 1-based line and byte column of an offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// `-DNAME` or `/DNAME` (compiler flags in build files).
    static func followsDefineFlag(_ line: ArraySlice<UInt8>, _ i: Int) -> Bool {
        guard i - 2 >= line.startIndex, line[i - 1] == UInt8(ascii: "D") else { return false }
        let flag = line[i - 2]
        return (flag == UInt8(ascii: "-") || flag == UInt8(ascii: "/"))
            && (i - 3 < line.startIndex || !isIdentifierByte(line[i - 3]))
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "_") || (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }
}
