/// A CMSIS device define (STM32H745xx) and what its header says about the part.
public struct Part: Codable, Hashable, Sendable {
    public var define: String
    public var cores: [Core]
    public var smps: Bool
    public var partNumbers: [String]
    public var source: String?

    enum CodingKeys: String, CodingKey {
        case define, cores, smps, source
        case partNumbers = "part_numbers"
    }

    public var isDualCore: Bool { cores.count > 1 }
}

/// A limit at one voltage scale.
public struct VoltageScaleLimits: Codable, Hashable, Sendable {
    public var vos: Int
    public var maxCpuMHz: Double
    public var maxHclkMHz: Double
    public var maxPclkMHz: Double
    /// The CPU maximum with the CPU_FREQ_BOOST option byte (H72x/H73x VOS0), when the line has one.
    public var boostMaxCpuMHz: Double?
    /// The HCLK limit at this scale that CubeMX enforces too (hard: above it is H7-CLK-002's error); the range
    /// between `maxHclkMHz` and it stays H7-CLK-011's warning.
    public var hardHclkMHz: Double?
    public var condition: String?
    /// What to do so that the condition holds on every board (the finding's fix).
    public var conditionFix: String?
    public var source: String?
    public var unverified: Bool?

    enum CodingKeys: String, CodingKey {
        case vos, condition, source, unverified
        case maxCpuMHz = "max_cpu_mhz"
        case maxHclkMHz = "max_hclk_mhz"
        case maxPclkMHz = "max_pclk_mhz"
        case boostMaxCpuMHz = "boost_max_cpu_mhz"
        case hardHclkMHz = "hard_hclk_mhz"
        case conditionFix = "condition_fix"
    }
}

public struct FlashLatencyRow: Codable, Hashable, Sendable {
    public var latency: Int
    public var wrhighfreq: Int?
    /// Keyed `vos0` ... `vos3`; a missing key means this row does not apply at that scale.
    public var maxHclkMHz: [String: Double]

    enum CodingKeys: String, CodingKey {
        case latency, wrhighfreq
        case maxHclkMHz = "max_hclk_mhz"
    }
}

public struct FlashLatencyTable: Codable, Hashable, Sendable {
    public var source: String?
    public var conflict: String?
    public var rows: [FlashLatencyRow]
    /// A looser table from another source (ST's LL driver): fewer wait states than `rows` but enough for these
    /// are a warning, fewer than these an error (docs/severity.md).
    public var lenientRows: [FlashLatencyRow]?
    public var lenientSource: String?

    enum CodingKeys: String, CodingKey {
        case source, conflict, rows
        case lenientRows = "lenient_rows"
        case lenientSource = "lenient_source"
    }

    /// The fewest wait states that allow `hclkMHz` at `vos`, or nil when no row does.
    public func minimumLatency(hclkMHz: Double, vos: Int) -> Int? {
        Self.minimum(rows, hclkMHz: hclkMHz, vos: vos)
    }

    /// The same by the lenient table; nil when the line has none.
    public func lenientMinimumLatency(hclkMHz: Double, vos: Int) -> Int? {
        lenientRows.flatMap { Self.minimum($0, hclkMHz: hclkMHz, vos: vos) }
    }

    static func minimum(_ rows: [FlashLatencyRow], hclkMHz: Double, vos: Int) -> Int? {
        rows.filter { ($0.maxHclkMHz["vos\(vos)"] ?? -1) >= hclkMHz - 1e-9 }.map(\.latency).min()
    }
}

public struct PLLLimits: Codable, Hashable, Sendable {
    public var source: String?
    public var conflict: String?
    public var inputRangesMHz: [Int: [Double]]
    public var vcoWideMHz: [Double]
    public var vcoMediumMHz: [Double]
    /// Where sources disagree on the wide-VCO maximum: above this, a warning rather than an error.
    public var vcoWideWarnAboveMHz: Double?
    public var divm: [Int]
    public var divn: [Int]
    public var divp: [Int]
    public var pll1POdd: String?
    public var divq: [Int]
    public var divr: [Int]
    public var fracn: [Int]

