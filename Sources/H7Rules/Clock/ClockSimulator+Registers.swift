import H7Model

/// Register-level set-up: writes to RCC, FLASH->ACR (`RCC->PLL1DIVR = ...`, `MODIFY_REG(RCC->CFGR, ...)`) decoded
/// field by field into the same inputs the HAL structs and LL calls set, each with the write that set it.
/// Field masks and positions come from the part's CMSIS names in Rules/hal-identifiers.yml.
extension ClockSimulator {
    /// What the simulator knows a register holds: the bits it knows and their values.
    struct RegisterShadow: Hashable, Sendable {
        var value: Int
        var known: Int
    }

    /// Registers the clock model reads, by the names the RM0455 line uses for the same registers.
    static let registerAliases = ["RCC->CDCFGR1": "RCC->D1CFGR", "RCC->CDCFGR2": "RCC->D2CFGR", "RCC->SRDCFGR": "RCC->D3CFGR"]

    /// Values after reset (RM0433 §8.7: RCC_CR 0x0000_0025, RCC_CFGR/D1CFGR/D2CFGR/D3CFGR 0, RCC_PLLCKSELR
    /// 0x0202_0200, RCC_PLLCFGR 0x01FF_0000, RCC_PLLxDIVR 0x0101_0280, RCC_PLLxFRACR 0; the same in RM0399,
    /// RM0455 §7.7 and RM0468 §8.7). FLASH_ACR differs per line and is not assumed.
    static let resetValues: [String: Int] = [
        "RCC->CR": 0x25, "RCC->CFGR": 0, "RCC->D1CFGR": 0, "RCC->D2CFGR": 0, "RCC->D3CFGR": 0,
        "RCC->PLLCKSELR": 0x0202_0200, "RCC->PLLCFGR": 0x01FF_0000,
        "RCC->PLL1DIVR": 0x0101_0280, "RCC->PLL2DIVR": 0x0101_0280, "RCC->PLL3DIVR": 0x0101_0280,
        "RCC->PLL1FRACR": 0, "RCC->PLL2FRACR": 0, "RCC->PLL3FRACR": 0,
    ]

    /// Whether a register write changes the clock tree (for finding the functions that configure clocks).
    static func isClockRegister(_ target: String) -> Bool {
        let name = registerAliases[target] ?? target
        return resetValues[name] != nil || name == "FLASH->ACR"
    }

    /// A write to a clock register: the shadow is updated and every field the write touches is decoded.
    mutating func registerWrite(_ a: AssignmentFact) {
        let name = Self.registerAliases[a.target] ?? a.target
        guard Self.isClockRegister(name) else { return }
        // The H7R/S line (its csr4 identifiers) lays its RCC registers out differently (PLL1DIVR1/2, CDCFGR, BMCFGR,
        // APBCFGR): they are not modelled, so only FLASH->ACR (LATENCY in bits 3:0 there too) is decoded.
        if decoder.table["PWR_CSR4_VOS"] != nil && name != "FLASH->ACR" { return }
        if registers.isEmpty { inputs.assumeResetValues() }
        let old = registers[name] ?? Self.resetValues[name].map { RegisterShadow(value: $0, known: BitEffectMask.all) }
            ?? RegisterShadow(value: 0, known: 0)
        let set = a.setBits ?? 0, clear = a.clearBits ?? 0
        let written = a.setBits == nil ? 0 : set | clear
        // In one of several merged runtime arms (an `if` or a `switch` case) the write may not run: its bits are unknown.
        let uncertain = mergedBranches && a.branch != nil
        let known = uncertain ? (a.keepsOtherBits ? old.known & ~written : 0) : (a.keepsOtherBits ? (old.known | written) : written)
        let now = RegisterShadow(value: ((old.value & ~clear) | set) & known, known: known)
        registers[name] = now
        let touched = a.setBits == nil || !a.keepsOtherBits ? BitEffectMask.all : written
        // Findings point at the value written (`FLASH_ACR_LATENCY_2WS` in a MODIFY_REG), else at the write.
        decode(name, now, touched: touched, write: a, at: a.value.range.line > 0 ? a.value.range : a.range, uncertain: uncertain)
    }

    /// A field of a register: its value when every bit of it is known.
    private func field(_ shadow: RegisterShadow, _ name: String) -> (mask: Int, value: Int?)? {
        guard let mask = decoder.table[name + "_Msk"] ?? decoder.table[name], mask != 0 else { return nil }
        let shift = decoder.table[name + "_Pos"] ?? mask.trailingZeroBitCount
        return (mask, shadow.known & mask == mask ? (shadow.value & mask) >> shift : nil)
    }

