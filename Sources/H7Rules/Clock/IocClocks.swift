import H7Model

/// The clock tree the `.ioc`'s `RCC.*` keys describe (cubemx-formats §1.4). Absent keys are CubeMX
/// defaults: DIVP/DIVQ/DIVR 2, FRACN 0 and prescalers 1 (checked against the computed `*Freq_Value`
/// keys of 51 user `.ioc` files); the defaults of `HSE_VALUE`, the PLL source and DIVM/DIVN depend on the
/// part, so they stay unknown. `*Freq_Value` keys are CubeMX's display values and are not read as inputs.
public struct IocClocks: Hashable, Sendable {
    public var file: String
    public var tree: ClockTree
    /// Keys present in the file, by name, with their line.
    public var lines: [String: Int]
    /// CubeMX's own SYSCLK (`RCC.SYSCLKFreq_VALUE`), for the report.
    public var cubeMXSysclkHz: Double?

    public init?(ioc: IocFile) {
        var lines: [String: Int] = [:]
        for entry in ioc.entries where entry.key.hasPrefix("RCC.") { lines[entry.key] = entry.line }
        guard lines.keys.contains(where: { !$0.hasSuffix("_Value") && !$0.hasSuffix("_VALUE") && $0 != "RCC.IPParameters" })
            || lines["RCC.HSE_VALUE"] != nil else { return nil }
        file = ioc.file
        self.lines = lines
        cubeMXSysclkHz = ioc.value("RCC.SYSCLKFreq_VALUE").flatMap(Double.init)

        func setting<T>(_ key: String, _ decode: (String) -> T?, default fallback: T? = nil) -> Setting<T> {
            guard let text = ioc.value(key) else {
                return fallback.map { .fixed($0, "CubeMX default") } ?? .unset("\(key) not in the .ioc")
            }
            return Setting(decode(text), spelled: "\(key)=\(text)", range: SourceRange(file: ioc.file, line: ioc.line(key) ?? 1))
        }
        func keyOf(_ names: [String]) -> String { names.first { ioc.value($0) != nil } ?? names[0] }

        var inputs = ClockInputs()
        inputs.hseHz = setting("RCC.HSE_VALUE") { Double($0) }
        inputs.hseOrigin = ".ioc RCC.HSE_VALUE"
        if let pin = ioc.pins.first(where: { $0.name == "PH0" }), let mode = pin.mode {
            let decoded: HSEMode? = mode == "HSE-External-Oscillator" ? .crystal : (mode == "HSE-External-Clock-Source" ? .bypass : nil)
            inputs.hseMode = Setting(decoded, spelled: "\(pin.originalName).Mode=\(mode)", range: SourceRange(file: ioc.file, line: pin.line))
        }
        inputs.hsiDivider = setting("RCC.HSIDiv", { $0.hasPrefix("RCC_HSI_DIV") ? Self.trailingNumber($0) : nil }, default: 1)
        inputs.pllSource = setting("RCC.PLLSourceVirtual") { ClockDecoder.pllSources[$0] }
        inputs.sysclkSource = setting("RCC.SYSCLKSource") { ClockDecoder.sysclkSources[$0] }
        for index in 1...3 {
            inputs.updatePLL(index) { pll in
                pll.m = setting("RCC.DIVM\(index)") { Int($0) }
                pll.n = setting("RCC.DIVN\(index)") { Int($0) }
                pll.p = setting("RCC.DIVP\(index)", { Int($0) }, default: 2)
                pll.q = setting("RCC.DIVQ\(index)", { Int($0) }, default: 2)
                pll.r = setting("RCC.DIVR\(index)", { Int($0) }, default: 2)
                pll.fracn = setting(index == 1 ? "RCC.PLLFRACN" : "RCC.PLL\(index)FRACN", { Int($0) }, default: 0)
            }
        }
        if inputs.sysclkSource.value == .pll1 { inputs.plls[0].enabled = .fixed(true, "RCC_SYSCLKSOURCE_PLLCLK") }
        let number = { (text: String) in Self.trailingNumber(text) }
        inputs.cpuDivider = setting(keyOf(["RCC.D1CPRE", "RCC.CDCPRE"]), number, default: 1)
        inputs.ahbDivider = setting("RCC.HPRE", number, default: 1)
        inputs.apb3Divider = setting(keyOf(["RCC.D1PPRE", "RCC.CDPPRE"]), number, default: 1)
        inputs.apb1Divider = setting(keyOf(["RCC.D2PPRE1", "RCC.CDPPRE1"]), number, default: 1)
        inputs.apb2Divider = setting(keyOf(["RCC.D2PPRE2", "RCC.CDPPRE2"]), number, default: 1)
        inputs.apb4Divider = setting(keyOf(["RCC.D3PPRE", "RCC.SRDPPRE"]), number, default: 1)
        inputs.vos = setting("RCC.PWR_Regulator_Voltage_Scale", number)
        inputs.flashLatency = setting("RCC.FLatency", number)
        tree = ClockTree(label: ".ioc", inputs: inputs)
    }

