import H7Model

/// H7-DBG-002: PA15 (JTDI), PB3 (JTDO/TRACESWO) or PB4 (NJTRST) reconfigured while the project
/// debugs over JTAG or traces over SWO (.ioc debug mode, scripts and IDE configurations, ITM output).
struct JtagTracePinsRule: Rule {
    let id = "H7-DBG-002"

    /// Why a pin is needed: the pin, its debug role, what uses it, where that is stated.
    struct Use {
        var pin: String
        var role: String
        var by: String
        var range: SourceRange?
    }

    func check(_ context: RuleContext) -> [Finding] {
        let uses = Self.uses(in: context.project)
        guard !uses.isEmpty else { return [] }
        var findings: [Finding] = []
        for write in PinModeWrite.all(in: context.project) {
            let pins = write.port == "A" ? write.pinNames([15]) : write.port == "B" ? write.pinNames([3, 4]) : []
            for pin in pins {
                guard let use = uses.first(where: { $0.pin == pin }) else { continue }
                let loses = use.role == "TRACESWO" ? "the SWO trace (ITM printf, SWV) goes silent"
                                                   : "the JTAG connection breaks until the next reset (SWD alone keeps working)"
                let message = "\(write.what) switches \(pin) (\(use.role)) to \(write.becomes), but \(use.by) needs it: once this runs \(loses)"
                let related = use.range.map { [RelatedLocation($0, "\(pin) is used here: \(use.by)")] } ?? []
                findings.append(context.finding(id, message, at: write.range, related: related,
                                                fix: "move this signal to a pin the debug port does not use, or debug over plain Serial Wire without trace (CubeMX: System Core > SYS > Debug = Serial Wire) if you need neither JTAG nor SWO"))
            }
        }
        return deduplicated(findings)
    }

    static func uses(in project: Project) -> [Use] {
        var uses: [Use] = []
        if let ioc = project.ioc {
            for pin in ioc.pins {
                guard let mode = pin.mode else { continue }
                let range = SourceRange(file: ioc.file, line: ioc.line("\(pin.originalName).Mode") ?? pin.line)
                if mode.hasPrefix("JTAG") {
                    let by = "the .ioc's debug mode \(mode)"
                    uses += [Use(pin: "PA15", role: "JTDI", by: by, range: range), Use(pin: "PB3", role: "JTDO", by: by, range: range)]
                    if mode.contains("5") { uses.append(Use(pin: "PB4", role: "NJTRST", by: by, range: range)) }
                } else if mode.hasPrefix("Trace") {
                    uses.append(Use(pin: "PB3", role: "TRACESWO", by: "the .ioc's debug mode \(mode)", range: range))
                }
            }
        }
        for fact in project.scripts {
            if fact.option == ScriptOption.transport {
                let by = "JTAG in \(fact.file) (\(fact.command): \(fact.value ?? "jtag"))"
                uses += [Use(pin: "PA15", role: "JTDI", by: by, range: fact.range), Use(pin: "PB3", role: "JTDO", by: by, range: fact.range)]
            } else if fact.option == ScriptOption.swo {
                uses.append(Use(pin: "PB3", role: "TRACESWO", by: "SWO trace in \(fact.file) (\(fact.command): \(fact.value ?? "on"))", range: fact.range))
            }
        }
        if let itm = uniqueCalls(project, named: ["ITM_SendChar"]).first {
            uses.append(Use(pin: "PB3", role: "TRACESWO", by: "ITM_SendChar() (output over SWO)", range: itm.call.range))
        }
        return uses
    }
}
