import H7Model

/// Where the `HSE_VALUE` a core's build sees comes from.
public struct HSEValueDefinition: Hashable, Sendable {
    public var hz: Int?
    public var spelled: String
    public var range: SourceRange?
    /// `-D` (build define) or the header that defines it.
    public var origin: String
}

/// The clocks of one core, as its code sets them.
public struct CoreClocks: Hashable, Sendable {
    public var core: Core?
    /// `SystemClock_Config` first (when the core defines it), then other functions that change the clocks.
    public var configurations: [ClockConfiguration]
    public var hseValue: HSEValueDefinition?
    /// What states or implies the HSE frequency, and the value the clocks were computed with.
    public var hse: HSEEvidence

    public var primary: ClockConfiguration? { configurations.first }
}

/// The clock trees of a project: per core from the code it compiles, and one from the `.ioc`.
public struct ClockAnalysis: Sendable {
    public let cores: [CoreClocks]
    /// The tree the `.ioc`'s `RCC.*` keys describe (nil without `.ioc` or without RCC keys).
    public let ioc: IocClocks?

    public init(project: Project, knowledge: Knowledge, voltage: VoltageAnalysis) {
        let table = knowledge.identifiers.values(features: project.device?.features ?? [])
        let decoder = ClockDecoder(table: table)
        let iocClocks = project.ioc.flatMap { IocClocks(ioc: $0) }
        var cores: [CoreClocks] = []
        for build in project.cores {
            let hseValue = Self.hseValue(build)
            // Several settings can share a place: an image's writes at one DWARF line (a macro writing PWR->D3CR
            // and SYSCFG->PWRCR, a HAL function run twice); each event takes the setting that is its own.
            let voltageHere = Dictionary(grouping: voltage.settings.filter { $0.core == build.core }, by: \.range)
            let oden = project.device?.line.vos0Mechanism == "oden"
            let run = { (start: ClockInputs) in
                Self.configurations(build, decoder: decoder, voltage: voltageHere, start: start, oden: oden)
            }
            var evidence = Self.statements(project: project, ioc: iocClocks, hseValue: hseValue)
            // The PLL settings do not depend on the HSE frequency: one pass without it tells what they imply.
            (evidence.implied, evidence.impliedBy) = HSEEvidence.implied(by: evidence.statements.isEmpty ? [] : run(ClockInputs()),
                                                                         limits: project.device?.line.pll)
            var alone = 0
            if Set(evidence.statements.map { Int($0.hz.rounded()) }).count == 1, let only = evidence.statements.first,
               !evidence.fits(only.hz), let line = project.device?.line {
                var probe = ClockInputs()
                probe.hseHz = .fixed(only.hz, "\(only.hz)")
                alone = run(probe).flatMap(\.pllStarts).flatMap { ClockLimits.pllChecks($0.clocks, line: line) }
                    .filter(\.isViolated).count
            }
            evidence.decide(violationsIfAlone: alone)
            var start = ClockInputs()
            if let chosen = evidence.chosen {
                start.hseHz = Setting(chosen.hz, spelled: "\(ClockValue.format(mhz: chosen.hz / 1e6)) MHz", range: chosen.range)
                start.hseOrigin = chosen.label
            } else if let conflict = evidence.conflict {
                start.hseHz = .unset("HSE frequency in doubt: \(conflict)")
            }
            let configurations = run(start)
            if evidence.conflict != nil, let rejected = evidence.rejected, let line = project.device?.line {
                var other = start
                other.hseHz = .fixed(rejected.hz, "\(ClockValue.format(mhz: rejected.hz / 1e6)) MHz")
                evidence.consequences = Self.consequences(of: rejected, run(other), line: line)
            }
            cores.append(CoreClocks(core: build.core, configurations: configurations, hseValue: hseValue, hse: evidence))
        }
        self.cores = cores
        ioc = iocClocks
    }

    /// The core and configuration that set the project's clocks (the first core with `SystemClock_Config`).
    public var main: (core: CoreClocks, configuration: ClockConfiguration)? {
        for core in cores { if let p = core.primary { return (core, p) } }
        return nil
    }

    /// Every configuration of every core, with its core.
    public var all: [(core: CoreClocks, configuration: ClockConfiguration)] {
        cores.flatMap { core in core.configurations.map { (core, $0) } }
    }

    // MARK: Building

    /// The board's, the `.ioc`'s and `HSE_VALUE`'s HSE frequency, where each is known.
    static func statements(project: Project, ioc: IocClocks?, hseValue: HSEValueDefinition?) -> HSEEvidence {
        var evidence = HSEEvidence()
        if let board = project.board, let mhz = board.hse?.frequencyMHz, board.hse?.mode != "none" {
            evidence.statements.append(.init(label: "board \(board.displayName)", hz: mhz * 1_000_000, range: nil,
                                             declared: project.boardInference == nil))
        }
        if let setting = ioc?.tree.inputs.hseHz, let hz = setting.value {
            evidence.statements.append(.init(label: ".ioc RCC.HSE_VALUE", hz: hz, range: setting.range, declared: false))
        }
        if let hseValue, let hz = hseValue.hz {
            evidence.statements.append(.init(label: "HSE_VALUE (\(hseValue.origin))", hz: Double(hz), range: hseValue.range,
                                             declared: false))
        }
        return evidence
    }

