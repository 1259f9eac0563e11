import H7Model

/// CMSIS's register-write macros: their writes are assignment events of their own.
enum FactCollectorNames {
    static let registerWriteMacros: Set<String> = ["SET_BIT", "CLEAR_BIT", "WRITE_REG", "MODIFY_REG"]
}

/// Replays one core's clock set-up in execution order: the statements of an entry function in source
/// order, with calls of functions defined in the same core inlined. Struct fields assigned before
/// `HAL_RCC_OscConfig` / `HAL_RCC_ClockConfig` are applied the way the HAL applies them
/// (ClockSimulator+HAL); LL calls set one field each (ClockSimulator+LL).
struct ClockSimulator {
    enum Event {
        case call(CallFact)
        case assignment(AssignmentFact)
        var range: SourceRange {
            switch self {
            case .call(let c): c.range
            case .assignment(let a): a.range
            }
        }
    }

    /// A struct variable's fields as assigned so far (`PLL.PLLN` → `400`).
    struct StructValue {
        var fields: [String: Operand] = [:]
        /// Filled by `HAL_RCC_GetOscConfig`/`GetClockConfig`: a field not assigned keeps the hardware's value.
        var fromHardware = false
        /// Declared `= {0}`: a field not assigned is 0.
        var zeroed = false

        /// The field as assigned, or 0 in a zeroed struct (with no place).
        func operand(_ path: String) -> Operand? {
            fields[path] ?? (zeroed ? Operand(spelled: "0", value: 0, range: SourceRange(file: "", line: 0)) : nil)
        }
    }

    let decoder: ClockDecoder
    let events: [String: [Event]]
    let voltage: [SourceRange: [VoltageSetting]]
    /// `function/variable` of structs declared `= {0}`.
    let zeroInitialized: Set<String>
    /// VOS0 is VOS1 plus SYSCFG ODEN on this line.
    let oden: Bool

    // State of one run.
    var inputs: ClockInputs
    var structs: [String: StructValue] = [:]
    var configuration: ClockConfiguration
    var syscfgOn: Bool
    var hseBypass = false, hseDigital = false, hseBypassCall: SourceRange?
    /// Clock registers as register-level writes left them (ClockSimulator+Registers).
    var registers: [String: RegisterShadow] = [:]
    /// The entry's runtime branches were merged into one path.
    var mergedBranches = false
    /// The last switch a `RCC->CFGR` write made, while only register writes follow it.
    var registerSwitch: Int?
    private var order: [(range: SourceRange, vos: VoltageSetting?)] = []

    init(decoder: ClockDecoder, events: [String: [Event]], voltage: [SourceRange: [VoltageSetting]],
         zeroInitialized: Set<String>, oden: Bool, entry: String, start: ClockInputs, syscfgOn: Bool) {
        self.decoder = decoder
        self.zeroInitialized = zeroInitialized
        self.oden = oden
        self.events = events
        self.voltage = voltage
        inputs = start
        self.syscfgOn = syscfgOn
        configuration = ClockConfiguration(entry: entry, tree: ClockTree(label: entry, inputs: start))
    }

    /// Runs the entry and returns what it configured.
    mutating func run() -> ClockConfiguration {
        run(configuration.entry, stack: [])
        configuration.tree = ClockTree(label: configuration.entry, inputs: inputs)
        // A switch with no scale before it is judged at the scale set later on the path (H7-CLK-009 reports the order).
        for i in configuration.switches.indices {
            let point = configuration.switches[i].range
            guard let index = order.firstIndex(where: { $0.range == point }) else { continue }
            configuration.switches[i].vosAfter = order[(index + 1)...].lazy.compactMap(\.vos).first
            if configuration.switches[i].vosBefore == nil, let later = configuration.switches[i].vosAfter {
                configuration.switches[i].tree.inputs.vos = Self.vosSetting(later)
            }
        }
        return configuration
    }

    private mutating func run(_ function: String, stack: [String]) {
        for key in structs.keys where key.hasPrefix(function + "/") { structs[key] = nil }
        for key in zeroInitialized where key.hasPrefix(function + "/") { structs[key] = StructValue(zeroed: true) }
        for event in events[function] ?? [] {
            if let setting = voltage[event.range]?.first(where: { Self.sets($0, event) }) {
                configuration.voltageEvents.append(VoltageEvent(setting: setting, syscfgClockOn: syscfgOn))
                inputs.vos = Self.vosSetting(setting)
                order.append((event.range, setting))
                continue
            }
            switch event {
            case .assignment(let a):
                assign(a, function: function)
            case .call(let c):
                if events[c.name] != nil, c.name != function, !stack.contains(c.name), stack.count < 8 {
                    run(c.name, stack: stack + [function])
                } else {
                    order.append((c.range, nil))
                    if !FactCollectorNames.registerWriteMacros.contains(c.name) { registerSwitch = nil }
                    call(c, function: function)
                }
            }
        }
    }

    /// A register write's scale belongs to the write, a call's to the call (a `MODIFY_REG` call and its write share a
    /// place); of the writes to one register at one place (an image's trace), the one with the value it spells.
    static func sets(_ setting: VoltageSetting, _ event: Event) -> Bool {
        switch event {
        case .call: !setting.via.hasText("->")
        case .assignment(let a): setting.via == a.target && (a.target == "SYSCFG->PWRCR" || setting.spelled == a.value.spelled)
        }
    }