    static func trailingNumber(_ text: String) -> Int? {
        let digits = text.reversed().prefix { $0.isNumber }
        return digits.isEmpty ? nil : Int(String(digits.reversed()))
    }

    /// The keys H7-CLK-010 compares with the code, each with what it means in the tree.
    public static let comparedKeys: [(keys: [String], label: String, value: @Sendable (ClockInputs) -> String?)] = {
        var list: [(keys: [String], label: String, value: @Sendable (ClockInputs) -> String?)] = [
            (["RCC.PLLSourceVirtual"], "PLL source", { $0.pllSource.value?.rawValue }),
            (["RCC.SYSCLKSource"], "SYSCLK source", { $0.sysclkSource.value?.rawValue }),
            (["RCC.D1CPRE", "RCC.CDCPRE"], "CPU prescaler (D1CPRE)", { $0.cpuDivider.value.map { "/\($0)" } }),
            (["RCC.HPRE"], "AHB prescaler (HPRE)", { $0.ahbDivider.value.map { "/\($0)" } }),
            (["RCC.D1PPRE", "RCC.CDPPRE"], "APB3 prescaler", { $0.apb3Divider.value.map { "/\($0)" } }),
            (["RCC.D2PPRE1", "RCC.CDPPRE1"], "APB1 prescaler", { $0.apb1Divider.value.map { "/\($0)" } }),
            (["RCC.D2PPRE2", "RCC.CDPPRE2"], "APB2 prescaler", { $0.apb2Divider.value.map { "/\($0)" } }),
            (["RCC.D3PPRE", "RCC.SRDPPRE"], "APB4 prescaler", { $0.apb4Divider.value.map { "/\($0)" } }),
            (["RCC.PWR_Regulator_Voltage_Scale"], "voltage scale", { $0.vos.value.map { "VOS\($0)" } }),
            (["RCC.FLatency"], "flash latency", { $0.flashLatency.value.map { "\($0) WS" } }),
        ]
        for i in 1...3 {
            let fields: [(String, String, @Sendable (PLLSettings) -> Int?)] = [
                ("RCC.DIVM\(i)", "M", { $0.m.value }), ("RCC.DIVN\(i)", "N", { $0.n.value }),
                ("RCC.DIVP\(i)", "P", { $0.p.value }), ("RCC.DIVQ\(i)", "Q", { $0.q.value }),
                ("RCC.DIVR\(i)", "R", { $0.r.value }),
                (i == 1 ? "RCC.PLLFRACN" : "RCC.PLL\(i)FRACN", "FRACN", { $0.fracn.value }),
            ]
            for (key, name, get) in fields {
                list.append(([key], "PLL\(i) \(name)", { inputs in get(inputs.pll(i)).map(String.init) }))
            }
        }
        return list
    }()
}
