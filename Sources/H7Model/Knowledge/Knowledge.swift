import Foundation
import Yams

/// Everything in Rules/: devices, boards, supply schemes, HAL identifiers, rule docs, recovery steps.
/// Loaded once per run; immutable afterwards.
public struct Knowledge: Sendable {
    public let directory: URL
    /// The knowledge's parts, each decoded when first read when it comes from the executable (`init(sections:)`).
    private let parts: Parts

    public var schemes: SupplySchemes { parts.schemes.schemes }
    /// Smallest VCAP per pin for schemes with the LDO on (Rules/supply-schemes.yml).
    public var ldoVcapMinUF: Double? { parts.schemes.ldoVcapMinUF }
    public var lines: [DeviceLine] { parts.lines }
    public var boards: [Board] { parts.boards }
    public var identifiers: HalIdentifierTable { parts.identifiers.table }
    public var ruleDocs: [String: RuleDoc] { parts.ruleDocs }
    public var recovery: [String: RecoveryProcedure] { parts.recovery.byID }
    /// Rules/recovery.yml whole: the probe tools and part families the procedures' commands need.
    public var recoveryBook: RecoveryBook { parts.recovery.book }
    /// PlatformIO board ids (Rules/platformio-boards.yml).
    public var platformioBoards: [PlatformIOBoard] { parts.platformioBoards }
    /// Rules/prelude/h7lint_prelude.h: the declarations that stand in for missing HAL headers.
    public var preludeHeader: String { parts.preludeHeader }
    /// The identifier list as loaded, for the snapshot.
    var identifierList: [HalIdentifier] { parts.identifiers.list }
    /// Every name some rule reads from C code (`reads:`), sorted (RuleNeeds).
    public var readNames: [String] { parts.readNames }
    /// The HAL/LL/CMSIS calls among `readNames` (RuleNeeds).
    public var readCalls: Set<String> { parts.readCalls }

    public init(directory: URL) throws {
        self.directory = directory
        let loader = YAMLLoader(root: directory)
        struct SchemeFile: Decodable {
            var schemes: [SupplyScheme]
            var ldo_vcap_min_uf: Double?
        }
        let schemeFile = try loader.decode(SchemeFile.self, "supply-schemes.yml")
        let schemes = SupplySchemes(schemeFile.schemes)
        let lines = try loader.decodeAll(DeviceLine.self, in: "devices")
        let boardReader = BoardProfileReader(schemes: schemes, lines: lines)
        let boards = try loader.files(in: "boards").map { url in
            var board = try boardReader.read(url)
            board.origin = "built-in"
            return board
        }
        struct IdentifierFile: Decodable { var identifiers: [HalIdentifier] }
        let identifierList = (try? loader.decode(IdentifierFile.self, "hal-identifiers.yml").identifiers) ?? []
        let ruleDocs = Dictionary(try loader.decodeAll(RuleDoc.self, in: "catalog").map { ($0.id, $0) },
                                  uniquingKeysWith: { a, _ in a })
        let recoveryBook = (try? loader.decode(RecoveryBook.self, "recovery.yml")) ?? RecoveryBook()
        struct PlatformIOFile: Decodable { var boards: [PlatformIOBoard] }
        let platformioBoards = try loader.decode(PlatformIOFile.self, "platformio-boards.yml").boards
        try Self.check(platformioBoards, boards: boards, lines: lines, file: directory.appendingPathComponent("platformio-boards.yml"))
        let prelude = directory.appendingPathComponent("prelude/h7lint_prelude.h")
        guard let header = try? String(contentsOf: prelude, encoding: .utf8) else {
            throw H7Error.input("\(prelude.path): h7lint's prelude header is missing")
        }
        parts = Parts(schemes: (schemes, schemeFile.ldo_vcap_min_uf), lines: lines, boards: boards, identifiers: identifierList,
                      ruleDocs: ruleDocs, recovery: recoveryBook, platformioBoards: platformioBoards, preludeHeader: header)
    }

    /// Everything loaded from Rules/, in a form that is cheap to decode: the executable carries it (see
    /// Plugins/EmbedKnowledge), so an installed h7lint needs no Rules/ folder and parses no YAML.
    public struct Snapshot: Codable, Sendable {
        public var schemes: [SupplyScheme]
        public var ldoVcapMinUF: Double?
        public var lines: [DeviceLine]
        public var boards: [Board]
        public var identifiers: [HalIdentifier]
        public var ruleDocs: [RuleDoc]
        public var recovery: RecoveryBook
        public var platformioBoards: [PlatformIOBoard]
        public var preludeHeader: String
    }

