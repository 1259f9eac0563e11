/// A 128-bit content hash (two FNV-1a 64 lanes with different bases), stable across runs and
/// machines. For cache keys and fingerprints, not for security.
public struct StableHash: Sendable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 ^ 0x9E37_79B9
        }
    }

    /// The fast path for file contents.
    public mutating func add(_ data: [UInt8]) {
        var a = self.a, b = self.b
        data.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 ^ 0x9E37_79B9
            }
        }
        self.a = a
        self.b = b
    }

    /// A file's bytes eight at a time (the same two lanes over little-endian words, the tail bytewise): about eight
    /// times the speed of `add`, and a different value. For digests that only ever meet each other (kept reports).
    public mutating func addWords(_ bytes: UnsafeRawBufferPointer) {
        var a = self.a, b = self.b
        let words = bytes.count / 8
        for index in 0..<words {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            a = (a ^ word) &* 0x0000_0100_0000_01B3
            b = (b ^ (word >> 32 | word << 32)) &* 0x0000_0100_0000_01B3 ^ 0x9E37_79B9
        }
        self.a = a
        self.b = b
        add(bytes[(words * 8)...])
    }

    public mutating func add(_ text: String) {
        add(text.utf8)
        add([0])
    }

    public var hex: String {
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }

    /// A folder's names, sorted and hashed: a name that appears or goes changes it, times do not.
    public static func of(names: some Sequence<String>) -> String {
        var hash = StableHash()
        for name in names.sorted() { hash.add(name) }
        return hash.hex
    }

    public static func of(_ text: String) -> String {
        var hash = StableHash()
        hash.add(text)
        return hash.hex
    }
}

/// h7lint's version, as `--version`, SARIF and the cache know it.
public enum H7LintVersion {
    public static let current = "0.1.0"
    /// Bumped whenever what the front end records changes (new fields in SourceFacts): cached parse
    /// results of another schema are parsed again.
    public static let factsSchema = 5
    /// What a cache entry must have been written by.
    public static var cacheTag: String { "\(current)+facts\(factsSchema)" }
}
