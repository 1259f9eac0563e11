import Foundation
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

    /// name → value for one part (identifiers that do not exist there are left out). Worked out once per
    /// feature set: every parse and several rules ask, and a run sees few parts.
    public func values(features: Set<String>) -> [String: Int] {
        memo.value(features) {
            var result: [String: Int] = [:]
            for (name, identifier) in byName {
                if let value = identifier.value(features: features) { result[name] = value }
            }
            return result
        }
    }
    private let memo = ValuesMemo()

    /// The value an identifier has on any part (for naming it in messages when it does not exist here).
    public func anyValue(_ name: String) -> Int? {
        guard let identifier = byName[name] else { return nil }
        return identifier.value ?? identifier.values?.first?.value
    }
}

/// The values per feature set (HalIdentifierTable.values), kept for the table's life; few parts per run.
final class ValuesMemo: @unchecked Sendable {
    private var known: [Set<String>: [String: Int]] = [:]
    private let lock = NSLock()

    func value(_ features: Set<String>, orMake make: () -> [String: Int]) -> [String: Int] {
        if let hit = lock.withLock({ known[features] }) { return hit }
        let made = make()
        lock.withLock { if known.count < 64 { known[features] = made } }
        return made
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
        var text = text
        return try text.withUTF8 { try decode(bytes: $0) }
    }

    /// Works on the bytes: Character-level splitting took as long as the JSON it replaces.
    private static func decode(bytes: UnsafeBufferPointer<UInt8>) throws -> [HalIdentifier] {
        let bad = H7Error(.internal, "the built-in identifier list does not decode")
        let equals = UInt8(ascii: "="), comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";"), colon = UInt8(ascii: ":")
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        func pieces(_ range: Range<Int>, _ separator: UInt8) -> [Range<Int>] {
            var out: [Range<Int>] = [], start = range.lowerBound
            for i in range where bytes[i] == separator {
                out.append(start..<i)
                start = i + 1
            }
            out.append(start..<range.upperBound)
            return out
        }
        /// `=` and what follows, or nil for an empty field.
        func optional(_ range: Range<Int>) throws -> Range<Int>? {
            guard !range.isEmpty else { return nil }
            guard bytes[range.lowerBound] == equals else { throw bad }
            return (range.lowerBound + 1)..<range.upperBound
        }
        func names(_ range: Range<Int>) throws -> [String]? {
            guard let inner = try optional(range) else { return nil }
            return inner.isEmpty ? [] : pieces(inner, comma).map(text)
        }
        func number(_ range: Range<Int>) throws -> Int {
            var i = range.lowerBound, negative = false
            if i < range.upperBound, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            guard i < range.upperBound else { throw bad }
            var value = 0
            while i < range.upperBound {
                let digit = Int(bytes[i]) - 48
                guard (0...9).contains(digit) else { throw bad }
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw bad }
                value = sum
                i += 1
            }
            return negative ? -value : value
        }
        var list: [HalIdentifier] = []
        for line in pieces(0..<bytes.count, record) where !line.isEmpty {
            let fields = pieces(line, field)
            guard fields.count == 5 else { throw bad }
            var values: [HalIdentifier.Conditional]?
            if let entries = try optional(fields[3]) {
                values = try pieces(entries, semicolon).map { entry in
                    guard let cut = entry.last(where: { bytes[$0] == colon }) else { throw bad }
                    return HalIdentifier.Conditional(when: try names(entry.lowerBound..<cut), value: try number((cut + 1)..<entry.upperBound))
                }
            }
            list.append(HalIdentifier(name: text(fields[0]), value: fields[1].isEmpty ? nil : try number(fields[1]), values: values,
                                      when: try names(fields[2]), source: try optional(fields[4]).map(text)))
        }
        return list
    }
}
