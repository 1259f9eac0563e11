/// Another place that matters for a finding (the macro when the finding is on the call, ...).
public struct RelatedLocation: Codable, Hashable, Sendable {
    public var range: SourceRange
    public var message: String
    public init(_ range: SourceRange, _ message: String) {
        self.range = range
        self.message = message
    }
}

/// One risk h7lint reports.
public struct Finding: Codable, Hashable, Sendable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    /// Where it is; nil for project-level findings with no better place (reported on the project).
    public var range: SourceRange?
    public var related: [RelatedLocation]
    /// How to fix the code, specific to this finding (the rule doc has the general text).
    public var fix: String?
    /// The core it concerns, for dual-core projects.
    public var core: Core?
    /// Consequences of this finding's root cause and the evidence behind it, which are not reported as
    /// findings of their own (one wrong assumption is one finding).
    public var notes: [String]
    /// The setting a rule knows the right value of for certain (no guess): the fix planner makes `autofix` from it.
    public var change: SettingChange?
    /// The edits `--fix` applies (filled by the fix planner, not by rules).
    public var autofix: Autofix?
    /// The short message for one-line reports (`--format concise`), when the message's first clause is not one;
    /// `short` derives it otherwise. Not written to any report format of its own.
    public var headline: String?
    /// The clocks whose limit this finding reports (`cpu`, `apb1`, `pll1.vco`, `flash`), for the clock
    /// report's marks. Not written to any report format.
    public var clocks: [String] = []

    public init(ruleID: String, severity: Severity, message: String, range: SourceRange?,
                related: [RelatedLocation] = [], fix: String? = nil, core: Core? = nil, notes: [String] = [],
                clocks: [String] = []) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.range = range
        self.related = related
        self.fix = fix
        self.core = core
        self.notes = notes
        self.clocks = clocks
    }

    /// The message in one short clause, for one-line reports.
    public var short: String { headline ?? MessageText.headline(message) }

    enum CodingKeys: String, CodingKey { case ruleID, severity, message, range, related, fix, core, notes, change, autofix }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ruleID = try c.decode(String.self, forKey: .ruleID)
        severity = try c.decode(Severity.self, forKey: .severity)
        message = try c.decode(String.self, forKey: .message)
        range = try c.decodeIfPresent(SourceRange.self, forKey: .range)
        related = try c.decodeIfPresent([RelatedLocation].self, forKey: .related) ?? []
        fix = try c.decodeIfPresent(String.self, forKey: .fix)
        core = try c.decodeIfPresent(Core.self, forKey: .core)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        change = try c.decodeIfPresent(SettingChange.self, forKey: .change)
        autofix = try c.decodeIfPresent(Autofix.self, forKey: .autofix)
    }
}
