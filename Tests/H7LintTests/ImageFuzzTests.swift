import Foundation
import H7Image
import H7Model
import Testing

/// The image readers on truncated, hostile and random input: an error or a result, never a crash, a hang or an
/// unbounded allocation.
struct ImageFuzzTests {
    /// A minimal ELF32 ARM header with the given fields patched in.
    static func header(phoff: UInt32 = 52, phnum: UInt16 = 1, shoff: UInt32 = 0, shnum: UInt16 = 0, machine: UInt16 = 40) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: 52)
        b[0...3] = [0x7F, 0x45, 0x4C, 0x46]
        b[4] = 1; b[5] = 1; b[6] = 1
        func put16(_ v: UInt16, _ at: Int) { b[at] = UInt8(v & 0xFF); b[at + 1] = UInt8(v >> 8) }
        func put32(_ v: UInt32, _ at: Int) { for i in 0..<4 { b[at + i] = UInt8((v >> (8 * UInt32(i))) & 0xFF) } }
        put16(2, 16); put16(machine, 18); put32(phoff, 28); put32(shoff, 32)
        put16(52, 40); put16(32, 42); put16(phnum, 44); put16(40, 46); put16(shnum, 48)
        return b
    }

    static func rejects(_ bytes: [UInt8]) -> Bool {
        (try? ELFFile(bytes: bytes, name: "x.elf")) == nil
    }

    @Test func truncatedAndWrongHeadersAreRefused() {
        #expect(Self.rejects([]))
        #expect(Self.rejects([0x7F, 0x45, 0x4C, 0x46]))
        #expect(Self.rejects(Array(Self.header().prefix(40))))
        #expect(Self.rejects(Self.header(machine: 62)))  // x86-64
        var wide = Self.header()
        wide[4] = 2
        #expect(Self.rejects(wide))
        // A program header table past the end, or claiming 65535 entries.
        #expect(Self.rejects(Self.header(phoff: 0xFFFF_FFF0)))
        #expect(Self.rejects(Self.header(phnum: 0xFFFF)))
    }

    /// A segment whose size runs past the file, and one of 4 GB.
    @Test func segmentsPastTheEndAreRefused() {
        var b = Self.header()
        var ph = [UInt8](repeating: 0, count: 32)
        ph[0] = 1  // PT_LOAD
        ph[4] = 84  // offset
        ph[12...15] = [0, 0, 0, 8]  // paddr 0x08000000
        ph[16...19] = [0xFF, 0xFF, 0xFF, 0xFF]  // filesz 4 GB
        b += ph
        #expect(Self.rejects(b))
        b[52 + 16...52 + 19] = [0x00, 0x10, 0, 0]  // 4 KB, but the file ends at 84
        #expect(Self.rejects(b))
        b += [UInt8](repeating: 0, count: 4096)
        // Sections claimed at a huge offset are ignored; the segment still loads.
        #expect(!Self.rejects(b))
    }

    /// Line programs of random bytes, and of a valid header with a hostile length, parse to nothing or little.
    @Test func dwarfOfGarbage() {
        var rng = SystemRandomNumberGenerator()
        for size in [0, 1, 3, 4, 16, 100, 4096] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = DwarfLines(lines: bytes, lineStrings: bytes, strings: nil).place(0x0800_0000)
        }
        // unit_length 0xFFFFFFFF (64-bit) with an 8-byte length of 2^63, version 5.
        let hostile: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x80, 5, 0]
        #expect(DwarfLines(lines: hostile, lineStrings: nil, strings: nil).isEmpty)
    }

    /// Every byte of a real image flipped in turn (a deterministic sample): the readers never trap.
    @Test(.enabled(if: ImageSupport.gcc != nil, "needs arm-none-eabi-gcc")) func mutatedImagesNeverCrash() throws {
        let path = try ImageSupport.build(["SUPPLY_DIRECT_SMPS"])
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        for round in 0..<3000 {
            var bytes = original
            for _ in 0..<(1 + round % 8) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            if round % 5 == 0 { bytes = Array(bytes.prefix(next() % bytes.count)) }
            guard let elf = try? ELFFile(bytes: bytes, name: "m.elf") else { continue }
            if let table = elf.section(".debug_line") {
                _ = DwarfLines(lines: table, lineStrings: elf.section(".debug_line_str"), strings: elf.section(".debug_str")).place(0x0800_00B8)
            }
            _ = elf.function(at: 0x0800_00B8)
        }
    }

    @Test func intelHexProblemsAreOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-hex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func read(_ text: String) -> String? {
            let url = folder.appendingPathComponent("a.hex")
            try? text.write(to: url, atomically: true, encoding: .utf8)
            do { _ = try FirmwareImage.read(url.path); return nil } catch let error as H7Error { return error.message } catch { return "\(error)" }
        }
        #expect(read(":020000040800F2\n:0400000000000220DA\n:00000001FF\n") == nil)
        #expect(read(":0400000000000220DB\n")?.contains("checksum mismatch") == true)
        #expect(read(":04000000000002\n")?.contains("record length") == true)
        #expect(read("hello\n")?.contains("not an Intel HEX record") == true)
        #expect(read(":0400000000000220DA\n:FF")?.contains("line 2") == true)
    }
}