    /// What the clocks would break if the HSE ran at the rejected value.
    static func consequences(of rejected: HSEEvidence.Statement, _ configurations: [ClockConfiguration], line: DeviceLine) -> [String] {
        let at = "with \(rejected.label)'s \(ClockValue.format(mhz: rejected.hz / 1e6)) MHz"
        var out: [String] = []
        for configuration in configurations {
            for start in configuration.pllStarts {
                for check in ClockLimits.pllChecks(start.clocks, line: line) where check.isViolated {
                    out.append("\(at): \(check.label) \(check.value.text) is outside \(Self.limits(check)) (\(check.basis))")
                }
            }
            for point in configuration.switches {
                for check in ClockLimits.busChecks(point.tree, line: line, vos: point.tree.inputs.vos.value) where check.isViolated {
                    out.append("\(at): \(check.label) \(check.value.text) is above \(Self.limits(check)) (\(check.basis))")
                }
            }
            if let sysclk = configuration.tree.sysclk.mhz {
                out.append("\(at): SYSCLK would be \(ClockValue.format(mhz: sysclk)) MHz")
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    static func limits(_ check: ClockCheck) -> String {
        switch (check.minMHz, check.maxMHz) {
        case let (low?, high?): "\(ClockValue.format(mhz: low))-\(ClockValue.format(mhz: high)) MHz"
        case let (nil, high?): "\(ClockValue.format(mhz: high)) MHz"
        case let (low?, nil): "at least \(ClockValue.format(mhz: low)) MHz"
        default: "its limit"
        }
    }

    static func hseValue(_ build: CoreBuild) -> HSEValueDefinition? {
        if let define = build.defines.last(where: { $0.name == "HSE_VALUE" }) {
            let text = define.value ?? ""
            return HSEValueDefinition(hz: Self.integer(text), spelled: text, range: build.range(of: define), origin: "-D")
        }
        // The file that sets the clocks first: its translation unit is the one that computes them.
        let ordered = build.sources.filter { $0.defines(function: "SystemClock_Config") }
            + build.sources.filter { !$0.defines(function: "SystemClock_Config") }
        let macros = ordered.compactMap { $0.macros["HSE_VALUE"] }
        guard let macro = macros.first(where: { $0.value != nil }) ?? macros.first else { return nil }
        let header = macro.range.file.split(separator: "/").last.map(String.init) ?? macro.range.file
        return HSEValueDefinition(hz: macro.value, spelled: macro.spelled, range: macro.range, origin: header)
    }

    /// `8000000`, `8000000U`, `(8000000UL)`, `((uint32_t)8000000)` → 8000000.
    static func integer(_ text: String) -> Int? {
        var t = text.replacingOccurrences(of: "uint32_t", with: "").filter { !"() \t".contains($0) }.lowercased()
        while let last = t.last, last == "u" || last == "l" { t.removeLast() }
        return t.hasPrefix("0x") ? Int(t.dropFirst(2), radix: 16) : Int(t)
    }

    static func configurations(_ build: CoreBuild, decoder: ClockDecoder, voltage: [SourceRange: [VoltageSetting]],
                               start: ClockInputs, oden: Bool) -> [ClockConfiguration] {
        // Events per function defined in this core, in source order.
        var events: [String: [ClockSimulator.Event]] = [:]
        // An image's write trace (`h7lint image`): one entry, the writes in the order they ran.
        var traced: Set<String> = []
        for source in build.sources where source.executionOrder == true {
            if let entry = source.functions.first {
                events[entry.name] = source.assignments.map { .assignment($0) }
                traced.insert(entry.name)
            }
        }
        for source in build.sources where source.executionOrder != true {
            for function in source.functions where events[function.name] == nil { events[function.name] = [] }
            for call in source.calls { if let f = call.function { events[f, default: []].append(.call(call)) } }
            for a in source.assignments { if let f = a.function { events[f, default: []].append(.assignment(a)) } }
        }
        let defined = Set(build.sources.flatMap { $0.functions.map(\.name) })
        for key in events.keys {
            if !defined.contains(key) { events[key] = nil; continue }
            if traced.contains(key) { continue }
            // Program order; the writes one macro call makes share its place and keep their order. Positions are
            // sorted, not the events (large values, moved at every step).
            let list = events[key]!, ranges = list.map(\.range)
            events[key] = list.indices.sorted { (ranges[$0], $0) < (ranges[$1], $1) }.map { list[$0] }
        }
        func callees(_ f: String) -> [String] {
            (events[f] ?? []).compactMap { if case .call(let c) = $0, events[c.name] != nil { c.name } else { nil } }
        }
        func reachable(from roots: [String]) -> Set<String> {
            var seen = Set(roots), work = roots
            while let f = work.popLast() { for c in callees(f) where seen.insert(c).inserted { work.append(c) } }
            return seen
        }
        func hasClockEvents(_ f: String) -> Bool {
            (events[f] ?? []).contains { event in
                switch event {
                case .call(let c): ClockSimulator.isClockCall(c.name) || voltage[c.range] != nil
                case .assignment(let a): voltage[a.range] != nil || ClockSimulator.isClockRegister(a.target)
                }
            }
        }
        let primary = defined.contains("SystemClock_Config") ? "SystemClock_Config" : nil
        var covered = reachable(from: primary.map { [$0] } ?? [])
        var others = events.keys.filter { !covered.contains($0) && $0 != "main" && hasClockEvents($0) }
        let calledByOthers = others.flatMap { f in reachable(from: [f]).subtracting([f]) }
        others = others.filter { !calledByOthers.contains($0) }
        // Register-level set-up counts where the reset path reaches it (SystemInit, main and what they call): a
        // helper nobody calls is not run. Entries with HAL/LL clock calls are kept as before.
        if defined.contains("main") {
            // A reset path written in C (`Startup.c`'s reset handler and what it calls) runs before main too.
            let startupC = build.sources.flatMap { source in
                source.functions.filter { PathText.namesStartup($0.range.file) }.map(\.name)
            }
            let fromReset = reachable(from: (["SystemInit", "ExitRun0Mode", "main"] + startupC).filter { events[$0] != nil })
            func halClock(_ f: String) -> Bool {
                reachable(from: [f]).contains { g in
                    (events[g] ?? []).contains { event in
                        guard case .call(let c) = event else { return false }
                        return ClockSimulator.isClockCall(c.name) || voltage[c.range]?.contains { !$0.via.hasText("->") } ?? false
                    }
                }
            }
            others = others.filter { fromReset.contains($0) || halClock($0) || traced.contains($0) }
        }
        others.sort { (firstRange(events[$0]) ?? SourceRange(file: "", line: 0)) < (firstRange(events[$1]) ?? SourceRange(file: "", line: 0)) }
        covered.formUnion(others)

        // The reset path first: SystemInit runs before main, and what it leaves is where the others start.
        let resetPath = others.filter { $0 == "SystemInit" }
        others.removeAll { $0 == "SystemInit" }
        var result: [ClockConfiguration] = []
        var state = start
        for entry in resetPath + (primary.map { [$0] } ?? []) + others where events[entry] != nil {
            // Each combination of runtime branch arms is its own path: values of exclusive arms never meet.
            let paths = RuntimePaths(events: events, entry: entry, relevant: { event in
                switch event {
                case .call(let c): ClockSimulator.isClockCall(c.name) || voltage[c.range] != nil || (events[c.name].map { _ in hasClockEvents(c.name) } ?? false)
                case .assignment: true
                }
            })
            for (index, pathEvents) in paths.eventSets.enumerated() {
                var simulator = ClockSimulator(decoder: decoder, events: pathEvents, voltage: voltage,
                                               zeroInitialized: Set(build.sources.flatMap(\.zeroInitialized)), oden: oden, entry: entry, start: state,
                                               syscfgOn: halInitBefore(entry, events: pathEvents))
                simulator.mergedBranches = paths.merged
                var configuration = simulator.run()
                configuration.path = paths.descriptions[index]
                configuration.mergedBranches = paths.merged
                if (entry == primary || resetPath.contains(entry)) && index == 0 { state = configuration.tree.inputs }
                // SystemInit that only puts the reset clocks back (ST's) configures nothing worth judging.
                let judged = resetPath.contains(entry) ? !configuration.pllStarts.isEmpty
                    : entry == primary || !configuration.switches.isEmpty || !configuration.pllStarts.isEmpty
                if judged {
                    result.append(configuration)
                }
            }
        }
        return result
    }

    private static func firstRange(_ events: [ClockSimulator.Event]?) -> SourceRange? { events?.first?.range }

    /// `main()` calls `HAL_Init()` before the entry: CubeMX's `HAL_MspInit()`, which `HAL_Init()` runs,
    /// enables the SYSCFG clock.
    static func halInitBefore(_ entry: String, events: [String: [ClockSimulator.Event]]) -> Bool {
        guard let main = events["main"] else { return false }
        var sawInit = false
        for case .call(let c) in main {
            if c.name == "HAL_Init" { sawInit = true }
            if c.name == entry { return sawInit }
        }
        return false
    }
}
