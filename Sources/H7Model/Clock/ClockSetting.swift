/// One input of the clock tree (a PLL divider, a prescaler, a source) as the code or the `.ioc` sets it:
/// its value when it is known, what was written, and where.
public struct Setting<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value?
    /// As written (`RCC_PLL1VCIRANGE_1`, `400`, `RCC.DIVN1=400`); empty when nothing sets it.
    public var spelled: String
    public var range: SourceRange?
    /// Why the value is unknown (nil when it is known).
    public var reason: String?

    public init(_ value: Value?, spelled: String, range: SourceRange?, reason: String? = nil) {
        self.value = value
        self.spelled = spelled
        self.range = range
        self.reason = value == nil ? (reason ?? "cannot evaluate '\(spelled)'") : nil
    }

    /// Nothing sets it.
    public static func unset(_ reason: String) -> Setting {
        Setting(nil, spelled: "", range: nil, reason: reason)
    }

    /// A value that is not written anywhere but follows from the hardware or a documented default.
    public static func fixed(_ value: Value, _ spelled: String) -> Setting {
        Setting(value, spelled: spelled, range: nil)
    }

    public var isSet: Bool { !spelled.isEmpty }
}

/// A frequency, or why it is not known. Never guessed.
public enum ClockValue: Hashable, Sendable {
    case hz(Double)
    case unknown(String)

    public var hz: Double? { if case .hz(let v) = self { return v } else { return nil } }
    public var mhz: Double? { hz.map { $0 / 1_000_000 } }
    public var reason: String? { if case .unknown(let r) = self { return r } else { return nil } }

    /// This frequency divided by a divider setting; unknown when either is.
    public func divided(by divider: Setting<Int>, _ name: String) -> ClockValue {
        guard case .hz(let v) = self else { return self }
        guard let d = divider.value else { return .unknown("\(name): \(divider.reason ?? "unknown")") }
        guard d > 0 else { return .unknown("\(name) is \(d)") }
        return .hz(v / Double(d))
    }

    /// `400 MHz`, `8.333 MHz`, `unknown`.
    public var text: String { mhz.map { Self.format(mhz: $0) + " MHz" } ?? "unknown" }

    public static func format(mhz: Double) -> String {
        let rounded = (mhz * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var s = String(format: "%.3f", rounded)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}

/// Where a clock comes from.
public enum ClockSource: String, Hashable, Sendable, CaseIterable {
    case hsi = "HSI", csi = "CSI", hse = "HSE", pll1 = "PLL1", none = "none"
}

/// How the HSE is driven: `RCC_HSE_ON` (a crystal or resonator), `RCC_HSE_BYPASS` (an external clock signal),
/// `RCC_HSE_BYPASS_DIGITAL` (an external digital clock, H7A3/H7B3/H7B0).
public enum HSEMode: String, Hashable, Sendable {
    case off, crystal, bypass, bypassDigital = "bypass-digital"

    public var isOn: Bool { self != .off }
    /// The board's `hse.mode` this mode needs (`crystal` or `bypass`).
    public var boardMode: String? { self == .off ? nil : (self == .crystal ? "crystal" : "bypass") }
}

/// The VCO range a PLL selects (`PLLVCOSEL`).
public enum VCORange: String, Hashable, Sendable { case wide, medium }
