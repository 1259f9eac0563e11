/// The settings of one PLL (PLL1, or PLL2/PLL3 where the code configures them).
public struct PLLSettings: Hashable, Sendable {
    public var index: Int
    /// On, off, or unknown (nil).
    public var enabled: Setting<Bool>
    public var m, n, p, q, r, fracn: Setting<Int>
    /// `PLLRGE`: 0 (1-2 MHz), 1 (2-4), 2 (4-8), 3 (8-16).
    public var inputRange: Setting<Int>
    public var vcoRange: Setting<VCORange>

    public init(index: Int) {
        self.index = index
        enabled = .unset("PLL\(index) not configured")
        let none = Setting<Int>.unset("not set")
        (m, n, p, q, r, fracn, inputRange) = (none, none, none, none, none, none, none)
        vcoRange = .unset("not set")
    }

    public var name: String { "PLL\(index)" }
}

/// Everything the clock tree is computed from, as the code (or the `.ioc`) sets it.
public struct ClockInputs: Hashable, Sendable {
    /// The frequency the HSE really runs at: the board's, else `HSE_VALUE`, else the `.ioc`'s.
    public var hseHz: Setting<Double> = .unset("HSE frequency unknown (no board, no HSE_VALUE)")
    /// Where `hseHz` comes from (`board NUCLEO-H743ZI`, `HSE_VALUE`).
    public var hseOrigin: String = ""
    public var hseMode: Setting<HSEMode> = .unset("HSE not configured")
    /// HSI divider (`RCC_HSI_DIV1` ... `DIV8`).
    public var hsiDivider: Setting<Int> = .unset("HSI divider not set")
    public var pllSource: Setting<ClockSource> = .unset("PLL source not set")
    public var plls: [PLLSettings] = [PLLSettings(index: 1), PLLSettings(index: 2), PLLSettings(index: 3)]
    public var sysclkSource: Setting<ClockSource> = .unset("SYSCLK source not set")
    /// D1CPRE (`SYSCLKDivider`), HPRE (`AHBCLKDivider`), and the APB prescalers, as divisors.
    public var cpuDivider: Setting<Int> = .unset("SYSCLKDivider not set")
    public var ahbDivider: Setting<Int> = .unset("AHBCLKDivider not set")
    public var apb1Divider: Setting<Int> = .unset("APB1CLKDivider not set")
    public var apb2Divider: Setting<Int> = .unset("APB2CLKDivider not set")
    public var apb3Divider: Setting<Int> = .unset("APB3CLKDivider not set")
    public var apb4Divider: Setting<Int> = .unset("APB4CLKDivider not set")
    public var vos: Setting<Int> = .unset("voltage scale not set")
    public var flashLatency: Setting<Int> = .unset("flash latency not set")

    public init() {}

    public func pll(_ index: Int) -> PLLSettings { plls[index - 1] }
    public mutating func updatePLL(_ index: Int, _ body: (inout PLLSettings) -> Void) { body(&plls[index - 1]) }
}

/// The frequencies of one PLL.
public struct PLLClocks: Hashable, Sendable {
    public var settings: PLLSettings
    public var reference, vco, p, q, r: ClockValue
}

/// The clock tree computed from its inputs: oscillators, PLLs, SYSCLK, CPU (D1CPRE), HCLK/AXI, APB1-4.
/// A value that cannot be computed is `unknown` with the reason.
public struct ClockTree: Hashable, Sendable {
    /// HSI and CSI frequencies: fixed by the hardware (h7-facts §3: HAL hal_conf_template.h:119,128).
    public static let hsiHz = 64_000_000.0
    public static let csiHz = 4_000_000.0

    /// What the tree describes (`SystemClock_Config`, `.ioc`).
    public var label: String
    public var inputs: ClockInputs
    public var hse, hsi, csi: ClockValue
    public var plls: [PLLClocks]
    public var sysclk, cpu, hclk, apb1, apb2, apb3, apb4: ClockValue

    public init(label: String, inputs: ClockInputs) {
        self.label = label
        self.inputs = inputs
        hse = inputs.hseHz.value.map { .hz($0) } ?? .unknown(inputs.hseHz.reason ?? "HSE frequency unknown")
        hsi = ClockValue.hz(Self.hsiHz).divided(by: inputs.hsiDivider, "HSI divider")
        csi = .hz(Self.csiHz)
        let (hse, hsi, csi) = (hse, hsi, csi)
        func oscillator(_ source: Setting<ClockSource>) -> ClockValue {
            switch source.value {
            case .hse?: return hse
            case .hsi?: return hsi
            case .csi?: return csi
            case .none?: return .unknown("no source")
            case .pll1?: return .unknown("PLL1 cannot feed itself")
            case nil: return .unknown(source.reason ?? "source unknown")
            }
        }
        let reference = oscillator(inputs.pllSource)
        plls = inputs.plls.map { Self.pll($0, source: reference) }
        switch inputs.sysclkSource.value {
        case .pll1?: sysclk = plls[0].p
        case let other?: sysclk = oscillator(.fixed(other, other.rawValue))
        case nil: sysclk = .unknown(inputs.sysclkSource.reason ?? "SYSCLK source unknown")
        }
        cpu = sysclk.divided(by: inputs.cpuDivider, "SYSCLKDivider")
        hclk = cpu.divided(by: inputs.ahbDivider, "AHBCLKDivider")
        apb1 = hclk.divided(by: inputs.apb1Divider, "APB1CLKDivider")
        apb2 = hclk.divided(by: inputs.apb2Divider, "APB2CLKDivider")
        apb3 = hclk.divided(by: inputs.apb3Divider, "APB3CLKDivider")
        apb4 = hclk.divided(by: inputs.apb4Divider, "APB4CLKDivider")
    }

    static func pll(_ s: PLLSettings, source: ClockValue) -> PLLClocks {
        guard s.enabled.value == true else {
            let why = s.enabled.value == false ? "\(s.name) off" : (s.enabled.reason ?? "\(s.name) not configured")
            return PLLClocks(settings: s, reference: .unknown(why), vco: .unknown(why), p: .unknown(why),
                             q: .unknown(why), r: .unknown(why))
        }
        let reference = source.divided(by: s.m, "\(s.name) M")
        let vco: ClockValue
        if case .hz(let ref) = reference {
            if let n = s.n.value, let frac = s.fracn.value {
                vco = .hz(ref * (Double(n) + Double(frac) / 8192))
            } else {
                vco = .unknown("\(s.name) " + (s.n.value == nil ? "N: \(s.n.reason ?? "unknown")" : "FRACN: \(s.fracn.reason ?? "unknown")"))
            }
        } else {
            vco = reference
        }
        return PLLClocks(settings: s, reference: reference, vco: vco, p: vco.divided(by: s.p, "\(s.name) P"),
                         q: vco.divided(by: s.q, "\(s.name) Q"), r: vco.divided(by: s.r, "\(s.name) R"))
    }

    public func pll(_ index: Int) -> PLLClocks { plls[index - 1] }

    /// Whether the HSE feeds SYSCLK directly or through a PLL that is on.
    public var usesHSE: Bool {
        if inputs.sysclkSource.value == .hse { return true }
        return inputs.pllSource.value == .hse && inputs.plls.contains { $0.enabled.value == true }
    }
}
