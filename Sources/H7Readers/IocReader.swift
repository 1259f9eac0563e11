import Foundation
import H7Model

/// Reads a CubeMX `.ioc` file: Java-properties syntax, keys and values unescaped, lines kept.
public enum IocReader {
    /// Reads and parses the file at `url`; `file` is the name used in `IocFile.file` and in errors.
    public static func read(url: URL, file: String) throws -> IocFile {
        let raw = try InputFile.bytes(of: url, display: file)
        if raw.isEmpty { throw H7Error.input("\(file): empty file") }
        if raw.contains(0) { throw notIoc(file, "binary file (contains NUL bytes)") }
        return try parse(bytes: InputFile.utf8Text(raw, display: file), file: file)
    }

    /// Parses `.ioc` text.
    public static func parse(text: String, file: String) throws -> IocFile {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(0) { throw notIoc(file, "binary file (contains NUL bytes)") }
        return try parse(bytes: bytes, file: file)
    }

    private static func parse(bytes: [UInt8], file: String) throws -> IocFile {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) {
            throw H7Error.input("\(file): empty file")
        }
        var properties = PropertiesScanner(bytes: bytes)
        var entries: [IocEntry] = []
        var seen = Set<String>()
        var duplicates: [String] = []
        var duplicateSet = Set<String>()
        while let entry = properties.next() {
            if !seen.insert(entry.key).inserted, duplicateSet.insert(entry.key).inserted {
                duplicates.append(entry.key)
            }
            entries.append(entry)
        }
        if entries.isEmpty { throw notIoc(file, "no key=value lines") }
        let looksLikeCubeMX = entries.contains { $0.key.hasPrefix("Mcu.") || $0.key == "File.Version" }
        if !looksLikeCubeMX { throw notIoc(file, "no Mcu.* or File.Version key") }
        return IocFile(file: file, entries: entries, duplicateKeys: duplicates)
    }

    private static func notIoc(_ file: String, _ problem: String) -> H7Error {
        H7Error.input("\(file): \(problem), not a CubeMX .ioc file")
    }
}

/// Java `Properties.load` over UTF-8 bytes, in one linear pass.
struct PropertiesScanner {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    private static let backslash = UInt8(ascii: "\\")

    private func isNewline(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0C }

    /// Consumes one line terminator (LF, CRLF or CR).
    private mutating func consumeNewline() {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        index += 1
        line += 1
    }

    private mutating func skipBlanks() {
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
    }

    mutating func next() -> IocEntry? {
        while index < bytes.count {
            skipBlanks()
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            if isNewline(byte) { consumeNewline(); continue }
            if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "!") {
                while index < bytes.count, !isNewline(bytes[index]) { index += 1 }
                continue
            }
            let startLine = line
            let key = readPart(isKey: true)
            let value = readPart(isKey: false)
            return IocEntry(key: key, value: value, line: startLine)
        }
        return nil
    }

    /// Reads a key (up to an unescaped `=`, `:` or blank, then consumes the separator) or a value
    /// (to the end of the logical line, trailing unescaped blanks dropped).
    private mutating func readPart(isKey: Bool) -> String {
        var out: [UInt8] = []
        var keptLength = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isNewline(byte) { break }
            if byte == Self.backslash {
                index += 1
                if index >= bytes.count { break }
                if isNewline(bytes[index]) {
                    consumeNewline()
                    skipBlanks()
                    continue
                }
                appendEscape(to: &out)
                keptLength = out.count
                continue
            }
            if isKey, byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") {
                index += 1
                skipValueLead()
                return String(decoding: out, as: UTF8.self)
            }
            if isKey, isBlank(byte) {
                skipBlanks()
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: ":") {
                    index += 1
                }
                skipValueLead()
                return String(decoding: out, as: UTF8.self)
            }
            out.append(byte)
            if !isBlank(byte) { keptLength = out.count }
            index += 1
        }
        if isKey { return String(decoding: out, as: UTF8.self) }
        return String(decoding: out[..<keptLength], as: UTF8.self)
    }

    /// Blanks before a value, including those after a continuation.
    private mutating func skipValueLead() {
        while index < bytes.count {
            skipBlanks()
            if index + 1 < bytes.count, bytes[index] == Self.backslash, isNewline(bytes[index + 1]) {
                index += 1
                consumeNewline()
                continue
            }
            return
        }
    }

    /// Appends the escape whose letter is at `index` (the backslash is consumed).
    private mutating func appendEscape(to out: inout [UInt8]) {
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
            guard let code = hex4(at: index) else { out.append(letter); return }
            index += 4
            var scalarValue = code
            if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count, bytes[index] == Self.backslash,
               bytes[index + 1] == UInt8(ascii: "u"), let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low) {
                index += 6
                scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            out.append(letter)
        }
    }

    private func hex4(at start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[start..<(start + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value * 16 + UInt32(digit)
        }
        return value
    }
}
