import H7Model

/// A 32-bit little-endian ARM ELF executable: its loadable bytes, sections and function symbols.
/// Every offset is checked and every size capped (ImageLimits), so a hostile file is refused, not followed.
public struct ELFFile: Sendable {
    public struct Section: Sendable {
        public var name: String
        public var type: UInt32
        public var flags: UInt32
        public var address: UInt32
        public var offset: Int
        public var size: Int
        public var link: Int
    }

    public struct Symbol: Sendable, Hashable {
        public var name: String
        public var address: UInt32
        public var size: UInt32
        public var isFunction: Bool
    }

    /// A block of bytes the image puts in the target's memory at `address` (a PT_LOAD segment's file part,
    /// at its load address: flash for code and .data's initial values).
    public struct Chunk: Sendable {
        public var address: UInt32
        public var bytes: [UInt8]
    }

    public let entry: UInt32
    public let sections: [Section]
    public let symbols: [Symbol]
    public let chunks: [Chunk]
    /// Tag_CPU_name / arch from `.ARM.attributes`, when present (`7E-M`).
    public let cpuName: String?
    /// Tag_FP_arch from `.ARM.attributes`: 5-6 VFPv4 (Cortex-M4's FPv4-SP), 7-8 FPv5 (Cortex-M7).
    public let fpArch: Int?
    let bytes: [UInt8]

    static let sectionTypeNoBits: UInt32 = 8

    public init(bytes: [UInt8], name: String) throws {
        self.bytes = bytes
        let r = ByteReader(bytes)
        guard bytes.count >= 52, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw imageError(name, "not an ELF file (no \\x7fELF header)")
        }
        guard bytes[4] == 1 else { throw imageError(name, "a 64-bit ELF file; STM32H7 images are 32-bit ARM") }
        guard bytes[5] == 1 else { throw imageError(name, "a big-endian ELF file; STM32H7 images are little-endian ARM") }
        guard let machine = r.u16(at: 18), machine == 40 else {
            throw imageError(name, "an ELF file for machine \(r.u16(at: 18).map(String.init) ?? "?"), not ARM (40)")
        }
        entry = r.u32(at: 24) ?? 0
        let phoff = Int(r.u32(at: 28) ?? 0), shoff = Int(r.u32(at: 32) ?? 0)
        let phentsize = Int(r.u16(at: 42) ?? 0), phnum = Int(r.u16(at: 44) ?? 0)
        let shentsize = Int(r.u16(at: 46) ?? 0), shnum = Int(r.u16(at: 48) ?? 0), shstrndx = Int(r.u16(at: 50) ?? 0)

        // Sections (optional: a stripped-of-sections image still loads from its segments).
        var sections: [Section] = []
        if shoff > 0, shentsize >= 40, shnum <= ImageLimits.maxSections, r.has(shentsize * shnum, at: shoff) {
            for i in 0..<shnum {
                let p = shoff + i * shentsize
                let size = Int(r.u32(at: p + 20) ?? 0)
                let type = r.u32(at: p + 4) ?? 0
                let offset = Int(r.u32(at: p + 16) ?? 0)
                // A section whose bytes are not in the file is kept without them (size 0 unless NOBITS).
                let inFile = type == Self.sectionTypeNoBits || r.has(size, at: offset)
                sections.append(Section(name: "\(r.u32(at: p) ?? 0)", type: type, flags: r.u32(at: p + 8) ?? 0,
                                        address: r.u32(at: p + 12) ?? 0, offset: offset, size: inFile ? size : 0,
                                        link: Int(r.u32(at: p + 24) ?? 0)))
            }
            if shstrndx < sections.count {
                let names = sections[shstrndx]
                for i in sections.indices {
                    let at = Int(UInt32(sections[i].name) ?? 0)
                    sections[i].name = at < names.size ? (r.cString(at: names.offset + at, limit: 256) ?? "") : ""
                }
            } else {
                for i in sections.indices { sections[i].name = "" }
            }
        }
        self.sections = sections