    static func vosSetting(_ s: VoltageSetting) -> Setting<Int> {
        Setting(s.vos, spelled: s.spelled, range: s.range, reason: "cannot tell the scale '\(s.spelled)' selects")
    }

    private mutating func assign(_ a: AssignmentFact, function: String) {
        if a.target == "RCC->APB4ENR", let set = a.setBits, let bit = decoder.table["RCC_APB4ENR_SYSCFGEN"], set & bit != 0 {
            syscfgOn = true
        }
        if a.target.hasText("->") { registerWrite(a); return }
        guard a.op == "=", let dot = a.target.firstIndex(of: ".") else { return }
        let root = String(a.target[..<dot])
        // Findings point at the field name (`PLL.PLLN`), the last part of the target.
        var value = a.value
        let last = a.target.split(separator: ".").last.map(String.init) ?? a.target
        let column = a.range.column + a.target.utf8.count - last.utf8.count
        value.range = SourceRange(file: a.range.file, line: a.range.line, column: column, endLine: a.range.line,
                                  endColumn: column + last.utf8.count)
        structs["\(function)/\(root)", default: StructValue()].fields[a.fieldPath] = value
    }

    // MARK: Calls

    private mutating func call(_ c: CallFact, function: String) {
        let args = c.arguments
        func structArg(_ i: Int) -> (String, StructValue)? {
            guard i < args.count else { return nil }
            let name = args[i].spelled.filter { !"&() ".contains($0) }
            return (name, structs["\(function)/\(name)"] ?? StructValue())
        }
        switch c.name {
        case "HAL_RCC_OscConfig":
            if let (name, s) = structArg(0) { applyOsc(s, name: name, at: c.range) }
        case "HAL_RCC_ClockConfig":
            if let (name, s) = structArg(0) { applyClk(s, name: name) }
            if args.count > 1 {
                inputs.flashLatency = decoder.numbered(args[1], prefixes: ClockDecoder.latencyPrefixes)
            }
            recordSwitch(c)
        case "HAL_RCC_GetOscConfig", "HAL_RCC_GetClockConfig":
            if let (name, _) = structArg(0) { structs["\(function)/\(name)"] = StructValue(fields: [:], fromHardware: true) }
        case "HAL_RCCEx_PeriphCLKConfig":
            if let (name, s) = structArg(0) { applyPeriph(s, name: name, at: c.range) }
        case "__HAL_RCC_SYSCFG_CLK_ENABLE":
            syscfgOn = true
        case "LL_APB4_GRP1_EnableClock" where args.first?.spelled.hasText("SYSCFG") == true:
            syscfgOn = true
        case "SET_BIT" where args.count == 2 && args[0].spelled == "RCC->APB4ENR" && args[1].spelled.hasText("SYSCFGEN"):
            syscfgOn = true
        case "SET_BIT" where args.count == 2 && args[0].spelled == "SYSCFG->PWRCR" && args[1].spelled.hasText("ODEN") && oden:
            // VOS0 on the ODEN lines written as a register macro (ST's LL examples).
            let setting = VoltageSetting(vos: 0, spelled: "SYSCFG->PWRCR ODEN", via: "SET_BIT", range: c.range,
                                         core: nil, function: function)
            configuration.voltageEvents.append(VoltageEvent(setting: setting, syscfgClockOn: syscfgOn))
            inputs.vos = Self.vosSetting(setting)
            order[order.count - 1].vos = setting
        default:
            if !llCall(c) { macroCall(c) }
        }
    }

    /// A zeroed field has no place of its own.
    static func placed<T>(_ setting: Setting<T>, _ op: Operand) -> Setting<T> {
        var s = setting
        if op.range.line == 0 { s.range = nil; s.spelled = "0 (= {0})" }
        return s
    }

    mutating func startPLL(_ index: Int, at range: SourceRange, unconfirmed: String? = nil) {
        let tree = ClockTree(label: configuration.entry, inputs: inputs)
        configuration.pllStarts.append(PLLStart(range: range, clocks: tree.pll(index), source: inputs.pllSource.value,
                                                unconfirmed: unconfirmed))
    }

    mutating func recordSwitch(_ c: CallFact) { recordSwitch(at: c.range, via: c.name) }

    mutating func recordSwitch(at range: SourceRange, via: String) {
        let before = configuration.voltageEvents.last?.setting
        configuration.switches.append(ClockSwitch(range: range, via: via,
                                                  tree: ClockTree(label: configuration.entry, inputs: inputs),
                                                  vosBefore: before, vosAfter: nil))
    }

    /// Names of the calls this simulator reads (for finding entry functions).
    static func isClockCall(_ name: String) -> Bool {
        name.hasPrefix("HAL_RCC_") || name.hasPrefix("LL_RCC_") || name.hasPrefix("__HAL_RCC_PLL")
            || ["__HAL_RCC_HSE_CONFIG", "__HAL_RCC_SYSCLK_CONFIG", "LL_FLASH_SetLatency", "__HAL_FLASH_SET_LATENCY",
                "HAL_RCCEx_PeriphCLKConfig"].contains(name)
    }
}
