/// The documentation of one rule (Rules/catalog/<ID>.yml).
public struct RuleDoc: Codable, Hashable, Sendable {
    public struct Example: Codable, Hashable, Sendable {
        public var name: String?
        public var board: String?
        public var defines: [String]?
        /// The severity the finding must have when it is not the rule's own (a board inferred, not named).
        public var severity: Severity?
        public var files: [String: String]
        /// The lines `--fix` changes per file, as `-old line` / `+new line` pairs (no entry: the finding has no
        /// certain fix).
        public var fixed: [String: String]?
    }

    public struct Examples: Codable, Hashable, Sendable {
        public var triggering: [Example]?
        public var nonTriggering: [Example]?

        enum CodingKeys: String, CodingKey {
            case triggering
            case nonTriggering = "non_triggering"
        }
    }

    /// What a rule needs before it can run; the engine skips it (and says so) when one is unknown.
    public enum Need: String, Codable, Hashable, Sendable {
        /// The board's wiring (a profile named or inferred).
        case board
        /// The part (CMSIS device define or `.ioc` part).
        case device
    }

    public var id: String
    public var title: String
    public var severity: Severity
    /// Why this severity (the severity model, docs/severity.md), with its source.
    public var severityWhy: String?
    /// `preview`: documented but not yet checked (no registered rule).
    public var status: String?
    public var needs: [Need]?
    /// HAL/LL calls, macros and register names the rule reads from C code: which C files are parsed
    /// and which dropped calls are recovered from tokens come from these.
    public var reads: [String]?
    public var summary: String
    public var what: String?
    public var why: String?
    public var example: String?
    public var fix: String?
    public var recovery: [String]?
    public var sources: [String]?
    public var examples: Examples?

    enum CodingKeys: String, CodingKey {
        case id, title, severity, status, needs, reads, summary, what, why, example, fix, recovery, sources, examples
        case severityWhy = "severity_why"
    }

    public func needs(_ need: Need) -> Bool { needs?.contains(need) ?? false }
}

/// A recovery procedure (Rules/recovery.yml).
public struct RecoveryProcedure: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var when: String?
    public var steps: [String]
    public var irreversible: Bool?
    public var source: String?
    /// The exact commands per probe tool (`cubeprogrammer`, `openocd`, `pyocd`); h7lint never runs them.
    public var commands: [String: [String]]?
    /// Probe tools whose commands were not run against a part by this project.
    public var commandsUnverified: [String]?
    public var commandsSource: String?

    enum CodingKeys: String, CodingKey {
        case id, title, when, steps, irreversible, source, commands
        case commandsUnverified = "commands_unverified"
        case commandsSource = "commands_source"
    }
}
