/// Values of HAL/LL/CMSIS identifiers (Rules/hal-identifiers.yml), so arguments evaluate without headers.
public struct HalIdentifier: Codable, Hashable, Sendable {
    public struct Conditional: Codable, Hashable, Sendable {
        public var when: [String]?
        public var value: Int
    }

    public var name: String
    public var value: Int?
    public var values: [Conditional]?
    /// Defined only on parts with all these features.
    public var when: [String]?
    public var source: String?

    /// The value on a part with these features, or nil when the identifier does not exist there.
    public func value(features: Set<String>) -> Int? {
        if let when, !Set(when).isSubset(of: features) { return nil }
        if let value { return value }
        return values?.first { Set($0.when ?? []).isSubset(of: features) }?.value
    }
}

public struct HalIdentifierTable: Sendable {
    public let byName: [String: HalIdentifier]

    public init(_ identifiers: [HalIdentifier]) {
        var map: [String: HalIdentifier] = [:]
        for identifier in identifiers { map[identifier.name] = identifier }
        byName = map
    }

    /// name → value for one part (identifiers that do not exist there are left out).
    public func values(features: Set<String>) -> [String: Int] {
        var result: [String: Int] = [:]
        for (name, identifier) in byName {
            if let value = identifier.value(features: features) { result[name] = value }
        }
        return result
    }

    /// The value an identifier has on any part (for naming it in messages when it does not exist here).
    public func anyValue(_ name: String) -> Int? {
        guard let identifier = byName[name] else { return nil }
        return identifier.value ?? identifier.values?.first?.value
    }
}

/// The identifier list as h7lint carries it built in: one record per identifier, records apart by `^`,
/// fields by `|`
/// (name, value, when, values, source). An absent field is empty, a present one starts with `=`; a list
/// is joined by `,`, `values` entries by `;` as `when:value`. Decoding it takes a few million
/// instructions where JSON took forty, and every check reads the identifiers (the stand-in header and
/// the rules). A name or source with `|` or `^` in it stops the build (H7KnowledgeGen), as does any
/// list that does not decode back to the same identifiers.
public enum CompactIdentifiers {
    static let field = UInt8(ascii: "|"), record = UInt8(ascii: "^")

    public static func encode(_ list: [HalIdentifier]) throws -> String {
        for identifier in list {
            let texts = [identifier.name, identifier.source ?? ""] + (identifier.when ?? [])
                + (identifier.values ?? []).flatMap { $0.when ?? [] }
            if texts.contains(where: { $0.contains("|") || $0.contains("^") }) {
                throw H7Error.input("hal-identifiers.yml: \(identifier.name): '|' and '^' cannot be built into h7lint (its identifier list uses them as separators)")
            }
        }
        func optional(_ text: String?) -> String { text.map { "=" + $0 } ?? "" }
        func names(_ list: [String]?) -> String { optional(list?.joined(separator: ",")) }
        return list.map { identifier in
            let values = identifier.values.map { entries in
                entries.map { names($0.when) + ":" + String($0.value) }.joined(separator: ";")
            }
            return [identifier.name, identifier.value.map(String.init) ?? "", names(identifier.when), optional(values),
                    optional(identifier.source)].joined(separator: "|")
        }.joined(separator: "^")
    }

    public static func decode(_ text: String) throws -> [HalIdentifier] {
        func bad() -> H7Error { H7Error(.internal, "the built-in identifier list does not decode") }
        func optional(_ field: Substring) -> Substring? { field.first == "=" ? field.dropFirst() : nil }
        func names(_ field: Substring) -> [String]? {
            optional(field).map { $0.isEmpty ? [] : $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        var list: [HalIdentifier] = []
        for line in text.utf8.split(separator: record) {
            let fields = line.split(separator: field, omittingEmptySubsequences: false).map { Substring($0) }
            guard fields.count == 5 else { throw bad() }
            var value: Int?
            if !fields[1].isEmpty {
                guard let number = Int(fields[1]) else { throw bad() }
                value = number
            }
            var values: [HalIdentifier.Conditional]?
            if let entries = optional(fields[3]) {
                values = try entries.split(separator: ";", omittingEmptySubsequences: false).map { entry in
                    guard let colon = entry.lastIndex(of: ":"), let number = Int(entry[entry.index(after: colon)...]) else { throw bad() }
                    return HalIdentifier.Conditional(when: names(entry[..<colon]), value: number)
                }
            }
            list.append(HalIdentifier(name: String(fields[0]), value: value, values: values, when: names(fields[2]),
                                      source: optional(fields[4]).map(String.init)))
        }
        return list
    }
}
