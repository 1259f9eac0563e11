import H7Model

/// H7-PWR-001: the supply scheme the firmware selects is not one the board's wiring allows.
public struct SupplyMatchesBoardRule: Rule {
    public let id = "H7-PWR-001"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let board = context.board, let allowed = board.supply?.allowed, !allowed.isEmpty else { return [] }
        let allowedIDs = allowed.compactMap { context.knowledge.schemes.named($0)?.id }
        let wired = allowedIDs.joined(separator: " or ")
        var seen: Set<SourceRange> = []
        let change = context.certainSupply.map { SettingChange.supplyScheme($0.id) }
        var findings: [Finding] = context.supply.settings.compactMap { setting in
            guard let scheme = setting.scheme, !allowedIDs.contains(scheme.id), !setting.missingOnPart,
                  seen.insert(setting.range).inserted else { return nil }
            let suggested = allowedIDs.first.flatMap { context.knowledge.schemes.byID($0) }
            let fix = suggested.map { s -> String in
                switch setting.via {
                case .exitRun0Mode: "define \(s.useMacro) instead of \(setting.spelled) in the build settings"
                case .halCall: "call HAL_PWREx_ConfigSupply(\(s.hal))"
                case .llCall: "call LL_PWR_ConfigSupply(\(s.llName))"
                case .registerWrite: "configure the supply with HAL_PWREx_ConfigSupply(\(s.hal))"
                }
            }
            return hedged(context.finding(
                id, "supply set to \(scheme.id) (\(setting.via == .exitRun0Mode ? setting.spelled : scheme.hal)) but board \(board.displayName) is wired for \(wired)\(Self.outcome(board))",
                at: setting.range, related: setting.related, fix: fix, core: setting.core,
                change: change), board: board, context: context)
        }
        // The project's other build files and configurations: each one builds an image whose ExitRun0Mode
        // applies its own USE_PWR_* define.
        let schemes = context.knowledge.schemes
        for build in context.project.cores where context.supply.exitRun0ModeApplied[build.core] == true {
            // The checked configuration too when its ExitRun0Mode never ran the define: it stops at an #error that
            // the same define leads to (ST's examples guard the supply this way), which is part of this finding.
            let unapplied = !context.supply.settings.contains { $0.via == .exitRun0Mode && $0.core == build.core }
            for settings in build.allSettings where settings != build.settings || unapplied {
                for define in settings.defines where define.name.hasPrefix("USE_PWR_") {
                    guard let scheme = schemes.named(define.name), !allowedIDs.contains(scheme.id),
                          !(scheme.smpsOnly && context.device?.smps == false) else { continue }
                    let place = SourceRange(file: define.file ?? settings.file, line: define.line ?? 1)
                    guard seen.insert(place).inserted else { continue }
                    let origin = settings.configuration.map { "\(settings.file), configuration \($0)" } ?? settings.file
                    findings.append(hedged(context.finding(
                        id, "\(origin) selects \(scheme.id) (\(define.name)) but board \(board.displayName) is wired for \(wired)\(Self.imageOutcome(board))",
                        at: place, fix: allowedIDs.first.flatMap { schemes.byID($0) }.map { "define \($0.useMacro) instead of \(define.name) here" },
                        core: build.core, change: change), board: board, context: context))
                }
            }
        }
        // A checked configuration that stops at an #error the wrong define leads to: part of this finding.
        for build in context.project.cores {
            guard let stop = Self.supplyStop(build, context: context, allowedIDs: allowedIDs),
                  let index = findings.firstIndex(where: { $0.core == build.core }) ?? findings.indices.first else { continue }
            let origin = build.settings.map { s in s.configuration.map { "\(s.file), configuration \($0)" } ?? s.file } ?? "the checked build"
            findings[index].related.append(RelatedLocation(stop, "with this define the configuration stops at this #error"))
            findings[index].notes.append("\(origin) does not build: it stops at an #error in \(stop.file):\(stop.line), in the file whose ExitRun0Mode applies the define (H7-META-003 is not reported for it)")
        }
        findings += iocFindings(context, allowedIDs: allowedIDs, wired: wired, board: board, code: &findings)
            .map { hedged($0, board: board, context: context) }
        return Self.oneFindingPerMistake(findings)
    }

    /// The `#error` the checked configuration of `build` stops at when that stop is this rule's: it defines a
    /// `USE_PWR_*` the board is not wired for, and the `#error` is in the file that holds ExitRun0Mode (whose
    /// conditions test that define).
    static func supplyStop(_ build: CoreBuild, context: RuleContext, allowedIDs: [String]) -> SourceRange? {
        guard let checked = build.settings,
              checked.defines.contains(where: { define in
                  context.knowledge.schemes.named(define.name).map { !allowedIDs.contains($0.id) } ?? false }) else { return nil }
        for source in build.sources where ConfigurationStopsRule.stopped(source)
            && source.functions.contains(where: { $0.name == "ExitRun0Mode" }) {
            if let stop = source.errorDirectives.first(where: { $0.range?.file == source.file })?.range { return stop }
        }
        return nil
    }

    /// One wrong setting repeated across build files, configurations and cores is one finding: at its first place,
    /// with every other place as a related location and the affected builds named in a note.
    static func oneFindingPerMistake(_ findings: [Finding]) -> [Finding] {
        guard findings.count > 1, let first = findings.first else { return findings }
        var merged = first
        for other in findings.dropFirst() {
            guard let range = other.range else { continue }
            merged.related.append(RelatedLocation(range, "the same wrong scheme is selected here\(other.core.map { " (\($0.rawValue.uppercased()))" } ?? "")"))
            merged.notes += other.notes.filter { !merged.notes.contains($0) }
            if other.core != merged.core { merged.core = nil }
            if other.severity > merged.severity { merged.severity = other.severity }
        }
        merged.notes.append("\(findings.count) places select a scheme the board is not wired for; one fix changes them all (see the related locations)")
        return [merged]
    }

    /// What the wrong scheme does on this board: a lock-up at power-on, or, after a vendor bootloader that has
    /// already written the write-once PWR_CR3, a write that fails (HAL_ERROR) or is ignored.
    static func outcome(_ board: Board) -> String {
        guard let loader = board.supply?.bootloader else { return "; the MCU locks up at power-on and the debugger cannot connect" }
        return "; after \(loader.name), which has already set PWR_CR3 to \(loader.scheme), this write fails (HAL_PWREx_ConfigSupply returns HAL_ERROR) or is ignored (PWR_CR3 takes one write per power-on), and without that bootloader (an image at 0x0800 0000) the MCU locks up at power-on"
    }

    static func imageOutcome(_ board: Board) -> String {
        board.supply?.bootloader == nil ? "; an image built with it locks the MCU up at power-on and the debugger cannot connect"
            : "; for an image built with it\(outcome(board))"
    }

    /// A board whose supply wiring its profile marks unverified: one severity lower, as for an inferred board
    /// (which the engine lowers already).
    func hedged(_ finding: Finding, board: Board, context: RuleContext) -> Finding {
        guard board.supply?.unverified == true, context.project.boardInference == nil else { return finding }
        var f = finding
        f.severity = f.severity.lowered
        f.notes.append("board \(board.displayName)'s supply wiring is marked unverified in its profile (\(board.supply?.note ?? "sources disagree")): reported one severity lower")
        return f
    }

    /// The `.ioc` is the next build: a `RCC.SupplySource` the board does not allow is reported at the `.ioc` line,
    /// unless the code applies the same scheme (one root cause: that finding then says the `.ioc` holds it too).
    func iocFindings(_ context: RuleContext, allowedIDs: [String], wired: String, board: Board, code: inout [Finding]) -> [Finding] {
        guard let ioc = context.project.ioc, let stated = ioc.supplySource,
              let scheme = context.knowledge.schemes.named(stated), !allowedIDs.contains(scheme.id),
              !(scheme.smpsOnly && context.device?.smps == false) else { return [] }
        let place = SourceRange(file: ioc.file, line: ioc.line("RCC.SupplySource") ?? 1)
        let applied = context.supply.effective?.scheme?.id
        if applied == scheme.id, !code.isEmpty {
            for i in code.indices {
                code[i].notes.append("the .ioc selects it too (\(ioc.file):\(place.line) RCC.SupplySource=\(stated)): fix it in CubeMX as well, or the next code generation brings it back")
            }
            return []
        }
        let now = applied.map { "the code now applies \($0); " } ?? ""
        return [context.finding(
            id, "regenerating the code from this .ioc selects \(scheme.id) (\(stated)) on board \(board.displayName), which is wired for \(wired): \(now)the generated code would lock the MCU up at power-on",
            at: place, fix: context.knowledge.schemes.byID(allowedIDs.first ?? "").map { "choose \($0.hal) as the supply source in CubeMX (RCC.SupplySource)" },
            change: context.certainSupply.map { SettingChange.supplyScheme($0.id) })]
    }
}