    enum CodingKeys: String, CodingKey {
        case source, conflict, divm, divn, divp, divq, divr, fracn
        case inputRangesMHz = "input_ranges_mhz"
        case vcoWideMHz = "vco_wide_mhz"
        case vcoMediumMHz = "vco_medium_mhz"
        case vcoWideWarnAboveMHz = "vco_wide_warn_above_mhz"
        case pll1POdd = "pll1_p_odd"
    }
}

/// The highest AXI/AHB and APB clocks the line allows at any voltage scale: beyond them a bus fails
/// whatever the scale (what CubeMX's clock tree refuses). Per-scale limits below them are characterised
/// conditions (H7-CLK-011), these are hard ones (H7-CLK-002).
public struct BusMaximum: Codable, Hashable, Sendable {
    public var hclkMHz: Double
    public var pclkMHz: Double
    public var source: String?
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case source, note
        case hclkMHz = "hclk_mhz"
        case pclkMHz = "pclk_mhz"
    }
}

/// A region of the memory map, and whether the core can start from it at power-up (flash, system
/// memory) or finds nothing there (RAM, which is empty at power-up).
public struct MemoryRegion: Codable, Hashable, Sendable {
    public var name: String
    public var start: Int
    public var size: Int
    public var holdsCodeAtPowerUp: Bool

    enum CodingKeys: String, CodingKey {
        case name, start, size
        case holdsCodeAtPowerUp = "holds_code_at_power_up"
    }

    public func contains(_ address: Int) -> Bool { address >= start && address < start + size }
}

/// The memory map a boot address is judged against.
public struct MemoryMap: Codable, Hashable, Sendable {
    public var regions: [MemoryRegion]
    public var source: String?
    public var note: String?
}

/// A product line (one reference manual) and its parts.
public struct DeviceLine: Codable, Hashable, Sendable {
    public var line: String
    public var title: String
    public var vosRegister: String
    public var vos0Mechanism: String
    public var vos0RequiresLdo: Bool
    public var vos0RequiresLdoSource: String?
    public var source: String?
    public var parts: [Part]
    public var voltageScales: [VoltageScaleLimits]
    public var flashLatency: FlashLatencyTable?
    public var pll: PLLLimits?
    public var hseMHz: [Double]?
    /// The bus maximum at any scale; nil: the highest per-scale limit in `voltageScales`.
    public var busMaximum: BusMaximum?
    public var memory: MemoryMap?
    /// The voltage scale after reset, in force until the code selects another; nil: not stated.
    public var resetVos: Int?
    public var resetVosSource: String?

    enum CodingKeys: String, CodingKey {
        case line, title, source, parts, pll
        case resetVos = "reset_vos"
        case resetVosSource = "reset_vos_source"
        case busMaximum = "bus_maximum"
        case memory
        case vosRegister = "vos_register"
        case vos0Mechanism = "vos0_mechanism"
        case vos0RequiresLdo = "vos0_requires_ldo"
        case vos0RequiresLdoSource = "vos0_requires_ldo_source"
        case voltageScales = "voltage_scales"
        case flashLatency = "flash_latency"
        case hseMHz = "hse_mhz"
    }

    public func limits(vos: Int) -> VoltageScaleLimits? { voltageScales.first { $0.vos == vos } }

    /// The highest HCLK and APB clock at any scale.
    public var busMaximumMHz: (hclk: Double?, pclk: Double?) {
        if let busMaximum { return (busMaximum.hclkMHz, busMaximum.pclkMHz) }
        return (voltageScales.map(\.maxHclkMHz).max(), voltageScales.map(\.maxPclkMHz).max())
    }
}

/// A part with its line: everything a rule needs to know about the MCU.
public struct Device: Codable, Hashable, Sendable {
    public var part: Part
    public var line: DeviceLine

    public init(part: Part, line: DeviceLine) {
        self.part = part
        self.line = line
    }

    public var define: String { part.define }
    public var smps: Bool { part.smps }
    public var isDualCore: Bool { part.isDualCore }

    /// Features for `when:` conditions in hal-identifiers.yml.
    public var features: Set<String> {
        var f: Set<String> = [line.line, line.vosRegister]
        if part.smps { f.insert("smps") }
        if part.isDualCore { f.insert("dual-core") }
        if line.vos0Mechanism == "oden" { f.insert("oden") }
        return f
    }
}