    public var snapshot: Snapshot {
        Snapshot(schemes: schemes.all, ldoVcapMinUF: ldoVcapMinUF, lines: lines, boards: boards, identifiers: identifierList,
                 ruleDocs: ruleDocs.values.sorted { $0.id < $1.id }, recovery: recoveryBook,
                 platformioBoards: platformioBoards, preludeHeader: preludeHeader)
    }

    /// The knowledge a snapshot holds; `directory` only names where it came from in messages.
    public init(snapshot: Snapshot, directory: URL) {
        self.directory = directory
        parts = Parts(schemes: (SupplySchemes(snapshot.schemes), snapshot.ldoVcapMinUF), lines: snapshot.lines,
                      boards: Self.builtIn(snapshot.boards), identifiers: snapshot.identifiers,
                      ruleDocs: Dictionary(snapshot.ruleDocs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                      recovery: snapshot.recovery, platformioBoards: snapshot.platformioBoards, preludeHeader: snapshot.preludeHeader)
    }

    static func builtIn(_ boards: [Board]) -> [Board] {
        boards.map { board in
            var board = board
            board.origin = "built-in"
            return board
        }
    }

    /// The snapshot cut into parts a command decodes only when it reads them (`h7lint rules` reads the
    /// catalogue, `--version` nothing): each a JSON document on one line, except the identifiers
    /// (`CompactIdentifiers`).
    /// Each rule's catalogue examples are a part of their own (`examples:ID`).
    public static func sections(of snapshot: Snapshot) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        var examples: [String: RuleDoc.Examples] = [:]
        let docs = snapshot.ruleDocs.map { doc -> RuleDoc in
            var doc = doc
            if let value = doc.examples { examples[doc.id] = value }
            doc.examples = nil
            return doc
        }
        var sections = ["schemes": try json(SchemeSection(schemes: snapshot.schemes, ldoVcapMinUF: snapshot.ldoVcapMinUF)),
                        "boards": try json(snapshot.boards),
                        "identifiers": try CompactIdentifiers.encode(snapshot.identifiers), "ruleDocs": try json(docs),
                        "recovery": try json(snapshot.recovery), "platformioBoards": try json(snapshot.platformioBoards),
                        "preludeHeader": try json(snapshot.preludeHeader)]
        for (id, value) in examples { sections[examplesPrefix + id] = try json(value) }
        sections["lineIndex"] = try json(LineIndex(snapshot.lines))
        for (position, line) in snapshot.lines.enumerated() { sections[linePrefix + String(position)] = try json(line) }
        return sections
    }

    /// The knowledge of `sections(of:)`, each part decoded when first read. The parts were made by this
    /// version of h7lint at build time (H7KnowledgeGen decodes them all back before writing them), so a
    /// part that does not decode is a broken build: it stops the program, never reads as empty.
    public init(sections: [String: String], directory: URL) {
        self.directory = directory
        parts = Parts(sections: sections)
    }

    static let examplesPrefix = "examples:"
    /// Each device line is a part of its own too (`line:N`, in file order), found through `lineIndex`: a check
    /// decodes its project's line only.
    static let linePrefix = "line:"

    struct SchemeSection: Codable {
        var schemes: [SupplyScheme]
        var ldoVcapMinUF: Double?
    }

    /// The device for a CMSIS define (`STM32H745xx`), case-insensitively.
    public func device(define: String) -> Device? {
        device { $0.define.caseInsensitiveCompare(define) == .orderedSame }
    }

    /// The device for a part name (`STM32H745ZITx`, `STM32H755ZIT6`, `STM32H745XIHx:CM7`).
    public func device(partName: String) -> Device? {
        let name = partName.split(separator: ":").first.map(String.init)?.uppercased() ?? ""
        return device { $0.partNumbers.contains(where: { Glob.matches($0.uppercased(), name) }) }
    }

    /// The device of exactly this part (as a kept report names it).
    public func device(part: Part) -> Device? {
        let found = device { $0.define == part.define && $0.partNumbers == part.partNumbers }
        return found?.part == part ? found : nil
    }

    /// The first part, in file order, that `matches`, with its line.
    private func device(where matches: (LineIndex.Entry) -> Bool) -> Device? {
        for (position, entries) in parts.lineIndex.lines.enumerated() {
            guard let index = entries.firstIndex(where: matches) else { continue }
            let line = parts.line(position)
            return Device(part: line.parts[index], line: line)
        }
        return nil
    }

