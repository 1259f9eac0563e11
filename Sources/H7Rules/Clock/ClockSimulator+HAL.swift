import H7Model

/// HAL set-up: the init structs applied the way `HAL_RCC_OscConfig`, `HAL_RCC_ClockConfig` and
/// `HAL_RCCEx_PeriphCLKConfig` apply them, and the `__HAL_RCC_*` macros.
extension ClockSimulator {
    /// `HAL_RCC_OscConfig`: the oscillators named in `OscillatorType`, then PLL1 unless `PLLState` is NONE.
    mutating func applyOsc(_ s: StructValue, name: String, at range: SourceRange) {
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
        // The H7R/S HAL (stm32h7rsxx_hal_rcc.h) configures PLL1, PLL2 and PLL3 in HAL_RCC_OscConfig through
        // `PLL1.`, `PLL2.`, `PLL3.` members, and computes PLLxRGE/PLLxVCOSEL itself from the reference.
        let numberedPLLs = s.fields["PLL.PLLState"] == nil
            && s.fields.keys.contains { ["PLL1.", "PLL2.", "PLL3."].contains(where: $0.hasPrefix) }
        if numberedPLLs || s.fields["HSIDiv"] != nil {
            if let op = s.fields["HSIDiv"], applies("RCC_OSCILLATORTYPE_HSI") {
                inputs.hsiDivider = decoder.choice(op, ClockDecoder.hsiStates)
            }
        }
        if numberedPLLs {
            for index in 1...3 where s.fields["PLL\(index).PLLState"] != nil {
                applyOscPLL(s, index: index, prefix: "PLL\(index).", derivedRanges: true, name: name, at: range)
            }
            return
        }
        applyOscPLL(s, index: 1, prefix: "PLL.", derivedRanges: false, name: name, at: range)
    }

    /// One PLL of an oscillator init struct: `PLL.` (H7) or `PLLn.` (H7R/S, whose HAL derives the ranges).
    private mutating func applyOscPLL(_ s: StructValue, index: Int, prefix: String, derivedRanges: Bool, name: String,
                                      at range: SourceRange) {
        func field<T>(_ path: String, _ decode: (Operand) -> Setting<T>, keep: Setting<T>) -> Setting<T> {
            if let op = s.operand(path) { return Self.placed(decode(op), op) }
            return s.fromHardware ? keep : .unset("\(name).\(path) not set before HAL_RCC_OscConfig")
        }
        guard let stateOp = s.operand(prefix + "PLLState") else { return }
        let state = decoder.choice(stateOp, ClockDecoder.pllStates)
        switch state.value {
        case 0?: return
        case 1?: inputs.updatePLL(index) { $0.enabled = Setting(false, spelled: stateOp.spelled, range: stateOp.range) }
        case 2?:
            if index == 1 {
                inputs.pllSource = field(prefix + "PLLSource", { decoder.choice($0, ClockDecoder.pllSources) }, keep: inputs.pllSource)
            }
            var pll = inputs.pll(index)
            pll.m = field(prefix + "PLLM", decoder.integer, keep: pll.m)
            pll.n = field(prefix + "PLLN", decoder.integer, keep: pll.n)
            pll.p = field(prefix + "PLLP", decoder.integer, keep: pll.p)
            pll.q = field(prefix + "PLLQ", decoder.integer, keep: pll.q)
            pll.r = field(prefix + "PLLR", decoder.integer, keep: pll.r)
            pll.fracn = field(prefix + (derivedRanges ? "PLLFractional" : "PLLFRACN"), decoder.integer, keep: pll.fracn)
            if derivedRanges {
                pll.inputRange = .unset("the HAL selects PLL\(index)RGE from the reference (stm32h7rsxx_hal_rcc.c RCC_PLL_Config)")
                pll.vcoRange = .unset("the HAL selects PLL\(index)VCOSEL from the reference (stm32h7rsxx_hal_rcc.c RCC_PLL_Config)")
            } else {
                pll.inputRange = field(prefix + "PLLRGE", { decoder.choice($0, ClockDecoder.inputRanges(index)) }, keep: pll.inputRange)
                pll.vcoRange = field(prefix + "PLLVCOSEL", { decoder.choice($0, ClockDecoder.vcoRanges(index)) }, keep: pll.vcoRange)
            }
            pll.enabled = Setting(true, spelled: stateOp.spelled, range: stateOp.range)
            inputs.updatePLL(index) { $0 = pll }
            startPLL(index, at: range)
        default:
            inputs.updatePLL(index) { $0.enabled = Setting(nil, spelled: stateOp.spelled, range: stateOp.range) }
        }
    }

    /// `HAL_RCC_ClockConfig`: the fields `ClockType` names.
    mutating func applyClk(_ s: StructValue, name: String) {
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
        if decoder.table["RCC_CLOCKTYPE_PCLK5"] != nil {
            // H7R/S: no APB3; APB5 takes its slot in the tree (ClockLimits.apb3Label).
            apply("RCC_CLOCKTYPE_PCLK5", "APB5CLKDivider", \.apb3Divider, ClockDecoder.apbPrefixes(5))
        } else {
            apply("RCC_CLOCKTYPE_D1PCLK1", "APB3CLKDivider", \.apb3Divider, ClockDecoder.apbPrefixes(3))
        }
        apply("RCC_CLOCKTYPE_PCLK1", "APB1CLKDivider", \.apb1Divider, ClockDecoder.apbPrefixes(1))
        apply("RCC_CLOCKTYPE_PCLK2", "APB2CLKDivider", \.apb2Divider, ClockDecoder.apbPrefixes(2))
        // H7R/S: APB4 is RCC_CLOCKTYPE_PCLK4 (a csr4 identifier); APB5 is not modelled.
        let apb4Bit = decoder.table["RCC_CLOCKTYPE_PCLK4"] != nil ? "RCC_CLOCKTYPE_PCLK4" : "RCC_CLOCKTYPE_D3PCLK1"
        apply(apb4Bit, "APB4CLKDivider", \.apb4Divider, ClockDecoder.apbPrefixes(4))
    }

    /// `HAL_RCCEx_PeriphCLKConfig`: PLL2/PLL3 when their fields are set and the HAL starts them (PeriphPLLStart):
    /// certain when LTDC, a PLLx_DIVy selector or a selected peripheral's source names the PLL; no start when the
    /// selected peripherals' sources are all read and name others; otherwise uncertain.
    mutating func applyPeriph(_ s: StructValue, name: String, at range: SourceRange) {
        let decision = PeriphPLLStart(fields: s.fields, table: decoder.table)
        for index in 2...3 {
            let prefix = "PLL\(index).PLL\(index)"
            guard s.fields[prefix + "N"] != nil || s.fields[prefix + "M"] != nil else { continue }
            let start = decision.start(pll: index)
            if start == .none { continue }
            let unconfirmed = start == .certain ? nil
                : "\(name) sets PLL\(index), but no peripheral clock selection h7lint could read names it, and the HAL starts PLL\(index) only for a selected peripheral that uses it (or LTDC, or a PLL\(index)_DIVx selector): reported at most as a warning"
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
            startPLL(index, at: range, unconfirmed: unconfirmed)
        }
    }

    /// `__HAL_RCC_PLL_CONFIG` and the other HAL macros that set the tree directly.
    mutating func macroCall(_ c: CallFact) {
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
}
