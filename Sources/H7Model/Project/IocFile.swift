/// One `key=value` line of a CubeMX `.ioc` file, key and value unescaped.
public struct IocEntry: Codable, Hashable, Sendable {
    public var key: String
    public var value: String
    /// 1-based line number in the file.
    public var line: Int

    public init(key: String, value: String, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }
}

/// A pin as the `.ioc` describes it: `PA13\ (JTMS/SWDIO).Signal=DEBUG_JTMS-SWDIO` gives
/// name `PA13`, originalName `PA13 (JTMS/SWDIO)`, signal `DEBUG_JTMS-SWDIO`.
public struct IocPin: Codable, Hashable, Sendable {
    /// Normalized pin name: the token before the first space, `(` or `-` (`PA13`, `PH0`, `PC14`).
    public var name: String
    /// The pin name as spelled in the keys, unescaped.
    public var originalName: String
    public var signal: String?
    public var mode: String?
    public var label: String?
    /// `PinAttribute` / `ContextOwner`: `CortexM7`, `CortexM4`, `Free`.
    public var context: String?
    /// Line of the first key that mentions this pin.
    public var line: Int

    public init(name: String, originalName: String, signal: String? = nil, mode: String? = nil,
                label: String? = nil, context: String? = nil, line: Int) {
        self.name = name
        self.originalName = originalName
        self.signal = signal
        self.mode = mode
        self.label = label
        self.context = context
        self.line = line
    }
}

/// A parsed CubeMX `.ioc` file. An absent key means "CubeMX default", never a particular value.
public struct IocFile: Codable, Hashable, Sendable {
    /// Path relative to the project root.
    public var file: String
    /// Entries in file order. When a key repeats, the last one wins in `value(_:)`, as in Java properties.
    public var entries: [IocEntry]
    /// Keys stated more than once (kept for a warning).
    public var duplicateKeys: [String]

    public init(file: String, entries: [IocEntry], duplicateKeys: [String] = []) {
        self.file = file
        self.entries = entries
        self.duplicateKeys = duplicateKeys
        var index: [String: Int] = [:]
        for (offset, entry) in entries.enumerated() { index[entry.key] = offset }
        self.index = index
    }

    private var index: [String: Int]

    public func entry(_ key: String) -> IocEntry? { index[key].map { entries[$0] } }
    public func value(_ key: String) -> String? { entry(key)?.value }
    public func line(_ key: String) -> Int? { entry(key)?.line }

    /// The concrete part the user picked (`Mcu.UserName`), else `Mcu.CPN`, else `Mcu.Name`.
    public var partName: String? { value("Mcu.UserName") ?? value("Mcu.CPN") ?? value("Mcu.Name") }
    /// `board=` (e.g. `NUCLEO-H745ZI-Q`, or `custom`).
    public var board: String? { value("board") }
    /// `RCC.SupplySource` (e.g. `PWR_DIRECT_SMPS_SUPPLY`); nil when absent (= CubeMX default, unknown).
    public var supplySource: String? { value("RCC.SupplySource") }
    /// `RCC.PWR_Regulator_Voltage_Scale` (e.g. `PWR_REGULATOR_VOLTAGE_SCALE0`); nil when absent.
    public var voltageScale: String? { value("RCC.PWR_Regulator_Voltage_Scale") }
    /// Dual-core projects have `Mcu.ContextNb=2` and `Mcu.Context0/1`.
    public var isDualCore: Bool { (value("Mcu.ContextNb").flatMap(Int.init) ?? 1) > 1 }
    public var toolchain: String? { value("ProjectManager.TargetToolchain") }
    public var firmwarePackage: String? { value("ProjectManager.FirmwarePackage") }
    /// "Set all free pins as analog".
    public var freePinsAnalog: Bool { value("ProjectManager.FreePins") == "true" }

    private enum CodingKeys: String, CodingKey { case file, entries, duplicateKeys }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try c.decode(String.self, forKey: .file),
                  entries: try c.decode([IocEntry].self, forKey: .entries),
                  duplicateKeys: try c.decode([String].self, forKey: .duplicateKeys))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(entries, forKey: .entries)
        try c.encode(duplicateKeys, forKey: .duplicateKeys)
    }
}
