import Foundation
import H7Model

/// Entities a DOCTYPE declares (`<!ENTITY ext SYSTEM "defs.xml">`, `<!ENTITY ldo "USE_PWR_LDO_SUPPLY">`):
/// Foundation's XMLParser drops the text they stand for, and with it values of a define list, so a
/// document that uses one is refused with one line instead of being read without them.
enum XMLEntities {
    struct Declaration {
        var name: String
        /// The file an external entity names (SYSTEM or PUBLIC), nil for an internal one.
        var file: String?
    }

    /// Throws when the document refers (`&name;`) to an entity its DOCTYPE declares.
    static func refuseDeclared(_ bytes: [UInt8], display: String) throws {
        let keyword = Array("<!ENTITY".utf8)
        guard let first = find(keyword, in: bytes, from: 0) else { return }
        var declarations: [Declaration] = []
        var index = first
        var end = first
        while let start = find(keyword, in: bytes, from: index) {
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let words = String(decoding: bytes[(start + keyword.count)..<close], as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            if let name = words.first, name != "%" {
                let external = words.count > 2 && (words[1] == "SYSTEM" || words[1] == "PUBLIC")
                let file = external ? words.last.map { $0.trimmingCharacters(in: ["\"", "'"]) } : nil
                declarations.append(Declaration(name: String(name), file: file))
            }
            index = close + 1
            end = close + 1
        }
        for declaration in declarations {
            guard let at = find(Array("&\(declaration.name);".utf8), in: bytes, from: end) else { continue }
            let line = bytes[..<at].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let what = declaration.file.map { "refers to another file (\($0)), which h7lint does not read" }
                ?? "is declared in the DOCTYPE, which h7lint does not expand"
            throw H7Error.input("\(display):\(line): entity '&\(declaration.name);' \(what), so the values it holds are unknown: not read")
        }
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        ByteSearch.offset(of: needle, in: bytes, from: start)
    }
}
