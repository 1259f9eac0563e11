/// Little-endian reads from a byte buffer where every offset is checked: a truncated or hostile file gives nil,
/// never a trap.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var atEnd: Bool { offset >= bytes.count }

    func has(_ count: Int, at position: Int) -> Bool {
        position >= 0 && count >= 0 && position <= bytes.count && bytes.count - position >= count
    }

    func u8(at p: Int) -> UInt8? { has(1, at: p) ? bytes[p] : nil }
    func u16(at p: Int) -> UInt16? { has(2, at: p) ? UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8 : nil }
    func u32(at p: Int) -> UInt32? {
        guard has(4, at: p) else { return nil }
        return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }
    func u64(at p: Int) -> UInt64? {
        guard let lo = u32(at: p), let hi = u32(at: p + 4) else { return nil }
        return UInt64(lo) | UInt64(hi) << 32
    }

    mutating func u8() -> UInt8? { defer { offset += 1 }; return u8(at: offset) }
    mutating func u16() -> UInt16? { defer { offset += 2 }; return u16(at: offset) }
    mutating func u32() -> UInt32? { defer { offset += 4 }; return u32(at: offset) }
    mutating func u64() -> UInt64? { defer { offset += 8 }; return u64(at: offset) }

    /// An unsigned value of 1, 2, 4 or 8 bytes.
    mutating func unsigned(size: Int) -> UInt64? {
        switch size {
        case 1: u8().map(UInt64.init)
        case 2: u16().map(UInt64.init)
        case 4: u32().map(UInt64.init)
        case 8: u64()
        default: nil
        }
    }

    mutating func uleb() -> UInt64? {
        var result: UInt64 = 0, shift: UInt64 = 0
        while let byte = u8() {
            if shift < 64 { result |= UInt64(byte & 0x7F) << shift }
            shift += 7
            if byte & 0x80 == 0 { return result }
        }
        return nil
    }

    mutating func sleb() -> Int64? {
        var result: Int64 = 0, shift: Int64 = 0, byte: UInt8 = 0
        repeat {
            guard let b = u8() else { return nil }
            byte = b
            if shift < 64 { result |= Int64(byte & 0x7F) << shift }
            shift += 7
        } while byte & 0x80 != 0
        if shift < 64, byte & 0x40 != 0 { result |= -(Int64(1) << shift) }
        return result
    }

    /// A NUL-terminated string (at most `limit` bytes); nil when it runs off the end.
    mutating func cString(limit: Int = 4096) -> String? {
        guard let s = cString(at: offset, limit: limit) else { return nil }
        offset += s.utf8.count + 1
        return s
    }

    func cString(at p: Int, limit: Int = 4096) -> String? {
        guard p >= 0, p < bytes.count else { return nil }
        var end = p
        while end < bytes.count, bytes[end] != 0 {
            end += 1
            if end - p > limit { return nil }
        }
        guard end < bytes.count else { return nil }
        return String(decoding: bytes[p..<end], as: UTF8.self)
    }

    func slice(_ p: Int, _ count: Int) -> [UInt8]? { has(count, at: p) ? Array(bytes[p..<(p + count)]) : nil }
}
