import H7Model

/// Every place that states or implies the HSE frequency, and the value the clocks are computed with.
/// When they disagree, one wrong value must not fan out into several clock findings: the value the
/// PLL settings were planned for is taken where the evidence is strong, and what the other value
/// would mean is kept for H7-CLK-007's notes.
public struct HSEEvidence: Hashable, Sendable {
    public struct Statement: Hashable, Sendable {
        /// `board NUCLEO-H743ZI`, `.ioc RCC.HSE_VALUE`, `HSE_VALUE (stm32h7xx_hal_conf.h)`.
        public var label: String
        public var hz: Double
        public var range: SourceRange?
        /// A board profile that was named (not inferred): the strongest evidence.
        public var declared: Bool
    }

    public var statements: [Statement] = []
    /// The HSE band the PLLs fed by the HSE were set up for: PLLRGE's band times M, for each such PLL.
    public var implied: ClosedRange<Double>?
    public var impliedBy: [String] = []
    /// The value the clocks are computed with (nil: unknown or in doubt).
    public var chosen: Statement?
    /// Why the evidence is in doubt or which value was taken over another (nil when all agree).
    public var conflict: String?
    /// What the rejected stated value would mean for the clocks (filled by ClockAnalysis).
    public var consequences: [String] = []
    /// The stated value that the conflict is about (the one a fix would change).
    public var rejected: Statement?

    public func fits(_ hz: Double) -> Bool { implied.map { $0.contains(hz) } ?? true }

    /// Decides which statement the clocks are computed with. `violationsIfAlone`: how many PLL limits the
    /// only stated value breaks. One broken band is a PLLRGE mistake (H7-CLK-012); two or more at once mean
    /// the PLLs were planned for another HSE, and the value itself is in doubt.
    public mutating func decide(violationsIfAlone: Int = 0) {
        conflict = nil
        rejected = nil
        if let board = statements.first(where: \.declared) {
            chosen = board  // a named board is the hardware; other differences are H7-CLK-007's
            return
        }
        let values = Set(statements.map { Int($0.hz.rounded()) })
        let fitting = statements.filter { fits($0.hz) }
        switch (values.count, fitting.isEmpty) {
        case (0, _):
            chosen = nil
        case (1, false):
            chosen = statements[0]
        case (1, true) where violationsIfAlone < 2:
            chosen = statements[0]
        case (1, true):
            // Every source agrees, but the PLLs were set up for another HSE.
            chosen = nil
            rejected = statements.first
            conflict = "\(Self.list(statements)) but the PLL settings were planned for an HSE of \(Self.band(implied!)) (\(impliedBy.joined(separator: "; "))): either the value is stale or the PLL settings are for another board"
        case (_, false) where Set(fitting.map { Int($0.hz.rounded()) }).count == 1 && implied != nil:
            chosen = fitting[0]
            rejected = statements.first { !fits($0.hz) }
            conflict = "\(Self.list(statements)); the PLL settings were planned for \(Self.band(implied!)) (\(impliedBy.joined(separator: "; "))), which fits \(fitting[0].label): likely \(ClockValue.format(mhz: fitting[0].hz / 1e6)) MHz"
        default:
            chosen = nil
            rejected = statements.first { $0.label.hasPrefix("HSE_VALUE") } ?? statements.first
            conflict = "\(Self.list(statements)) and nothing tells which is the crystal"
                + (implied.map { " (the PLL settings fit \(Self.band($0)))" } ?? "")
        }
    }

    static func list(_ statements: [Statement]) -> String {
        statements.map { "\($0.label) says \(ClockValue.format(mhz: $0.hz / 1e6)) MHz" }.joined(separator: ", ")
    }

    static func band(_ r: ClosedRange<Double>) -> String {
        "\(ClockValue.format(mhz: r.lowerBound / 1e6))-\(ClockValue.format(mhz: r.upperBound / 1e6)) MHz"
    }

    /// The HSE band the PLLs fed by the HSE were set up for, from their M and PLLRGE.
    static func implied(by configurations: [ClockConfiguration], limits: PLLLimits?) -> (ClosedRange<Double>?, [String]) {
        guard let limits else { return (nil, []) }
        var band: ClosedRange<Double>?
        var why: [String] = []
        for configuration in configurations {
            for start in configuration.pllStarts where start.source == .hse {
                let s = start.clocks.settings
                guard let m = s.m.value, m > 0, let rge = s.inputRange.value, let r = limits.inputRangesMHz[rge], r.count == 2 else { continue }
                let here = (r[0] * 1e6 * Double(m))...(r[1] * 1e6 * Double(m))
                guard let current = band else { band = here; why.append(Self.describe(s, r)); continue }
                let low = max(current.lowerBound, here.lowerBound), high = min(current.upperBound, here.upperBound)
                guard low <= high else { return (nil, []) }  // the PLLs disagree with each other: no evidence
                band = low...high
                why.append(Self.describe(s, r))
            }
        }
        return (band, Array(Set(why)).sorted())
    }

    static func describe(_ s: PLLSettings, _ r: [Double]) -> String {
        "\(s.name) M \(s.m.value ?? 0) with \(s.inputRange.spelled) (\(ClockValue.format(mhz: r[0]))-\(ClockValue.format(mhz: r[1])) MHz)"
    }
}
