import Foundation
import H7Model

/// An image as the emulator needs it, from an ELF, an Intel HEX or a raw binary: the bytes at their load
/// addresses and, where the file has them, symbols and DWARF lines.
public struct FirmwareImage: Sendable {
    public var path: String
    public var chunks: [ELFFile.Chunk]
    public var elf: ELFFile?
    public var lines: DwarfLines?
    /// Where the vector table is (the start of `.isr_vector`, else the lowest flash address).
    public var vectorTable: UInt32

    public enum Format: String, Sendable { case elf, hex, bin }

    /// Reads `path`; `loadAddress` is where a raw binary starts (default 0x08000000).
    public static func read(_ path: String, format explicit: Format? = nil, loadAddress: UInt32? = nil) throws -> FirmwareImage {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw H7Error.input("\(path): no such file") }
        guard !isDirectory.boolValue else { throw H7Error.input("\(path): a folder, not an image file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= ImageLimits.maxFileBytes else {
            throw H7Error.input("\(path): \(size / 1_048_576) MB, larger than any STM32H7 image (\(ImageLimits.maxFileBytes / 1_048_576) MB at most)")
        }
        guard let data = try? Data(contentsOf: url) else { throw H7Error.input("\(path): cannot be read") }
        let bytes = [UInt8](data)
        guard !bytes.isEmpty else { throw H7Error.input("\(path): empty file") }
        let format = explicit ?? detect(path: path, bytes: bytes)
        switch format {
        case .elf:
            let elf = try ELFFile(bytes: bytes, name: path)
            var lines: DwarfLines?
            if let table = elf.section(".debug_line") {
                var parsed = DwarfLines(lines: table, lineStrings: elf.section(".debug_line_str"), strings: elf.section(".debug_str"))
                parsed.resolveRelative(against: url.deletingLastPathComponent().path)
                if !parsed.isEmpty { lines = parsed }
            }
            let isr: UInt32? = elf.sections.first { $0.name == ".isr_vector" && $0.size >= 8 }?.address
            let vectors = isr ?? lowestFlash(elf.chunks)
            return FirmwareImage(path: path, chunks: elf.chunks, elf: elf, lines: lines, vectorTable: vectors)
        case .hex:
            let chunks = try IntelHex.parse(bytes, name: path)
            return FirmwareImage(path: path, chunks: chunks, elf: nil, lines: nil, vectorTable: lowestFlash(chunks))
        case .bin:
            guard bytes.count <= ImageLimits.maxLoadBytes else { throw H7Error.input("\(path): larger than any STM32H7 flash") }
            let base = loadAddress ?? 0x0800_0000
            return FirmwareImage(path: path, chunks: [ELFFile.Chunk(address: base, bytes: bytes)], elf: nil, lines: nil, vectorTable: base)
        }
    }

    /// The lowest address loaded in flash (0x08000000-0x08FFFFFF), else the lowest address loaded.
    static func lowestFlash(_ chunks: [ELFFile.Chunk]) -> UInt32 {
        let addresses: [UInt32] = chunks.map { $0.address }
        let flash: [UInt32] = addresses.filter { $0 >= 0x0800_0000 && $0 < 0x0900_0000 }
        return flash.min() ?? addresses.min() ?? 0
    }

    /// A path named like an image file (`.elf`, `.axf`, `.out`, `.hex`, `.ihex`, `.bin`) that is a file, not a folder.
    public static func isImagePath(_ path: String) -> Bool {
        let lower = path.lowercased()
        guard [".elf", ".axf", ".out", ".hex", ".ihex", ".bin"].contains(where: lower.hasSuffix) else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    static func detect(path: String, bytes: [UInt8]) -> Format {
        if bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return .elf }
        if bytes.first == UInt8(ascii: ":") || path.lowercased().hasSuffix(".hex") || path.lowercased().hasSuffix(".ihex") { return .hex }
        if path.lowercased().hasSuffix(".bin") { return .bin }
        return .elf
    }

    /// A 32-bit word of the image's bytes.
    public func word(at address: UInt32) -> UInt32? {
        for chunk in chunks where address >= chunk.address && UInt64(address) + 4 <= UInt64(chunk.address) + UInt64(chunk.bytes.count) {
            return ByteReader(chunk.bytes).u32(at: Int(address - chunk.address))
        }
        return nil
    }

    public var hasSymbols: Bool { !(elf?.symbols.isEmpty ?? true) }

    /// `main.c:42` style place of an address, and its function.
    public func describe(_ address: UInt32) -> (place: DwarfLines.Place?, function: String?) {
        let f = elf?.function(at: address).map { $0.offset == 0 ? $0.name : "\($0.name)+0x\(String($0.offset, radix: 16))" }
        return (lines?.place(address), f)
    }

    /// The function's name without the offset.
    public func functionName(_ address: UInt32) -> String? { elf?.function(at: address)?.name }
}
