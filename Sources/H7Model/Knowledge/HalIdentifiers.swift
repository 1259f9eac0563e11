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
