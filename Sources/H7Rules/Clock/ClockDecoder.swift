import H7Model

/// Turns arguments and right-hand sides (`RCC_HCLK_DIV2`, `LL_RCC_PLLINPUTRANGE_2_4`, `400`) into what they
/// mean for the clock tree: by the identifier's name where it has one, else by its value through the part's
/// identifier table (the encodings differ per line). Nil when neither settles it.
struct ClockDecoder {
    let table: [String: Int]

    func integer(_ operand: Operand) -> Setting<Int> {
        Setting(operand.value, spelled: operand.spelled, range: operand.range)
    }

    /// One of a set of named constants.
    func choice<T: Hashable & Sendable>(_ operand: Operand, _ options: [String: T]) -> Setting<T> {
        if let name = operand.identifier, let hit = options[name] {
            return Setting(hit, spelled: operand.spelled, range: operand.range)
        }
        var found: Set<T> = []
        if let value = operand.value {
            for (name, meaning) in options where table[name] == value { found.insert(meaning) }
        }
        return Setting(found.count == 1 ? found.first : nil, spelled: operand.spelled, range: operand.range,
                       reason: "'\(operand.spelled)' is not one of \(options.keys.sorted().prefix(3).joined(separator: ", "))...")
    }

    /// A numbered constant: `RCC_HCLK_DIV4` → 4, `LL_RCC_APB1_DIV_2` → 2, `FLASH_LATENCY_3` → 3.
    func numbered(_ operand: Operand, prefixes: [String]) -> Setting<Int> {
        if let name = operand.identifier {
            for prefix in prefixes where name.hasPrefix(prefix) {
                if let n = Int(name.dropFirst(prefix.count)) { return Setting(n, spelled: operand.spelled, range: operand.range) }
            }
        }
        var found: Set<Int> = []
        if let value = operand.value {
            for (name, v) in table where v == value {
                for prefix in prefixes where name.hasPrefix(prefix) {
                    if let n = Int(name.dropFirst(prefix.count)) { found.insert(n) }
                }
            }
        }
        return Setting(found.count == 1 ? found.first : nil, spelled: operand.spelled, range: operand.range)
    }

    /// Whether a bit mask operand (`OscillatorType`, `ClockType`) has the named bit; nil when unknown.
    func has(_ operand: Setting<Int>?, _ bit: String) -> Bool? {
        guard let mask = operand?.value, let value = table[bit] else { return nil }
        return mask & value == value
    }

    // MARK: Vocabularies

    static let pllSources: [String: ClockSource] = [
        "RCC_PLLSOURCE_HSI": .hsi, "RCC_PLLSOURCE_CSI": .csi, "RCC_PLLSOURCE_HSE": .hse, "RCC_PLLSOURCE_NONE": .none,
        "LL_RCC_PLLSOURCE_HSI": .hsi, "LL_RCC_PLLSOURCE_CSI": .csi, "LL_RCC_PLLSOURCE_HSE": .hse,
        "LL_RCC_PLLSOURCE_NONE": .none,
    ]
    static let sysclkSources: [String: ClockSource] = [
        "RCC_SYSCLKSOURCE_HSI": .hsi, "RCC_SYSCLKSOURCE_CSI": .csi, "RCC_SYSCLKSOURCE_HSE": .hse,
        "RCC_SYSCLKSOURCE_PLLCLK": .pll1, "LL_RCC_SYS_CLKSOURCE_HSI": .hsi, "LL_RCC_SYS_CLKSOURCE_CSI": .csi,
        "LL_RCC_SYS_CLKSOURCE_HSE": .hse, "LL_RCC_SYS_CLKSOURCE_PLL1": .pll1,
    ]
    static let hseStates: [String: HSEMode] = [
        "RCC_HSE_OFF": .off, "RCC_HSE_ON": .crystal, "RCC_HSE_BYPASS": .bypass, "RCC_HSE_BYPASS_DIGITAL": .bypassDigital,
    ]
    /// `HSIState`: 0 = off, else the divider. The H7R/S line's LL spells the dividers `LL_RCC_HSI_DIV_1` to `_8`
    /// (stm32h7rsxx_hal_driver@471265b Inc/stm32h7rsxx_ll_rcc.h:213-216, HSIDIV 0 to 3).
    static let hsiStates: [String: Int] = [
        "RCC_HSI_OFF": 0, "RCC_HSI_ON": 1, "RCC_HSI_DIV1": 1, "RCC_HSI_DIV2": 2, "RCC_HSI_DIV4": 4, "RCC_HSI_DIV8": 8,
        "LL_RCC_HSI_DIV1": 1, "LL_RCC_HSI_DIV2": 2, "LL_RCC_HSI_DIV4": 4, "LL_RCC_HSI_DIV8": 8,
        "LL_RCC_HSI_DIV_1": 1, "LL_RCC_HSI_DIV_2": 2, "LL_RCC_HSI_DIV_4": 4, "LL_RCC_HSI_DIV_8": 8,
    ]
    /// `PLLState`: nil = `RCC_PLL_NONE` (leave the PLL alone).
    static let pllStates: [String: Int] = ["RCC_PLL_NONE": 0, "RCC_PLL_OFF": 1, "RCC_PLL_ON": 2]
    static func inputRanges(_ pll: Int) -> [String: Int] {
        var map: [String: Int] = ["LL_RCC_PLLINPUTRANGE_1_2": 0, "LL_RCC_PLLINPUTRANGE_2_4": 1,
                                  "LL_RCC_PLLINPUTRANGE_4_8": 2, "LL_RCC_PLLINPUTRANGE_8_16": 3]
        for n in 0...3 { map["RCC_PLL\(pll)VCIRANGE_\(n)"] = n }
        return map
    }
    static func vcoRanges(_ pll: Int) -> [String: VCORange] {
        ["RCC_PLL\(pll)VCOWIDE": .wide, "RCC_PLL\(pll)VCOMEDIUM": .medium,
         "LL_RCC_PLLVCORANGE_WIDE": .wide, "LL_RCC_PLLVCORANGE_MEDIUM": .medium]
    }
    static let cpuPrefixes = ["RCC_SYSCLK_DIV", "LL_RCC_SYSCLK_DIV_"]
    static let ahbPrefixes = ["RCC_HCLK_DIV", "LL_RCC_AHB_DIV_"]
    static func apbPrefixes(_ n: Int) -> [String] { ["RCC_APB\(n)_DIV", "LL_RCC_APB\(n)_DIV_"] }
    static let latencyPrefixes = ["FLASH_LATENCY_", "LL_FLASH_LATENCY_"]
}
