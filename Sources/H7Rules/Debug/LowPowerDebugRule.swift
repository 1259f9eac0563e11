import H7Model

/// H7-DBG-003: Stop, Standby or sleep-on-exit entered from code reachable from `main` while nothing
/// sets the matching DBGMCU_CR bit, so the debug logic stops with the core's clocks.
struct LowPowerDebugRule: Rule {
    let id = "H7-DBG-003"

    enum Mode: String {
        case sleep = "Sleep", stop = "Stop", standby = "Standby"
        /// DBGMCU_CR bit for domain D1 (CD on H7A3/B3); the D2 bit is three places up.
        var d1Bit: Int { self == .sleep ? 0x1 : self == .stop ? 0x2 : 0x4 }
        var halEnable: String { "HAL_DBGMCU_EnableDBG\(rawValue)Mode()" }
        var d2Enable: String { "HAL_EnableDomain2DBG\(rawValue)Mode()" }
    }

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for build in context.project.cores {
            guard build.defines(function: "main") else { continue }
            let core = build.core ?? (context.project.isDualCore ? .cm7 : nil)
            let reachable = CallGraph(build.sources).reachable(from: "main")
            let enabled = Self.debugBits(build.sources)
            for source in build.sources {
                for call in source.calls where reachable.contains(call.function ?? "") {
                    guard let mode = Self.entry(call, core: core, in: source),
                          !(core == .cm4 && mode == .stop && Self.isBootHandshake(call, in: build.sources)) else { continue }
                    let d2 = core == .cm4
                    let bit = d2 ? mode.d1Bit << 3 : mode.d1Bit
                    guard enabled & bit == 0 else { continue }
                    let flag = "DBGMCU_CR.DBG_\(mode.rawValue.uppercased())\(d2 ? "D2" : "D1")"
                    let enable = d2 ? mode.d2Enable : mode.halEnable
                    let what = call.name.hasPrefix("__WF") ? "\(call.name)() with SCB->SCR SLEEPDEEP set" : "\(call.name)()"
                    let message = "\(what) puts the \(d2 ? "Cortex-M4" : "core") in \(mode.rawValue) mode from main, and nothing sets \(flag) (\(enable)): the core's clocks and with them the debug logic stop, so a debugger cannot connect or halt while the firmware sleeps (debuggers set the bit when they attach, so it works from the IDE and fails after a power cycle)"
                    findings.append(context.finding(id, message, at: call.range,
                                                    fix: "call \(enable) once before entering \(mode.rawValue) mode (in debug builds: #ifdef DEBUG)",
                                                    core: build.core))
                }
            }
        }
        return deduplicated(findings)
    }

    /// The low-power mode a call enters on `core`, nil when it does not stop this core.
    static func entry(_ call: CallFact, core: Core?, in source: SourceFacts) -> Mode? {
        switch call.name {
        case "HAL_PWR_EnterSTOPMode", "HAL_PWREx_EnterSTOP2Mode": return .stop
        case "HAL_PWR_EnterSTANDBYMode": return .standby
        case "HAL_PWR_EnableSleepOnExit", "LL_LPM_EnableSleepOnExit": return .sleep
        case "HAL_PWREx_EnterSTOPMode", "HAL_PWREx_EnterSTANDBYMode":
            let domainIndex = call.name == "HAL_PWREx_EnterSTOPMode" ? 2 : 0
            let domain = call.arguments.count > domainIndex ? self.domain(call.arguments[domainIndex]) : nil
            // The HAL enters the mode only for the domain of the core that runs the call; D3 is configured only.
            switch domain {
            case 1?: if core == .cm4 { return nil }
            case 2?: if core != .cm4 { return nil }
            case 3?: return nil
            default: break
            }
            return call.name == "HAL_PWREx_EnterSTOPMode" ? .stop : .standby
        case "__WFI", "__WFE":
            return deepSleepSet(before: call, in: source) ? .stop : nil
        default:
            return nil
        }
    }

    /// 1 = D1/CD, 2 = D2, 3 = D3/SRD.
    static func domain(_ operand: Operand) -> Int? {
        let s = operand.spelled
        if s.contains("D1_DOMAIN") || s.contains("PWR_CD_DOMAIN") { return 1 }
        if s.contains("D2_DOMAIN") { return 2 }
        if s.contains("D3_DOMAIN") || s.contains("SRD_DOMAIN") { return 3 }
        return operand.value.map { $0 + 1 }
    }

    /// The dual-core start-up of CubeMX and ST's templates: the CM4 asks for an HSEM notification in
    /// `main`, then waits in D2 Stop (directly or in a helper `main` calls next) until the CM7 releases HSEM 0.
    static let hsemNotifications: Set<String> = ["HAL_HSEM_ActivateNotification", "LL_HSEM_EnableIT_C2IER"]

    static func isBootHandshake(_ entry: CallFact, in sources: [SourceFacts]) -> Bool {
        let mainCalls = sources.flatMap(\.calls).filter { $0.function == "main" }
        guard let notify = mainCalls.first(where: { hsemNotifications.contains($0.name) }) else { return false }
        if entry.function == "main" { return notify.range < entry.range }
        return mainCalls.contains { $0.name == entry.function && notify.range < $0.range }
    }

    /// `SCB->SCR |= SCB_SCR_SLEEPDEEP_Msk` (or LL_LPM_EnableDeepSleep) earlier in the same function.
    static func deepSleepSet(before call: CallFact, in source: SourceFacts) -> Bool {
        let writes = source.assignments.filter { $0.target == "SCB->SCR" && $0.function == call.function && $0.range < call.range }
        if let last = writes.last {
            if let set = last.setBits, set & 0x4 != 0 { return true }
            if let clear = last.clearBits, clear & 0x4 != 0 { return false }
            return last.value.spelled.contains("SLEEPDEEP") && !last.value.spelled.contains("~") && last.op != "&="
        }
        return source.calls.contains { $0.name == "LL_LPM_EnableDeepSleep" && $0.function == call.function && $0.range < call.range }
    }

    /// DBGMCU_CR bits the code sets anywhere (D1 in bits 0-2, D2 in bits 3-5).
    static func debugBits(_ sources: [SourceFacts]) -> Int {
        var bits = 0
        for source in sources {
            for call in source.calls {
                for mode in [Mode.sleep, .stop, .standby] {
                    if call.name == "HAL_DBGMCU_EnableDBG\(mode.rawValue)Mode" || call.name == "LL_DBGMCU_EnableD1DebugIn\(mode.rawValue)Mode" {
                        bits |= mode.d1Bit
                    }
                    if call.name == "HAL_EnableDomain2DBG\(mode.rawValue)Mode" || call.name == "LL_DBGMCU_EnableD2DebugIn\(mode.rawValue)Mode" {
                        bits |= mode.d1Bit << 3
                    }
                }
            }
            for write in source.assignments where write.target == "DBGMCU->CR" {
                bits |= (write.setBits ?? 0) & 0x3F
            }
        }
        return bits
    }
}