    /// All CMSIS device defines, for picking the device out of a define list.
    public var deviceDefines: Set<String> { parts.lineIndex.defines }

    /// A built-in board by id or alias, with `:variant`.
    public func board(named spec: String) -> Board? {
        let (name, variant) = Self.splitVariant(spec)
        guard let board = boards.first(where: { $0.matches(name: name) }) else { return nil }
        guard let variant else { return board }
        return board.applying(variant: variant)
    }

    /// A PlatformIO board id (`nucleo_h745zi_q`), as PlatformIO spells it.
    public func platformioBoard(id: String) -> PlatformIOBoard? { platformioBoards.first { $0.id == id } }

    /// Every row names a known part and, when it names one, a built-in board of that part.
    static func check(_ rows: [PlatformIOBoard], boards: [Board], lines: [DeviceLine], file: URL) throws {
        for row in rows {
            guard lines.contains(where: { $0.parts.contains { $0.define == row.device } }) else {
                throw H7Error.input("\(file.path): PlatformIO board '\(row.id)': device '\(row.device)' is not a CMSIS device define h7lint knows")
            }
            guard let name = row.board else { continue }
            guard let board = boards.first(where: { $0.id == name }) else {
                throw H7Error.input("\(file.path): PlatformIO board '\(row.id)': no built-in board profile '\(name)'")
            }
            guard board.device == row.device else {
                throw H7Error.input("\(file.path): PlatformIO board '\(row.id)' is a \(row.device) but profile \(name) is a \(board.device)")
            }
        }
    }

    /// Loads a user's board profile file, with an optional `:variant` suffix.
    public func loadBoard(file: URL, variant: String?) throws -> Board {
        var board = try BoardProfileReader(schemes: schemes, lines: lines).read(file)
        board.origin = file.path
        guard let variant else { return board }
        guard let applied = board.applying(variant: variant) else {
            throw H7Error.input("\(file.path): board '\(board.id)' has no variant '\(variant)'")
        }
        return applied
    }

    public static func splitVariant(_ spec: String) -> (String, String?) {
        guard let colon = spec.lastIndex(of: ":"), !spec[spec.index(after: colon)...].contains("/") else {
            return (spec, nil)
        }
        return (String(spec[..<colon]), String(spec[spec.index(after: colon)...]))
    }
}

/// Shell-style globs with `?` and `*` (no character classes), for part numbers.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}

/// Reads YAML files under Rules/ and turns any problem into one line naming the file.
struct YAMLLoader {
    let root: URL

