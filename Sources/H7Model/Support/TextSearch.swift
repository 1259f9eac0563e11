import Foundation

/// Substring search over UTF-8 bytes, without Foundation's NSString bridge (`contains`, `range(of:)` and
/// `replacingOccurrences` convert the text on every call: hot paths in build-file paths and clock code).
/// For the ASCII needles h7lint looks for, the answers are Foundation's.
public extension StringProtocol {
    /// True when `needle` occurs in the text.
    func hasText(_ needle: String) -> Bool { firstUTF8Offset(of: needle) != nil }

    /// Every `target` replaced with `replacement`, left to right.
    func replacingText(_ target: String, with replacement: String) -> String {
        guard var at = firstUTF8Offset(of: target) else { return String(self) }
        let bytes = Array(utf8), pattern = Array(target.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        while true {
            out += bytes[start..<at]
            out += replacement.utf8
            start = at + pattern.count
            guard let next = ByteSearch.offset(of: pattern, in: bytes, from: start) else { break }
            at = next
        }
        out += bytes[start...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-8 offset of the first `needle`, nil when there is none.
    func firstUTF8Offset(of needle: String) -> Int? {
        let pattern = Array(needle.utf8)
        return utf8.withContiguousStorageIfAvailable { ByteSearch.offset(of: pattern, in: $0, from: 0) }
            ?? ByteSearch.offset(of: pattern, in: Array(utf8), from: 0)
    }
}

/// Byte-string search over buffers: `memchr` for the first byte, `memcmp` for the rest.
public enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`, nil when there is none (or it is empty,
    /// as Foundation finds no empty string).
    public static func offset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, start + needle.count <= haystack.count, let base = haystack.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { pin -> Int? in
            let last = haystack.count - pin.count
            var position = start
            while position <= last {
                guard let hit = memchr(base + position, Int32(pin[0]), last - position + 1) else { return nil }
                let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(hit, pin.baseAddress!, pin.count) == 0 { return offset }
                position = offset + 1
            }
            return nil
        }
    }

    public static func offset(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        haystack.withUnsafeBufferPointer { offset(of: needle, in: $0, from: start) }
    }
}
