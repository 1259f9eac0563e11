import H7Model

/// A place where the code switches or re-divides the system clock (`HAL_RCC_ClockConfig`,
/// `LL_RCC_SetSysClkSource`), with the tree at that moment.
public struct ClockSwitch: Hashable, Sendable {
    public var range: SourceRange
    public var via: String
    /// The tree at that point; its `inputs.vos` is the scale in force, else the one set later on the path.
    public var tree: ClockTree
    /// The last voltage-scale setting before this point on the path (nil: none, VOS3 after reset).
    public var vosBefore: VoltageSetting?
    /// The first setting after this point on the path.
    public var vosAfter: VoltageSetting?
}

/// A PLL started (`HAL_RCC_OscConfig` with `PLLState = RCC_PLL_ON`, `LL_RCC_PLL1_Enable`, ...).
public struct PLLStart: Hashable, Sendable {
    public var range: SourceRange
    public var clocks: PLLClocks
    /// The oscillator feeding the PLLs when this one started.
    public var source: ClockSource?
    /// Why it is not certain that this PLL starts (nil when it surely does).
    public var unconfirmed: String? = nil

    /// A hard-limit finding on this PLL: at most a warning, with why, when the PLL may never start.
    func judged(_ finding: Finding) -> Finding {
        guard let unconfirmed else { return finding }
        var f = finding
        if f.severity == .error { f.severity = .warning }
        f.notes.append(unconfirmed)
        f.change = nil
        return f
    }
}

extension Finding {
    /// See `PLLStart.judged`.
    func judged(by start: PLLStart) -> Finding { start.judged(self) }
}

/// A voltage-scale setting met on the path, and whether the SYSCFG clock was on before it.
public struct VoltageEvent: Hashable, Sendable {
    public var setting: VoltageSetting
    public var syscfgClockOn: Bool
}

/// What one entry function (`SystemClock_Config`, or another function that changes the clocks) does,
/// with the functions it calls in the same core inlined.
public struct ClockConfiguration: Hashable, Sendable {
    public var entry: String
    /// The tree when the entry returns.
    public var tree: ClockTree
    public var switches: [ClockSwitch] = []
    /// Flash wait states written by a register write after a clock switch (HAL_RCC_ClockConfig lowers them once
    /// the new clock runs): the tree then, judged by the flash latency rule alone (the clocks did not change).
    public var latencyDrops: [ClockSwitch] = []
    public var pllStarts: [PLLStart] = []
    /// Each time the HSE is turned on: the mode and where it is chosen.
    public var hseStarts: [Setting<HSEMode>] = []
    public var voltageEvents: [VoltageEvent] = []
    /// The runtime branch arms this path takes (`main.c:40 then`), nil when the entry has no branch that
    /// changes the clocks.
    public var path: String?
    /// Too many branches to follow each path: the arms were merged, and errors read from this
    /// configuration are reported as warnings.
    public var mergedBranches = false
}
