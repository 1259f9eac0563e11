import Foundation
/// `.debug_line` line programs (DWARF 2 to 5): address → file, line, column. Every read is bounds-checked and the
/// number of rows capped; a unit that does not parse is skipped, not trusted.
public struct DwarfLines: Sendable {
    public struct Place: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int
    }

    struct Row {
        var address: UInt32
        var file: Int32
        var line: Int32
        var column: Int32
        var end: Bool
    }

    private var rows: [Row] = []
    public private(set) var files: [String] = []
    /// Units that could not be read (reported with --show-assumptions).
    public private(set) var skippedUnits = 0

    public var isEmpty: Bool { rows.isEmpty }

    public init(lines: [UInt8], lineStrings: [UInt8]?, strings: [UInt8]?) {
        var offset = 0
        var fileIndex: [String: Int32] = [:]
        var units = 0
        while offset + 4 <= lines.count, units < 100_000, rows.count < ImageLimits.maxLineRows {
            units += 1
            guard let next = parseUnit(lines, at: offset, lineStrings: lineStrings, strings: strings, fileIndex: &fileIndex) else {
                skippedUnits += 1
                break
            }
            offset = next
        }
        rows.sort { ($0.address, $0.end ? 0 : 1) < ($1.address, $1.end ? 0 : 1) }
    }

    /// The place of the instruction at `address`, if a line program covers it.
    public func place(_ address: UInt32) -> Place? {
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if rows[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let row = rows[low - 1]
        guard !row.end, row.line > 0, Int(row.file) < files.count else { return nil }
        return Place(file: files[Int(row.file)], line: Int(row.line), column: Int(max(row.column, 1)))
    }

    /// Relative file names (`../Core/Src/main.c`: DWARF 2-4 name them relative to the compilation folder, which
    /// this reader does not take from `.debug_info`) joined to `base`, the image's folder: STM32CubeIDE, make and
    /// CMake compile in the folder that receives the image (`Debug/`, `build/`).
    public mutating func resolveRelative(against base: String) {
        files = files.map { name in
            guard !name.hasPrefix("/"), !(name.count > 2 && name.dropFirst().first == ":") else { return name }
            return URL(fileURLWithPath: base).appendingPathComponent(name).standardizedFileURL.path
        }
    }

    /// The place of the nearest line row at or before `address`, and not before `start`, whose file `accept`s:
    /// for code inlined from a header, the caller's statement that precedes it.
    public func lastPlace(before address: UInt32, from start: UInt32, where accept: (String) -> Bool) -> Place? {
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if rows[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        var i = low - 1
        while i >= 0, rows[i].address >= start {
            let row = rows[i]
            if !row.end, row.line > 0, Int(row.file) < files.count, accept(files[Int(row.file)]) {
                return Place(file: files[Int(row.file)], line: Int(row.line), column: Int(max(row.column, 1)))
            }
            i -= 1
        }
        return nil
    }

    /// One unit; returns the offset of the next, or nil when the unit is malformed.
    private mutating func parseUnit(_ bytes: [UInt8], at start: Int, lineStrings: [UInt8]?, strings: [UInt8]?,
                                    fileIndex: inout [String: Int32]) -> Int? {
        var r = ByteReader(bytes, offset: start)
        guard var length = r.u32().map(UInt64.init) else { return nil }
        var offsetSize = 4
        if length == 0xFFFF_FFFF { guard let l = r.u64() else { return nil }; length = l; offsetSize = 8 }
        guard length <= UInt64(bytes.count - r.offset) else { return nil }
        let end = r.offset + Int(length)
        guard let version = r.u16(), (2...5).contains(version) else { return end }
        var addressSize = 4
        if version >= 5 {
            guard let a = r.u8(), r.u8() != nil else { return nil }
            addressSize = Int(a)
        }
        guard let headerLength = r.unsigned(size: offsetSize), headerLength <= UInt64(end - r.offset) else { return nil }
        let programStart = r.offset + Int(headerLength)
        guard let minInst = r.u8() else { return nil }
        if version >= 4 { guard r.u8() != nil else { return nil } }
        guard let defaultStmt = r.u8(), let lineBaseByte = r.u8(), let lineRange = r.u8(), let opcodeBase = r.u8(),
              lineRange > 0, opcodeBase > 0 else { return nil }
        _ = defaultStmt
        let lineBase = Int(Int8(bitPattern: lineBaseByte))
        var opcodeLengths: [Int] = [0]
        for _ in 1..<Int(opcodeBase) { guard let n = r.u8() else { return nil }; opcodeLengths.append(Int(n)) }

        // Directories and files; a file's index in this unit → index in `files`.
        var unitFiles: [Int32] = []
        var directories: [String] = []
        func intern(_ name: String, dir: Int) -> Int32 {
            var path = name
            if !name.hasPrefix("/"), dir < directories.count, !directories[dir].isEmpty {
                path = directories[dir] + "/" + name
            }
            path = Self.normalize(path)
            if let known = fileIndex[path] { return known }
            files.append(path)
            fileIndex[path] = Int32(files.count - 1)
            return Int32(files.count - 1)
        }
        if version <= 4 {
            directories.append("")  // index 0: the compilation directory, not in this table
            while let dir = r.cString(), !dir.isEmpty {
                directories.append(dir)
                guard directories.count < 100_000 else { return nil }
            }
            unitFiles.append(-1)  // file indexes start at 1
            while let name = r.cString(), !name.isEmpty {
                guard let dir = r.uleb(), r.uleb() != nil, r.uleb() != nil, unitFiles.count < 100_000 else { return nil }
                unitFiles.append(intern(name, dir: Int(min(dir, 1 << 30))))
            }
        } else {
            guard let dirEntries = readEntries(&r, offsetSize: offsetSize, lineStrings: lineStrings, strings: strings) else { return nil }
            directories = dirEntries.map { $0.path ?? "" }
            // Directory 0 is the compilation directory: the others are relative to it.
            if let comp = directories.first, !comp.isEmpty {
                for i in directories.indices.dropFirst() where !directories[i].hasPrefix("/") {
                    directories[i] = comp + "/" + directories[i]
                }
            }
            guard let fileEntries = readEntries(&r, offsetSize: offsetSize, lineStrings: lineStrings, strings: strings) else { return nil }
            unitFiles = fileEntries.map { intern($0.path ?? "?", dir: $0.directory) }
        }

        // The line program.
        r.offset = programStart
        var address: UInt32 = 0, file = 1, line = 1, column = 0
        var sequence: [Row] = []
        func emit(end: Bool) {
            let f = file >= 0 && file < unitFiles.count ? unitFiles[file] : -1
            sequence.append(Row(address: address, file: f < 0 ? Int32(Int32.max) : f, line: Int32(clamping: line),
                                column: Int32(clamping: column), end: end))
        }
        while r.offset < end {
            guard let op = r.u8() else { return nil }
            if op >= opcodeBase {
                let adjusted = Int(op - opcodeBase)
                address &+= UInt32(truncatingIfNeeded: (adjusted / Int(lineRange)) * Int(minInst))
                line += lineBase + adjusted % Int(lineRange)
                emit(end: false)
                continue
            }
            switch op {
            case 0:
                guard let len = r.uleb(), len > 0, len <= UInt64(end - r.offset), let sub = r.u8() else { return nil }
                let next = r.offset + Int(len) - 1
                switch sub {
                case 1:
                    emit(end: true)
                    // A sequence at address 0 is code the linker dropped (--gc-sections).
                    if let first = sequence.first, first.address != 0 { rows += sequence }
                    sequence = []
                    address = 0; file = 1; line = 1; column = 0
                case 2:
                    guard let a = r.unsigned(size: addressSize) else { return nil }
                    address = UInt32(truncatingIfNeeded: a)
                default: break
                }
                r.offset = next
            case 1: emit(end: false)
            case 2: guard let n = r.uleb() else { return nil }; address &+= UInt32(truncatingIfNeeded: n &* UInt64(minInst))
            case 3: guard let n = r.sleb() else { return nil }; line = Int(clamping: Int64(line) &+ n)
            case 4: guard let n = r.uleb() else { return nil }; file = Int(min(n, 1 << 30))
            case 5: guard let n = r.uleb() else { return nil }; column = Int(min(n, 1 << 20))
            case 8: address &+= UInt32(((255 - Int(opcodeBase)) / Int(lineRange)) * Int(minInst))
            case 9: guard let n = r.u16() else { return nil }; address &+= UInt32(n)
            default:
                // 6, 7, 10, 11 take no operand; 12 and unknown ones take as many ULEBs as the header says.
                for _ in 0..<(Int(op) < opcodeLengths.count ? opcodeLengths[Int(op)] : 0) { guard r.uleb() != nil else { return nil } }
            }
            guard rows.count + sequence.count < ImageLimits.maxLineRows else { return end }
        }
        return end
    }

    struct Entry { var path: String?; var directory: Int }

    /// A DWARF 5 directory or file table: its entry format, then the entries.
    private func readEntries(_ r: inout ByteReader, offsetSize: Int, lineStrings: [UInt8]?, strings: [UInt8]?) -> [Entry]? {
        guard let formatCount = r.u8() else { return nil }
        var format: [(UInt64, UInt64)] = []
        for _ in 0..<formatCount { guard let c = r.uleb(), let f = r.uleb() else { return nil }; format.append((c, f)) }
        guard let count = r.uleb(), count < 100_000 else { return nil }
        var entries: [Entry] = []
        for _ in 0..<count {
            var entry = Entry(path: nil, directory: 0)
            for (content, form) in format {
                var text: String?
                var number: UInt64?
                switch form {
                case 0x08: text = r.cString()
                case 0x1F, 0x0E:
                    guard let at = r.unsigned(size: offsetSize) else { return nil }
                    let table = form == 0x1F ? lineStrings : strings
                    text = table.flatMap { ByteReader($0).cString(at: Int(min(at, UInt64(Int32.max)))) } ?? "?"
                case 0x0B: number = r.u8().map(UInt64.init)
                case 0x05: number = r.u16().map(UInt64.init)
                case 0x06: number = r.u32().map(UInt64.init)
                case 0x07: number = r.u64()
                case 0x0F: number = r.uleb()
                case 0x1E: r.offset += 16; number = 0
                case 0x09: guard let n = r.uleb(), n < 1 << 20 else { return nil }; r.offset += Int(n); number = 0
                case 0x1A: number = r.uleb()
                case 0x25: number = r.u8().map(UInt64.init)
                case 0x26: number = r.u16().map(UInt64.init)
                case 0x27: r.offset += 3; number = 0
                case 0x28: number = r.u32().map(UInt64.init)
                default: return nil
                }
                guard text != nil || number != nil, r.offset <= r.bytes.count else { return nil }
                if content == 1 { entry.path = text }
                if content == 2, let number { entry.directory = Int(min(number, 1 << 30)) }
            }
            entries.append(entry)
        }
        return entries
    }

    /// `a/./b/../c` → `a/c`.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
