import H7Model

/// A check. Rules see only a `RuleContext`: no file system, no libclang.
public protocol Rule: Sendable {
    /// The rule's id (`H7-PWR-001`); its documentation is Rules/catalog/<id>.yml.
    var id: String { get }
    func check(_ context: RuleContext) -> [Finding]
}

/// What a rule sees: the project (with its facts), the knowledge base, and shared analyses.
public struct RuleContext: Sendable {
    public let project: Project
    public let knowledge: Knowledge
    public let supply: SupplyAnalysis
    public let voltage: VoltageAnalysis
    public let clocks: ClockAnalysis

    public init(project: Project, knowledge: Knowledge) {
        self.project = project
        self.knowledge = knowledge
        supply = SupplyAnalysis(project: project, knowledge: knowledge)
        voltage = VoltageAnalysis(project: project, knowledge: knowledge)
        clocks = ClockAnalysis(project: project, knowledge: knowledge, voltage: voltage)
    }

    public var device: Device? { project.device }
    public var board: Board? { project.board }

    /// A finding with the rule's default severity from its catalogue entry.
    public func finding(_ id: String, _ message: String, at range: SourceRange?, related: [RelatedLocation] = [],
                        fix: String? = nil, core: Core? = nil, notes: [String] = [], change: SettingChange? = nil,
                        clocks: [String] = [], headline: String? = nil) -> Finding {
        var finding = Finding(ruleID: id, severity: knowledge.ruleDocs[id]?.severity ?? .warning, message: message,
                              range: range, related: related, fix: fix, core: core, notes: notes, clocks: clocks)
        finding.change = change
        finding.headline = headline
        return finding
    }

    /// The best place for a project-level finding: SystemClock_Config, else the .ioc, else nothing.
    public var projectAnchor: SourceRange? {
        for core in project.cores {
            for source in core.sources {
                if let function = source.functions.first(where: { $0.name == "SystemClock_Config" }) {
                    return SourceRange(file: function.range.file, line: function.range.line, column: function.range.column)
                }
            }
        }
        return project.ioc.map { SourceRange(file: $0.file, line: 1) }
    }
}

/// Every rule h7lint has. Each family lists its own rules in its folder.
public enum RuleRegistry {
    public static let all: [any Rule] = (PowerRules.all + ClockRules.all + DebugRules.all + MetaRules.all).sorted { $0.id < $1.id }

    public static func rule(id: String) -> (any Rule)? { all.first { $0.id == id } }
}
