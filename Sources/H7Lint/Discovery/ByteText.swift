import Foundation

/// Fast look-ups in raw file bytes, for telling which files matter before anything is parsed.
enum ByteText {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool { firstIndex(of: needle, in: haystack, from: 0) != nil }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= haystack.count - needle.count else { return nil }
        return haystack.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pin -> Int? in
                let base = hay.baseAddress!
                var position = start
                let last = hay.count - pin.count
                while position <= last {
                    guard let hit = memchr(base + position, Int32(pin[0]), last - position + 1) else { return nil }
                    let offset = UnsafeRawPointer(hit) - base
                    if memcmp(hit, pin.baseAddress!, pin.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }

    /// `name (...) {`: a definition, not a declaration or a call.
    static func definesFunction(_ name: [UInt8], in text: [UInt8]) -> Bool {
        var from = 0
        while let at = firstIndex(of: name, in: text, from: from) {
            var i = at + name.count
            while i < text.count, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
            if i < text.count, text[i] == UInt8(ascii: "(") {
                while i < text.count, text[i] != UInt8(ascii: ")") { i += 1 }
                i += 1
                while i < text.count, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D { i += 1 }
                if i < text.count, text[i] == UInt8(ascii: "{") { return true }
            }
            from = at + name.count
        }
        return false
    }
}