        // Loadable segments at their load (physical) address.
        var chunks: [Chunk] = []
        var total = 0
        if phoff > 0, phentsize >= 32, phnum <= ImageLimits.maxSegments, r.has(phentsize * phnum, at: phoff) {
            for i in 0..<phnum {
                let p = phoff + i * phentsize
                guard r.u32(at: p) == 1, let offset = r.u32(at: p + 4), let paddr = r.u32(at: p + 12),
                      let filesz = r.u32(at: p + 16), filesz > 0 else { continue }
                guard Int(filesz) <= ImageLimits.maxLoadBytes - total else {
                    throw imageError(name, "loadable segments larger than \(ImageLimits.maxLoadBytes / 1_048_576) MB, not an MCU image")
                }
                guard let data = r.slice(Int(offset), Int(filesz)) else {
                    throw imageError(name, "truncated: segment \(i) runs past the end of the file")
                }
                total += data.count
                chunks.append(Chunk(address: paddr, bytes: data))
            }
        }
        guard !chunks.isEmpty else { throw imageError(name, "no loadable segment (not an executable image?)") }
        self.chunks = chunks

        // Symbols: functions and objects from .symtab.
        var symbols: [Symbol] = []
        if let symtab = sections.first(where: { $0.type == 2 }), Int(symtab.size) / 16 <= ImageLimits.maxSymbols {
            let strings = symtab.link < sections.count ? sections[symtab.link] : nil
            for i in 0..<(symtab.size / 16) {
                let p = symtab.offset + i * 16
                guard let nameAt = r.u32(at: p), let value = r.u32(at: p + 4), let size = r.u32(at: p + 8),
                      let info = r.u8(at: p + 12), let strings, Int(nameAt) < strings.size else { continue }
                let type = info & 0xF
                guard type == 1 || type == 2, let symbolName = r.cString(at: strings.offset + Int(nameAt), limit: 512),
                      !symbolName.isEmpty, !symbolName.hasPrefix("$") else { continue }
                symbols.append(Symbol(name: symbolName, address: type == 2 ? value & ~1 : value, size: size, isFunction: type == 2))
            }
        }
        self.symbols = symbols.sorted { $0.address < $1.address }
        let attributes = Self.attributes(sections.first { $0.name == ".ARM.attributes" }, r)
        cpuName = attributes.cpu
        fpArch = attributes.fp
    }

    public func section(_ name: String) -> [UInt8]? {
        guard let s = sections.first(where: { $0.name == name }), s.type != Self.sectionTypeNoBits else { return nil }
        return ByteReader(bytes).slice(s.offset, s.size)
    }

    public func symbol(named name: String) -> Symbol? { symbols.first { $0.name == name } }

    /// The function holding `address` (the last function symbol at or below it, within its size when it has one).
    public func function(at address: UInt32) -> (name: String, offset: UInt32)? {
        var low = 0, high = symbols.count
        while low < high {
            let mid = (low + high) / 2
            if symbols[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        var i = low - 1
        while i >= 0 {
            let s = symbols[i]
            if s.isFunction {
                if s.size == 0 || address < s.address &+ s.size { return (s.name, address - s.address) }
                return nil
            }
            i -= 1
        }
        return nil
    }

    /// Tag_CPU_name (5) and Tag_FP_arch (10) of the "aeabi" subsection of `.ARM.attributes`.
    static func attributes(_ section: Section?, _ r: ByteReader) -> (cpu: String?, fp: Int?) {
        guard let section, section.size > 16, r.u8(at: section.offset) == 0x41 else { return (nil, nil) }
        let end = section.offset + section.size
        var p = section.offset + 1
        // One vendor subsection: length, "aeabi\0", then tag 1 (file) with its length.
        guard let _ = r.u32(at: p) else { return (nil, nil) }
        p += 4
        guard let vendor = r.cString(at: p, limit: 32), vendor == "aeabi" else { return (nil, nil) }
        p += vendor.utf8.count + 1
        guard r.u8(at: p) == 1 else { return (nil, nil) }
        p += 5
        var reader = ByteReader(r.bytes, offset: p)
        var cpu: String?, fp: Int?
        while reader.offset < end {
            guard let tag = reader.uleb() else { break }
            // Tags 4, 5, 32, 65, 67 are strings; the others (below 32, even) ULEB numbers; odd above 32 strings.
            if tag == 4 || tag == 5 || tag == 32 || tag == 65 || (tag > 32 && tag % 2 == 1) {
                guard let text = reader.cString(limit: 256) else { break }
                if tag == 5 { cpu = text }
            } else {
                guard let value = reader.uleb() else { break }
                if tag == 10 { fp = Int(min(value, 255)) }
            }
        }
        return (cpu, fp)
    }
}

/// Caps that keep a hostile file from making h7lint allocate or loop without bound.
enum ImageLimits {
    static let maxFileBytes = 64 * 1_048_576
    static let maxLoadBytes = 16 * 1_048_576
    static let maxSections = 4096
    static let maxSegments = 64
    static let maxSymbols = 1_000_000
    static let maxLineRows = 4_000_000
}
