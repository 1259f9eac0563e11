import H7Model

/// Replays one core's clock set-up in execution order: the statements of an entry function in source
/// order, with calls of functions defined in the same core inlined. Struct fields assigned before
/// `HAL_RCC_OscConfig` / `HAL_RCC_ClockConfig` are applied the way the HAL applies them.
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
    let voltage: [SourceRange: VoltageSetting]
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
    private var order: [(range: SourceRange, vos: VoltageSetting?)] = []

    init(decoder: ClockDecoder, events: [String: [Event]], voltage: [SourceRange: VoltageSetting],
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
            if let setting = voltage[event.range] {
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
                    call(c, function: function)
                }
            }
        }
    }

    static func vosSetting(_ s: VoltageSetting) -> Setting<Int> {
        Setting(s.vos, spelled: s.spelled, range: s.range, reason: "cannot tell the scale '\(s.spelled)' selects")
    }

    private mutating func assign(_ a: AssignmentFact, function: String) {
        if a.target == "RCC->APB4ENR", let set = a.setBits, let bit = decoder.table["RCC_APB4ENR_SYSCFGEN"], set & bit != 0 {
            syscfgOn = true
        }
        guard a.op == "=", !a.target.contains("->"), let dot = a.target.firstIndex(of: ".") else { return }
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
        case "LL_APB4_GRP1_EnableClock" where args.first?.spelled.contains("SYSCFG") == true:
            syscfgOn = true
        case "SET_BIT" where args.count == 2 && args[0].spelled == "RCC->APB4ENR" && args[1].spelled.contains("SYSCFGEN"):
            syscfgOn = true
        case "SET_BIT" where args.count == 2 && args[0].spelled == "SYSCFG->PWRCR" && args[1].spelled.contains("ODEN") && oden:
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

    /// `HAL_RCC_OscConfig`: the oscillators named in `OscillatorType`, then PLL1 unless `PLLState` is NONE.
    private mutating func applyOsc(_ s: StructValue, name: String, at range: SourceRange) {
        let type = s.operand("OscillatorType").map(decoder.integer)
        func applies(_ bit: String) -> Bool { decoder.has(type, bit) ?? true }
        func field<T>(_ path: String, _ decode: (Operand) -> Setting<T>, keep: Setting<T>) -> Setting<T> {
            if let op = s.operand(path) { return Self.placed(decode(op), op) }
            return s.fromHardware ? keep : .unset("\(name).\(path) not set before HAL_RCC_OscConfig")
        }
        if applies("RCC_OSCILLATORTYPE_HSE"), s.operand("HSEState") != nil || type != nil {
            let mode = field("HSEState", { decoder.choice($0, ClockDecoder.hseStates) }, keep: inputs.hseMode)
            inputs.hseMode = mode
            if mode.value?.isOn == true { configuration.hseStarts.append(mode) }
        }
        if applies("RCC_OSCILLATORTYPE_HSI"), let op = s.operand("HSIState") {
            let state = decoder.choice(op, ClockDecoder.hsiStates)
            inputs.hsiDivider = state.value == 0 ? .unset("HSI off") : state
        }
        guard let stateOp = s.operand("PLL.PLLState") else { return }
        let state = decoder.choice(stateOp, ClockDecoder.pllStates)
        switch state.value {
        case 0?: return
        case 1?: inputs.updatePLL(1) { $0.enabled = Setting(false, spelled: stateOp.spelled, range: stateOp.range) }
        case 2?:
            inputs.pllSource = field("PLL.PLLSource", { decoder.choice($0, ClockDecoder.pllSources) }, keep: inputs.pllSource)
            var pll = inputs.pll(1)
            pll.m = field("PLL.PLLM", decoder.integer, keep: pll.m)
            pll.n = field("PLL.PLLN", decoder.integer, keep: pll.n)
            pll.p = field("PLL.PLLP", decoder.integer, keep: pll.p)
            pll.q = field("PLL.PLLQ", decoder.integer, keep: pll.q)
            pll.r = field("PLL.PLLR", decoder.integer, keep: pll.r)
            pll.fracn = field("PLL.PLLFRACN", decoder.integer, keep: pll.fracn)
            pll.inputRange = field("PLL.PLLRGE", { decoder.choice($0, ClockDecoder.inputRanges(1)) }, keep: pll.inputRange)
            pll.vcoRange = field("PLL.PLLVCOSEL", { decoder.choice($0, ClockDecoder.vcoRanges(1)) }, keep: pll.vcoRange)
            pll.enabled = Setting(true, spelled: stateOp.spelled, range: stateOp.range)
            inputs.plls[0] = pll
            startPLL(1, at: range)
        default:
            inputs.updatePLL(1) { $0.enabled = Setting(nil, spelled: stateOp.spelled, range: stateOp.range) }
        }
    }

    /// `HAL_RCC_ClockConfig`: the fields `ClockType` names.
    private mutating func applyClk(_ s: StructValue, name: String) {
        let type = s.operand("ClockType").map(decoder.integer)
        func apply(_ bit: String, _ path: String, _ target: WritableKeyPath<ClockInputs, Setting<Int>>, _ prefixes: [String]) {
            guard decoder.has(type, bit) ?? (s.fields[path] != nil) else { return }
            if let op = s.operand(path) {
                inputs[keyPath: target] = Self.placed(decoder.numbered(op, prefixes: prefixes), op)
            } else if !s.fromHardware {
                inputs[keyPath: target] = .unset("\(name).\(path) not set before HAL_RCC_ClockConfig")
            }
        }
        if decoder.has(type, "RCC_CLOCKTYPE_SYSCLK") ?? (s.fields["SYSCLKSource"] != nil) {
            if let op = s.operand("SYSCLKSource") {
                inputs.sysclkSource = Self.placed(decoder.choice(op, ClockDecoder.sysclkSources), op)
            } else if !s.fromHardware {
                inputs.sysclkSource = .unset("\(name).SYSCLKSource not set before HAL_RCC_ClockConfig")
            }
        }
        apply("RCC_CLOCKTYPE_SYSCLK", "SYSCLKDivider", \.cpuDivider, ClockDecoder.cpuPrefixes)
        apply("RCC_CLOCKTYPE_HCLK", "AHBCLKDivider", \.ahbDivider, ClockDecoder.ahbPrefixes)
        apply("RCC_CLOCKTYPE_D1PCLK1", "APB3CLKDivider", \.apb3Divider, ClockDecoder.apbPrefixes(3))
        apply("RCC_CLOCKTYPE_PCLK1", "APB1CLKDivider", \.apb1Divider, ClockDecoder.apbPrefixes(1))
        apply("RCC_CLOCKTYPE_PCLK2", "APB2CLKDivider", \.apb2Divider, ClockDecoder.apbPrefixes(2))
        apply("RCC_CLOCKTYPE_D3PCLK1", "APB4CLKDivider", \.apb4Divider, ClockDecoder.apbPrefixes(4))
    }

    /// `HAL_RCCEx_PeriphCLKConfig`: PLL2/PLL3 when their fields are set.
    private mutating func applyPeriph(_ s: StructValue, name: String, at range: SourceRange) {
        for index in 2...3 {
            let prefix = "PLL\(index).PLL\(index)"
            guard s.fields[prefix + "N"] != nil || s.fields[prefix + "M"] != nil else { continue }
            func field<T>(_ suffix: String, _ decode: (Operand) -> Setting<T>) -> Setting<T> {
                s.operand(prefix + suffix).map { Self.placed(decode($0), $0) } ?? .unset("\(name).\(prefix)\(suffix) not set")
            }
            inputs.updatePLL(index) { pll in
                pll.m = field("M", decoder.integer)
                pll.n = field("N", decoder.integer)
                pll.p = field("P", decoder.integer)
                pll.q = field("Q", decoder.integer)
                pll.r = field("R", decoder.integer)
                pll.fracn = field("FRACN", decoder.integer)
                pll.inputRange = field("RGE") { decoder.choice($0, ClockDecoder.inputRanges(index)) }
                pll.vcoRange = field("VCOSEL") { decoder.choice($0, ClockDecoder.vcoRanges(index)) }
                pll.enabled = Setting(true, spelled: name, range: range)
            }
            startPLL(index, at: range)
        }
    }

    /// A zeroed field has no place of its own.
    static func placed<T>(_ setting: Setting<T>, _ op: Operand) -> Setting<T> {
        var s = setting
        if op.range.line == 0 { s.range = nil; s.spelled = "0 (= {0})" }
        return s
    }

    private mutating func startPLL(_ index: Int, at range: SourceRange) {
        let tree = ClockTree(label: configuration.entry, inputs: inputs)
        configuration.pllStarts.append(PLLStart(range: range, clocks: tree.pll(index), source: inputs.pllSource.value))
    }

    private mutating func recordSwitch(_ c: CallFact) {
        let before = configuration.voltageEvents.last?.setting
        configuration.switches.append(ClockSwitch(range: c.range, via: c.name,
                                                  tree: ClockTree(label: configuration.entry, inputs: inputs),
                                                  vosBefore: before, vosAfter: nil))
    }

    // MARK: LL functions and HAL macros

    /// The LL calls that set the clock tree. Returns false for any other call.
    private mutating func llCall(_ c: CallFact) -> Bool {
        let name = c.name, arg = c.arguments.first
        if name.hasPrefix("LL_RCC_PLL"), let index = Int(String(name.dropFirst(10).prefix(1))), (1...3).contains(index) {
            let op = name.dropFirst(11)
            guard op.hasPrefix("_") else { return false }
            switch (String(op.dropFirst()), arg) {
            case ("SetM", let a?): inputs.updatePLL(index) { $0.m = decoder.integer(a) }
            case ("SetN", let a?): inputs.updatePLL(index) { $0.n = decoder.integer(a) }
            case ("SetP", let a?): inputs.updatePLL(index) { $0.p = decoder.integer(a) }
            case ("SetQ", let a?): inputs.updatePLL(index) { $0.q = decoder.integer(a) }
            case ("SetR", let a?): inputs.updatePLL(index) { $0.r = decoder.integer(a) }
            case ("SetFRACN", let a?): inputs.updatePLL(index) { $0.fracn = decoder.integer(a) }
            case ("SetVCOInputRange", let a?):
                inputs.updatePLL(index) { $0.inputRange = decoder.choice(a, ClockDecoder.inputRanges(index)) }
            case ("SetVCOOutputRange", let a?):
                inputs.updatePLL(index) { $0.vcoRange = decoder.choice(a, ClockDecoder.vcoRanges(index)) }
            case ("Enable", _):
                inputs.updatePLL(index) { pll in
                    pll.enabled = Setting(true, spelled: name, range: c.range)
                    // LL leaves FRACN at its reset value 0 unless SetFRACN is called.
                    if !pll.fracn.isSet { pll.fracn = .fixed(0, "reset value") }
                }
                startPLL(index, at: c.range)
            case ("Disable", _): inputs.updatePLL(index) { $0.enabled = Setting(false, spelled: name, range: c.range) }
            default: return false
            }
            return true
        }
        switch (name, arg) {
        case ("LL_RCC_PLL_SetSource", let a?): inputs.pllSource = decoder.choice(a, ClockDecoder.pllSources)
        case ("LL_RCC_HSE_EnableBypass", _): (hseBypass, hseBypassCall) = (true, c.range)
        case ("LL_RCC_HSE_DisableBypass", _): (hseBypass, hseDigital) = (false, false)
        case ("LL_RCC_HSE_SelectDigitalClock", _): hseDigital = true
        case ("LL_RCC_HSE_SelectAnalogClock", _): hseDigital = false
        case ("LL_RCC_HSE_Enable", _):
            let mode: HSEMode = hseBypass ? (hseDigital ? .bypassDigital : .bypass) : .crystal
            let setting = Setting(mode, spelled: hseBypass ? "LL_RCC_HSE_EnableBypass()" : "LL_RCC_HSE_Enable()",
                                  range: hseBypass ? (hseBypassCall ?? c.range) : c.range)
            inputs.hseMode = setting
            configuration.hseStarts.append(setting)
        case ("LL_RCC_HSE_Disable", _): inputs.hseMode = Setting(.off, spelled: name, range: c.range)
        case ("LL_RCC_HSI_SetDivider", let a?): inputs.hsiDivider = decoder.choice(a, ClockDecoder.hsiStates)
        case ("LL_RCC_SetSysClkSource", let a?):
            inputs.sysclkSource = decoder.choice(a, ClockDecoder.sysclkSources)
            recordSwitch(c)
        case ("LL_RCC_SetSysPrescaler", let a?): inputs.cpuDivider = decoder.numbered(a, prefixes: ClockDecoder.cpuPrefixes)
        case ("LL_RCC_SetAHBPrescaler", let a?): inputs.ahbDivider = decoder.numbered(a, prefixes: ClockDecoder.ahbPrefixes)
        case ("LL_RCC_SetAPB1Prescaler", let a?): inputs.apb1Divider = decoder.numbered(a, prefixes: ClockDecoder.apbPrefixes(1))
        case ("LL_RCC_SetAPB2Prescaler", let a?): inputs.apb2Divider = decoder.numbered(a, prefixes: ClockDecoder.apbPrefixes(2))
        case ("LL_RCC_SetAPB3Prescaler", let a?): inputs.apb3Divider = decoder.numbered(a, prefixes: ClockDecoder.apbPrefixes(3))
        case ("LL_RCC_SetAPB4Prescaler", let a?): inputs.apb4Divider = decoder.numbered(a, prefixes: ClockDecoder.apbPrefixes(4))
        case ("LL_FLASH_SetLatency", let a?):
            inputs.flashLatency = decoder.numbered(a, prefixes: ClockDecoder.latencyPrefixes)
        default: return false
        }
        return true
    }

    /// `__HAL_RCC_PLL_CONFIG` and the other HAL macros that set the tree directly.
    private mutating func macroCall(_ c: CallFact) {
        let args = c.arguments
        switch c.name {
        case "__HAL_RCC_PLL_CONFIG" where args.count == 6:
            inputs.pllSource = decoder.choice(args[0], ClockDecoder.pllSources)
            inputs.updatePLL(1) { pll in
                (pll.m, pll.n, pll.p) = (decoder.integer(args[1]), decoder.integer(args[2]), decoder.integer(args[3]))
                (pll.q, pll.r) = (decoder.integer(args[4]), decoder.integer(args[5]))
            }
        case "__HAL_RCC_PLLFRACN_CONFIG" where args.count == 1:
            inputs.updatePLL(1) { $0.fracn = decoder.integer(args[0]) }
        case "__HAL_RCC_PLL_VCIRANGE" where args.count == 1:
            inputs.updatePLL(1) { $0.inputRange = decoder.choice(args[0], ClockDecoder.inputRanges(1)) }
        case "__HAL_RCC_PLL_VCORANGE" where args.count == 1:
            inputs.updatePLL(1) { $0.vcoRange = decoder.choice(args[0], ClockDecoder.vcoRanges(1)) }
        case "__HAL_RCC_PLL_ENABLE":
            inputs.updatePLL(1) { $0.enabled = Setting(true, spelled: c.name, range: c.range) }
            startPLL(1, at: c.range)
        case "__HAL_RCC_PLL_DISABLE":
            inputs.updatePLL(1) { $0.enabled = Setting(false, spelled: c.name, range: c.range) }
        case "__HAL_RCC_HSE_CONFIG" where args.count == 1:
            let mode = decoder.choice(args[0], ClockDecoder.hseStates)
            inputs.hseMode = mode
            if mode.value?.isOn == true { configuration.hseStarts.append(mode) }
        case "__HAL_RCC_HSI_CONFIG" where args.count == 1:
            let state = decoder.choice(args[0], ClockDecoder.hsiStates)
            inputs.hsiDivider = state.value == 0 ? .unset("HSI off") : state
        case "__HAL_RCC_SYSCLK_CONFIG" where args.count == 1:
            inputs.sysclkSource = decoder.choice(args[0], ClockDecoder.sysclkSources)
            recordSwitch(c)
        case "__HAL_FLASH_SET_LATENCY" where args.count == 1:
            inputs.flashLatency = decoder.numbered(args[0], prefixes: ClockDecoder.latencyPrefixes)
        default:
            break
        }
    }

    /// Names of the calls this simulator reads (for finding entry functions).
    static func isClockCall(_ name: String) -> Bool {
        name.hasPrefix("HAL_RCC_") || name.hasPrefix("LL_RCC_") || name.hasPrefix("__HAL_RCC_PLL")
            || ["__HAL_RCC_HSE_CONFIG", "__HAL_RCC_SYSCLK_CONFIG", "LL_FLASH_SetLatency", "__HAL_FLASH_SET_LATENCY",
                "HAL_RCCEx_PeriphCLKConfig"].contains(name)
    }
}