    private mutating func decode(_ register: String, _ shadow: RegisterShadow, touched: Int, write a: AssignmentFact,
                                 at place: SourceRange, uncertain: Bool) {
        let spelled = a.value.spelled
        let why = uncertain ? " (the write sits in one of several runtime branches, if/else or switch cases, that h7lint cannot tell apart)" : ""
        /// The setting of one field, or why it cannot be read.
        func setting<T>(_ fieldName: String, _ meaning: (Int) -> T?) -> Setting<T>? {
            guard let (mask, value) = field(shadow, fieldName), mask & touched != 0 else { return nil }
            guard let value else {
                return Setting(nil, spelled: spelled, range: place, reason: "cannot decode \(fieldName) from '\(spelled)'\(why)")
            }
            return Setting(meaning(value), spelled: spelled, range: place, reason: "\(fieldName) = \(value) is reserved")
        }
        func plus1(_ v: Int) -> Int? { v + 1 }
        switch register {
        case "RCC->CR":
            if let s = setting("RCC_CR_HSIDIV", { [1, 2, 4, 8][$0 & 3] }) { inputs.hsiDivider = s }
            if let on = setting("RCC_CR_HSEON", { $0 == 1 }) {
                let bypass = field(shadow, "RCC_CR_HSEBYP")?.value, digital = field(shadow, "RCC_CR_HSEEXT")?.value ?? 0
                if on.value == false {
                    inputs.hseMode = Setting(.off, spelled: spelled, range: place)
                } else if on.value == true {
                    let mode: HSEMode? = bypass.map { $0 == 0 ? .crystal : (digital == 1 ? .bypassDigital : .bypass) }
                    let s = Setting(mode, spelled: spelled, range: place, reason: "cannot tell RCC_CR_HSEBYP from '\(spelled)'")
                    inputs.hseMode = s
                    configuration.hseStarts.append(s)
                } else {
                    inputs.hseMode = Setting(nil, spelled: spelled, range: place, reason: on.reason)
                }
            }
            for index in 1...3 {
                let bit = index == 1 ? (decoder.table["RCC_CR_PLL1ON"] != nil ? "RCC_CR_PLL1ON" : "RCC_CR_PLLON") : "RCC_CR_PLL\(index)ON"
                guard let on = setting(bit, { $0 == 1 }) else { continue }
                inputs.updatePLL(index) { $0.enabled = on }
                if on.value == true { startPLL(index, at: place) }
            }
        case "RCC->CFGR":
            if let s = setting("RCC_CFGR_SW", { [ClockSource.hsi, .csi, .hse, .pll1][safe: $0] }) {
                inputs.sysclkSource = s
                recordSwitch(at: place, via: spelled)
                registerSwitch = configuration.switches.count - 1
            }
        case "RCC->D1CFGR":
            for (prefix, path) in [("D1CPRE", \ClockInputs.cpuDivider), ("CDCPRE", \.cpuDivider), ("HPRE", \.ahbDivider),
                                   ("D1PPRE", \.apb3Divider), ("CDPPRE", \.apb3Divider)] {
                let name = decoder.table["RCC_D1CFGR_\(prefix)"] != nil ? "RCC_D1CFGR_\(prefix)" : "RCC_CDCFGR1_\(prefix)"
                let ahb = prefix.hasSuffix("CPRE") || prefix == "HPRE"
                if let s = setting(name, ahb ? Self.ahbDivisor : Self.apbDivisor) { inputs[keyPath: path] = s }
            }
            settleAPB()
        case "RCC->D2CFGR":
            for (prefix, path) in [("D2PPRE1", \ClockInputs.apb1Divider), ("D2PPRE2", \.apb2Divider),
                                   ("CDPPRE1", \.apb1Divider), ("CDPPRE2", \.apb2Divider)] {
                let name = prefix.hasPrefix("D2") ? "RCC_D2CFGR_\(prefix)" : "RCC_CDCFGR2_\(prefix)"
                if let s = setting(name, Self.apbDivisor) { inputs[keyPath: path] = s }
            }
        case "RCC->D3CFGR":
            if let s = setting("RCC_D3CFGR_D3PPRE", Self.apbDivisor) ?? setting("RCC_SRDCFGR_SRDPPRE", Self.apbDivisor) {
                inputs.apb4Divider = s
            }
            settleAPB()
            settleAPB()
        case "RCC->PLLCKSELR":
            if let s = setting("RCC_PLLCKSELR_PLLSRC", { [ClockSource.hsi, .csi, .hse, .none][safe: $0] }) { inputs.pllSource = s }
            for index in 1...3 {
                if let s = setting("RCC_PLLCKSELR_DIVM\(index)", { $0 }) { inputs.updatePLL(index) { $0.m = s } }
            }
        case "RCC->PLLCFGR":
            for index in 1...3 {
                if let s = setting("RCC_PLLCFGR_PLL\(index)RGE", { $0 }) { inputs.updatePLL(index) { $0.inputRange = s } }
                if let s = setting("RCC_PLLCFGR_PLL\(index)VCOSEL", { $0 == 0 ? VCORange.wide : .medium }) {
                    inputs.updatePLL(index) { $0.vcoRange = s }
                }
                if setting("RCC_PLLCFGR_PLL\(index)FRACEN", { $0 }) != nil { fractional(index, spelled: spelled, at: place) }
            }
        case "RCC->PLL1DIVR", "RCC->PLL2DIVR", "RCC->PLL3DIVR":
            let index = Int(String(register.dropFirst(8).prefix(1)))!
            let base = "RCC_PLL\(index)DIVR_"
            if let s = setting(base + "N\(index)", plus1) { inputs.updatePLL(index) { $0.n = s } }
            if let s = setting(base + "P\(index)", plus1) { inputs.updatePLL(index) { $0.p = s } }
            if let s = setting(base + "Q\(index)", plus1) { inputs.updatePLL(index) { $0.q = s } }
            if let s = setting(base + "R\(index)", plus1) { inputs.updatePLL(index) { $0.r = s } }
        case "RCC->PLL1FRACR", "RCC->PLL2FRACR", "RCC->PLL3FRACR":
            fractional(Int(String(register.dropFirst(8).prefix(1)))!, spelled: spelled, at: place)
        case "FLASH->ACR":
            if let s = setting("FLASH_ACR_LATENCY", { $0 }) {
                inputs.flashLatency = s
                // Wait states changed while a switched clock runs (HAL lowers them after the switch): that clock is
                // now read with them.
                if s.value != nil, !configuration.switches.isEmpty {
                    configuration.latencyDrops.append(ClockSwitch(range: place, via: spelled,
                                                                  tree: ClockTree(label: configuration.entry, inputs: inputs),
                                                                  vosBefore: configuration.voltageEvents.last?.setting, vosAfter: nil))
                }
            }
        default:
            break
        }
    }

