import H7Model

/// H7-DBG-007: a watchdog started from code reachable from `main` while nothing freezes that
/// watchdog when the core is halted by a debugger.
struct WatchdogFreezeRule: Rule {
    let id = "H7-DBG-007"

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for build in context.project.cores {
            guard build.defines(function: "main") else { continue }
            let reachable = CallGraph(build.sources).reachable(from: "main")
            let frozen = Self.frozen(build.sources)
            for source in build.sources {
                for call in source.calls where reachable.contains(call.function ?? "") {
                    guard let kind = Self.kind(of: call.name), !frozen.contains(kind) else { continue }
                    let instance = Self.instance(call, kind: kind, in: source)
                    let freeze = Self.freezeMacro(instance)
                    let message = "\(call.name)() starts \(instance) from main and nothing freezes it while the core is halted (\(freeze)): at a breakpoint it keeps counting and resets the chip under the debugger, which drops the session"
                    findings.append(context.finding(id, message, at: call.range,
                                                    fix: "call \(freeze) before the watchdog starts (in debug builds: #ifdef DEBUG)",
                                                    core: build.core))
                }
            }
        }
        return deduplicated(findings)
    }

    static func kind(of name: String) -> String? {
        switch name {
        case "HAL_IWDG_Init", "LL_IWDG_Enable": "IWDG"
        case "HAL_WWDG_Init", "LL_WWDG_Enable": "WWDG"
        default: nil
        }
    }

    /// `IWDG1`, `WWDG2`: from the handle's `Instance` (HAL) or the argument (LL); `IWDG1`/`WWDG1` when unknown.
    static func instance(_ call: CallFact, kind: String, in source: SourceFacts) -> String {
        guard let argument = call.arguments.first else { return "\(kind)1" }
        var spelled = argument.spelled
        if call.name.hasPrefix("HAL_"), let handle = argument.variableName {
            spelled = source.lastField("Instance", of: handle)?.value.spelled ?? ""
        }
        let name = spelled.filter { $0.isLetter || $0.isNumber }
        return name.hasPrefix(kind) && name.count <= kind.count + 1 ? (name == kind ? "\(kind)1" : name) : "\(kind)1"
    }

    static func freezeMacro(_ instance: String) -> String {
        instance.hasSuffix("2") ? "__HAL_DBGMCU_FREEZE2_\(instance)()" : "__HAL_DBGMCU_FREEZE_\(instance)()"
    }

    /// Watchdog kinds the code freezes: __HAL_DBGMCU_FREEZE*_IWDGn(), LL_DBGMCU_APBx_GRPy_FreezePeriph(..._IWDGn_STOP),
    /// or DBGMCU->APB4FZ1 (IWDG1, bit 18) / APB3FZ1 (WWDG1, bit 6) and the *FZ2 registers.
    static func frozen(_ sources: [SourceFacts]) -> Set<String> {
        var kinds: Set<String> = []
        func note(_ text: String) {
            if text.contains("IWDG") { kinds.insert("IWDG") }
            if text.contains("WWDG") { kinds.insert("WWDG") }
        }
        for source in sources {
            for call in source.calls {
                if call.name.hasPrefix("__HAL_DBGMCU_FREEZE") { note(call.name) }
                if call.name.hasPrefix("LL_DBGMCU_") && call.name.hasSuffix("FreezePeriph") { call.arguments.forEach { note($0.spelled) } }
            }
            for write in source.assignments where write.target.hasPrefix("DBGMCU->") {
                note(write.value.spelled)
                if write.target.hasPrefix("DBGMCU->APB4FZ"), (write.setBits ?? 0) & 0xC0000 != 0 { kinds.insert("IWDG") }
                if write.target.hasPrefix("DBGMCU->APB3FZ") || write.target.hasPrefix("DBGMCU->APB1LFZ"),
                   (write.setBits ?? 0) & 0x840 != 0 { kinds.insert("WWDG") }
            }
        }
        return kinds
    }
}
