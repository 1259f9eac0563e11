/// One of the nine supply schemes (Rules/supply-schemes.yml).
public struct SupplyScheme: Codable, Hashable, Sendable {
    public struct CR3Bits: Codable, Hashable, Sendable {
        public var bypass: Int
        public var ldoen: Int
        public var smpsen: Int
        public var smpsexthp: Int?
        public var smpslevel: Int?
    }

    public var id: String
    /// The HAL constant (`PWR_DIRECT_SMPS_SUPPLY`); the LL name is `LL_` + this.
    public var hal: String
    public var value: Int
    /// Position in ExitRun0Mode's `#if/#elif` chain.
    public var order: Int
    public var smpsOnly: Bool
    public var ldoOn: Bool
    public var cr3: CR3Bits
    /// Product lines (`RM0477`) whose HAL does not define this scheme although their parts have an SMPS.
    public var absentOn: [String]?

    /// `USE_PWR_DIRECT_SMPS_SUPPLY`.
    public var useMacro: String { "USE_" + hal }
    public var llName: String { "LL_" + hal }

    enum CodingKeys: String, CodingKey {
        case id, hal, value, order, cr3
        case smpsOnly = "smps_only"
        case ldoOn = "ldo_on"
        case absentOn = "absent_on"
    }

    /// Whether the scheme exists on a part: SMPS schemes need the SMPS, and some lines leave schemes out.
    public func exists(on device: Device) -> Bool {
        (!smpsOnly || device.smps) && !(absentOn ?? []).contains(device.line.line)
    }
}

/// The scheme table, with look-ups by every name a scheme goes by.
public struct SupplySchemes: Sendable {
    public let all: [SupplyScheme]

    public init(_ schemes: [SupplyScheme]) { all = schemes.sorted { $0.order < $1.order } }

    public func byID(_ id: String) -> SupplyScheme? { all.first { $0.id == id } }

    /// Accepts an id (`direct-smps`), a HAL or LL constant, or a `USE_PWR_*` macro.
    public func named(_ name: String) -> SupplyScheme? {
        let n = name.trimmingWhitespace()
        return all.first { $0.id == n.lowercased() || $0.hal == n || $0.llName == n || $0.useMacro == n }
    }

    public func byValue(_ value: Int) -> SupplyScheme? { all.first { $0.value == value } }

    /// The scheme whose PWR_CR3 bits match the known bits of a write (nil bits are unknown).
    public func matching(bypass: Int?, ldoen: Int?, smpsen: Int?, smpsexthp: Int?, smpslevel: Int?,
                         smpsPart: Bool) -> [SupplyScheme] {
        all.filter { s in
            if s.smpsOnly && !smpsPart { return false }
            func ok(_ known: Int?, _ wanted: Int?) -> Bool {
                guard let known else { return true }
                return known == (wanted ?? 0)
            }
            let smpsBitsMatter = smpsPart
            return ok(bypass, s.cr3.bypass) && ok(ldoen, s.cr3.ldoen)
                && (!smpsBitsMatter || (ok(smpsen, s.cr3.smpsen) && ok(smpsexthp, s.cr3.smpsexthp)
                    && ok(smpslevel, s.cr3.smpslevel)))
        }
    }
}

import Foundation
