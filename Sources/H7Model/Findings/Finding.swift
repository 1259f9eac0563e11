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

    public init(ruleID: String, severity: Severity, message: String, range: SourceRange?,
                related: [RelatedLocation] = [], fix: String? = nil, core: Core? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.range = range
        self.related = related
        self.fix = fix
        self.core = core
    }
}
