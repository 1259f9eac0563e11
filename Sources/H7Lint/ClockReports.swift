import H7Model
import H7Report
import H7Rules

/// `h7lint clocks`: the clock report of one checked project. Its marks come from the rules' findings.
public enum ClockReports {
    public static func report(_ project: Project, knowledge: Knowledge, findings: [Finding]) -> ClockReport {
        let clocks = RuleContext(project: project, knowledge: knowledge).clocks
        let clockFindings = findings.filter { $0.ruleID.hasPrefix("H7-CLK-") }
        var sections: [ClockReport.Section] = []
        let mainHclk = clocks.main?.configuration.tree.hclk
        for (build, core) in zip(project.cores, clocks.cores) {
            let name = core.core?.rawValue.uppercased() ?? "core"
            if core.configurations.isEmpty {
                var note = "no clock set-up in this core's code"
                if core.core == .cm4, let hclk = mainHclk { note += "; the CM4 runs from HCLK (\(hclk.text)) as the CM7 sets it" }
                sections.append(.init(title: name, tree: nil, note: note))
            }
            for configuration in core.configurations {
                let file = build.sources.first { $0.defines(function: configuration.entry) }?.file ?? ""
                let path = configuration.path.map { ", path: \($0)" } ?? ""
                sections.append(.init(title: "\(name): \(configuration.entry) (\(file)\(path))", tree: configuration.tree,
                                      marks: marks(clockFindings, core: core.core, configuration: configuration)))
            }
        }
        if let ioc = clocks.ioc {
            let cubeMX = ioc.cubeMXSysclkHz.map { "CubeMX shows SYSCLK \(ClockValue.hz($0).text)" }
            sections.append(.init(title: ".ioc (\(ioc.file))", tree: ioc.tree, note: cubeMX))
        }
        return ClockReport(project: project.name, device: project.device, board: project.board?.displayName,
                           sections: sections, findings: clockFindings)
    }

    /// The rule ids of the findings on each clock of one configuration: same core, at one of its places.
    static func marks(_ findings: [Finding], core: Core?, configuration: ClockConfiguration) -> [String: [String]] {
        let places = places(of: configuration)
        var marks: [String: [String]] = [:]
        for finding in findings where finding.core == core && finding.range.map(places.contains) == true {
            for clock in finding.clocks where marks[clock]?.contains(finding.ruleID) != true {
                marks[clock, default: []].append(finding.ruleID)
            }
        }
        return marks
    }

    /// Where the clock rules place findings: the clock switches, the flash latency, the PLL starts and
    /// their M, N, PLLRGE and VCOSEL.
    static func places(of configuration: ClockConfiguration) -> Set<SourceRange> {
        var places = Set(configuration.switches.map(\.range) + configuration.pllStarts.map(\.range))
        places.formUnion(configuration.switches.compactMap(\.tree.inputs.flashLatency.range))
        for start in configuration.pllStarts {
            let s = start.clocks.settings
            places.formUnion([s.m.range, s.n.range, s.inputRange.range, s.vcoRange.range].compactMap { $0 })
        }
        return places
    }
}