    func decode<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        try Self.decodeFile(type, root.appendingPathComponent(relative))
    }

    func decodeAll<T: Decodable>(_ type: T.Type, in folder: String) throws -> [T] {
        try files(in: folder).map { try Self.decodeFile(type, $0) }
    }

    /// The `.yml` and `.yaml` files of a folder, sorted by name.
    func files(in folder: String) -> [URL] {
        let dir = root.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
        return names.map { dir.appendingPathComponent($0) }
    }

    static func decodeFile<T: Decodable>(_ type: T.Type, _ url: URL) throws -> T {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw H7Error.input("\(url.path): cannot read the file (\(FileManager.default.fileExists(atPath: url.path) ? "not UTF-8 text or unreadable" : "no such file"))")
        }
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            throw H7Error.input("\(url.path): \(describe(error))")
        } catch let error as YamlError {
            throw H7Error.input("\(url.path): invalid YAML: \(describe(error))")
        } catch {
            throw H7Error.input("\(url.path): \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing key '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad value at '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func describe(_ error: YamlError) -> String {
        "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}

/// The parts of `Knowledge`: given whole (loaded from Rules/ or a snapshot), or decoded from their JSON
/// on first use, once, under a lock.
private final class Parts: @unchecked Sendable {
    typealias Schemes = (schemes: SupplySchemes, ldoVcapMinUF: Double?)
    typealias Identifiers = (list: [HalIdentifier], table: HalIdentifierTable)
    typealias Recovery = (book: RecoveryBook, byID: [String: RecoveryProcedure])

    private let lock = NSLock()
    private let sections: [String: String]
    private var _schemes: Schemes?
    private var _lines: [DeviceLine]?
    private var _lineIndex: LineIndex?
    private var _line: [Int: DeviceLine] = [:]
    private var _boards: [Board]?
    private var _identifiers: Identifiers?
    private var _ruleDocs: [String: RuleDoc]?
    private var _recovery: Recovery?
    private var _platformioBoards: [PlatformIOBoard]?
    private var _preludeHeader: String?
    private var _readNames: [String]?
    private var _readCalls: Set<String>?

    init(schemes: Schemes, lines: [DeviceLine], boards: [Board], identifiers: [HalIdentifier], ruleDocs: [String: RuleDoc],
         recovery: RecoveryBook, platformioBoards: [PlatformIOBoard], preludeHeader: String) {
        sections = [:]
        _preludeHeader = preludeHeader
        _schemes = schemes
        _lines = lines
        _lineIndex = LineIndex(lines)
        _boards = boards
        _identifiers = (identifiers, HalIdentifierTable(identifiers))
        _ruleDocs = ruleDocs
        _recovery = (recovery, Self.byID(recovery))
        _platformioBoards = platformioBoards
    }

    init(sections: [String: String]) { self.sections = sections }

    var schemes: Schemes {
        once(\._schemes) {
            let section = decode(Knowledge.SchemeSection.self, "schemes")
            return (SupplySchemes(section.schemes), section.ldoVcapMinUF)
        }
    }
    var lines: [DeviceLine] {
        if let all = lock.withLock({ _lines }) { return all }
        let all = lineIndex.lines.indices.map(line)
        lock.withLock { _lines = all }
        return all
    }
    var lineIndex: LineIndex {
        once(\._lineIndex) { decode(LineIndex.self, "lineIndex") }
    }
    /// One device line (file order), decoded alone unless all are at hand.
    func line(_ position: Int) -> DeviceLine {
        if let all = lock.withLock({ _lines }) { return all[position] }
        if let known = lock.withLock({ _line[position] }) { return known }
        let decoded = decode(DeviceLine.self, Knowledge.linePrefix + String(position))
        lock.withLock { _line[position] = decoded }
        return decoded
    }
    var boards: [Board] { once(\._boards) { Knowledge.builtIn(decode([Board].self, "boards")) } }
    var identifiers: Identifiers {
        once(\._identifiers) {
            do {
                let list = try CompactIdentifiers.decode(sections["identifiers"] ?? "")
                return (list, HalIdentifierTable(list))
            } catch {
                fatalError("h7lint: the knowledge built into h7lint does not decode (rebuild h7lint): identifiers")
            }
        }
    }
    var ruleDocs: [String: RuleDoc] {
        once(\._ruleDocs) {
            let docs = decode([RuleDoc].self, "ruleDocs").map { doc -> RuleDoc in
                var doc = doc
                if let json = sections[Knowledge.examplesPrefix + doc.id] { doc.lazyExamples = LazyExamples(json: Data(json.utf8)) }
                return doc
            }
            return Dictionary(docs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }
    var recovery: Recovery {
        once(\._recovery) {
            let book = decode(RecoveryBook.self, "recovery")
            return (book, Self.byID(book))
        }
    }
    var platformioBoards: [PlatformIOBoard] { once(\._platformioBoards) { decode([PlatformIOBoard].self, "platformioBoards") } }
    var preludeHeader: String { once(\._preludeHeader) { decode(String.self, "preludeHeader") } }
    // What they are made from is read first: `once` holds the lock while it makes a value.
    var readNames: [String] {
        let docs = ruleDocs
        return once(\._readNames) { Knowledge.readNames(of: docs) }
    }
    var readCalls: Set<String> {
        let names = readNames
        return once(\._readCalls) { Knowledge.readCalls(among: names) }
    }

    private static func byID(_ book: RecoveryBook) -> [String: RecoveryProcedure] {
        Dictionary(book.procedures.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private func once<T>(_ slot: ReferenceWritableKeyPath<Parts, T?>, _ make: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let value = self[keyPath: slot] { return value }
        let value = make()
        self[keyPath: slot] = value
        return value
    }

    private func decode<T: Decodable>(_ type: T.Type, _ name: String) -> T {
        do {
            guard let text = sections[name] else { throw H7Error(.internal, "no part '\(name)'") }
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            fatalError("h7lint: the knowledge built into h7lint does not decode (rebuild h7lint): \(name): \(error)")
        }
    }
}

/// What finds a device without decoding every line: each line's parts (define and part numbers), in file order.
struct LineIndex: Codable {
    struct Entry: Codable {
        var define: String
        var partNumbers: [String]
    }

    var lines: [[Entry]]

    init(_ lines: [DeviceLine]) {
        self.lines = lines.map { $0.parts.map { Entry(define: $0.define, partNumbers: $0.partNumbers) } }
    }

    var defines: Set<String> { Set(lines.joined().map(\.define)) }
}
