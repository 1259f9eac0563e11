import Foundation
import H7Model

/// Loads a project file as bytes or UTF-8 text, turning every problem into a one-line `H7Error.input`.
enum InputFile {
    /// The raw bytes of `url`; `display` names the file in messages.
    static func bytes(of url: URL, display: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        ReadLog.note(url.path)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw H7Error.input("\(display): cannot read (file not found)")
        }
        if isDirectory.boolValue { throw H7Error.input("\(display): cannot read (is a directory)") }
        if let kind = FileKind.special(url.path) { throw H7Error.input("\(display): not a regular file (\(kind)), not read") }
        guard let data = FileOverlay.contents(atPath: url.path) else {
            throw H7Error.input("\(display): cannot read (permission denied or I/O error)")
        }
        return [UInt8](data)
    }

    /// Text bytes as UTF-8: rejects empty and binary (NUL) input, drops a BOM, and reads bytes that are
    /// not valid UTF-8 as ISO-8859-1 (every byte is a Latin-1 character).
    static func utf8Text(_ bytes: [UInt8], display: String) throws -> [UInt8] {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw H7Error.input("\(display): empty file")
        }
        if body.contains(0) { throw H7Error.input("\(display): binary file (contains NUL bytes)") }
        return isValidUTF8(body) ? body : latin1ToUTF8(body)
    }

    /// Every byte read as an ISO-8859-1 character, written as UTF-8.
    static func latin1ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                out.append(0xC0 | (byte >> 6))
                out.append(0x80 | (byte & 0x3F))
            }
        }
        return out
    }

    /// Reads `url` and returns its text bytes (see `utf8Text`).
    static func text(of url: URL, display: String) throws -> [UInt8] {
        try utf8Text(bytes(of: url, display: display), display: display)
    }

    /// Decoding repairs invalid UTF-8, so valid input is the input that decodes to the same bytes (compared as
    /// buffers: the generic comparison of the two views was most of an XML file's reading).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var text = String(decoding: bytes, as: UTF8.self)
        return text.withUTF8 { decoded in
            decoded.count == bytes.count && (bytes.isEmpty || memcmp(decoded.baseAddress!, bytes, bytes.count) == 0)
        }
    }
}

extension String {
    /// A string from UTF-8 bytes (already validated or repaired).
    init(utf8Bytes bytes: some Collection<UInt8>) {
        self = String(decoding: bytes, as: UTF8.self)
    }
}