    /// APB prescalers written right after a register-level switch (before any other call) count at that switch:
    /// the APB clocks run high for a few instructions, which nothing notices. AHB, CPU and flash settings do not
    /// settle this way (a fetch at too high an HCLK fails at once).
    private mutating func settleAPB() {
        guard let index = registerSwitch, index < configuration.switches.count else { return }
        var settled = configuration.switches[index].tree.inputs
        (settled.apb1Divider, settled.apb2Divider) = (inputs.apb1Divider, inputs.apb2Divider)
        (settled.apb3Divider, settled.apb4Divider) = (inputs.apb3Divider, inputs.apb4Divider)
        configuration.switches[index].tree = ClockTree(label: configuration.switches[index].tree.label, inputs: settled)
    }

    /// FRACN counts only while PLLxFRACEN is set.
    private mutating func fractional(_ index: Int, spelled: String, at place: SourceRange) {
        let enable = registers["RCC->PLLCFGR"].flatMap { field($0, "RCC_PLLCFGR_PLL\(index)FRACEN")?.value }
            ?? Self.resetValues["RCC->PLLCFGR"].map { _ in 0 }
        let frac = registers["RCC->PLL\(index)FRACR"].flatMap { field($0, "RCC_PLL\(index)FRACR_FRACN\(index)") }
        let value: Int? = enable == 0 ? 0 : (frac == nil ? 0 : frac?.value)
        inputs.updatePLL(index) {
            $0.fracn = Setting(value, spelled: spelled, range: place, reason: "cannot decode PLL\(index) FRACN from '\(spelled)'")
        }
    }

    /// HPRE and D1CPRE: 0xxx = 1, 1000 = 2 ... 1111 = 512 (RM0433 §8.7.8).
    static func ahbDivisor(_ v: Int) -> Int? { v < 8 ? 1 : [2, 4, 8, 16, 64, 128, 256, 512][v - 8] }
    /// The APB prescalers: 0xx = 1, 100 = 2 ... 111 = 16.
    static func apbDivisor(_ v: Int) -> Int? { v < 4 ? 1 : [2, 4, 8, 16][v - 4] }
}

enum BitEffectMask { static let all = 0xFFFF_FFFF }

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension ClockInputs {
    /// Register-level code leaves every field it never writes at its reset value (the registers in
    /// `ClockSimulator.resetValues`): HSI undivided and feeding SYSCLK and the PLLs, PLLs off with M = 32, N = 129,
    /// P = Q = R = 2, no FRACN, PLLRGE 0, wide VCO, every prescaler 1. Inputs already set keep their value.
    mutating func assumeResetValues() {
        func reset<T>(_ path: WritableKeyPath<ClockInputs, Setting<T>>, _ value: T) {
            if !self[keyPath: path].isSet { self[keyPath: path] = .fixed(value, "reset value") }
        }
        reset(\.hsiDivider, 1)
        reset(\.pllSource, .hsi)
        reset(\.sysclkSource, .hsi)
        for path in [\ClockInputs.cpuDivider, \.ahbDivider, \.apb1Divider, \.apb2Divider, \.apb3Divider, \.apb4Divider] { reset(path, 1) }
        for index in 1...3 {
            var pll = self.pll(index)
            func reset<T>(_ path: WritableKeyPath<PLLSettings, Setting<T>>, _ value: T) {
                if !pll[keyPath: path].isSet { pll[keyPath: path] = .fixed(value, "reset value") }
            }
            reset(\.m, 32); reset(\.n, 129); reset(\.p, 2); reset(\.q, 2); reset(\.r, 2); reset(\.fracn, 0)
            reset(\.inputRange, 0); reset(\.vcoRange, .wide); reset(\.enabled, false)
            plls[index - 1] = pll
        }
    }
}
