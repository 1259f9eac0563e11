import H7Model

/// LL set-up: `LL_RCC_*` and `LL_FLASH_SetLatency` calls, one register field each.
extension ClockSimulator {
    /// The LL calls that set the clock tree. Returns false for any other call.
    mutating func llCall(_ c: CallFact) -> Bool {
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
                // LL leaves the PLL source at its reset value, HSI, unless LL_RCC_PLL_SetSource is called (RCC_PLLCKSELR
                // resets to PLLSRC = 0: stm32h7xx_hal_rcc.c HAL_RCC_DeInit writes DIVM1/2/3 = 32 only, line 333 @6f5e35e;
                // stm32h7rsxx_hal_rcc.c writes 0x02020200, line 368 @471265b; LL_RCC_PLLSOURCE_HSI is 0).
                if !inputs.pllSource.isSet { inputs.pllSource = .fixed(.hsi, "reset value") }
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
}
