import H7Model

/// H7-META-003: the configuration h7lint checked reaches an `#error`: it does not build, so what its code
/// configures is not what any board runs. Reported once per directive; the findings about what the code
/// fails to configure (H7-PWR-004) are not reported for it.
public struct ConfigurationStopsRule: Rule {
    public let id = "H7-META-003"
    public init() {}

    /// Files that decide the supply and the clocks: an `#error` elsewhere (a port file of another toolchain that
    /// the keyword scan picked up) says nothing about the build h7lint checks.
    static let entryFunctions: Set<String> = ["SystemClock_Config", "ExitRun0Mode", "SystemInit", "main"]

    static func stopped(_ source: SourceFacts) -> Bool {
        !source.errorDirectives.isEmpty && source.functions.contains { entryFunctions.contains($0.name) }
    }

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let allowedIDs = context.board?.supply?.allowed.compactMap { context.knowledge.schemes.named($0)?.id }
        for core in context.project.cores {
            // A stop the wrong USE_PWR_* define leads to is part of H7-PWR-001's finding for that define.
            let supplyStop = allowedIDs.flatMap { SupplyMatchesBoardRule.supplyStop(core, context: context, allowedIDs: $0) }
            for source in core.sources where Self.stopped(source) {
                for directive in source.errorDirectives where directive.range == nil || directive.range != supplyStop {
                    let text = String(directive.message.dropFirst(ParseProblem.errorDirectivePrefix.count))
                    let defines = core.settings.map { "the defines of \($0.file)" } ?? "no build defines"
                    findings.append(context.finding(
                        id, "this configuration does not build: #error \(text)",
                        at: directive.range,
                        fix: "check the build configuration h7lint used (\(defines)); define what the #error asks for, or check the configuration that is really built",
                        core: core.core,
                        notes: ["H7-PWR-004 (supply never configured) is not judged for this configuration: its code is not what gets built"]))
                }
            }
        }
        return findings.uniqued()
    }
}
