/// The documentation of one rule (Rules/catalog/<ID>.yml).
public struct RuleDoc: Codable, Hashable, Sendable {
    public struct Example: Codable, Hashable, Sendable {
        public var name: String?
        public var board: String?
        public var defines: [String]?
        public var files: [String: String]
    }

    public struct Examples: Codable, Hashable, Sendable {
        public var triggering: [Example]?
        public var nonTriggering: [Example]?

        enum CodingKeys: String, CodingKey {
            case triggering
            case nonTriggering = "non_triggering"
        }
    }

    public var id: String
    public var title: String
    public var severity: Severity
    public var summary: String
    public var what: String?
    public var why: String?
    public var example: String?
    public var fix: String?
    public var recovery: [String]?
    public var sources: [String]?
    public var examples: Examples?
}

/// A recovery procedure (Rules/recovery.yml).
public struct RecoveryProcedure: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var when: String?
    public var steps: [String]
    public var irreversible: Bool?
    public var source: String?
}
