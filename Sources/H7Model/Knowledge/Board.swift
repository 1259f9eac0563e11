/// A board profile (Rules/boards/*.yml, or a user's own file).
public struct Board: Codable, Hashable, Sendable {
    public struct Supply: Codable, Hashable, Sendable {
        public var allowed: [String]
        public var source: String?
        public var unverified: Bool?
        public var note: String?
        /// A vendor bootloader that runs before the application and writes PWR_CR3 itself.
        public var bootloader: Bootloader?
    }

    /// A bootloader that configures the supply before the application runs (Arduino's, on its H7 boards).
    public struct Bootloader: Codable, Hashable, Sendable {
        public var name: String
        /// The scheme it writes into PWR_CR3.
        public var scheme: String
        public var source: String?
    }

    public struct HSE: Codable, Hashable, Sendable {
        public var frequencyMHz: Double?
        /// `crystal`, `bypass` or `none`.
        public var mode: String?
        public var source: String?
        public var unverified: Bool?
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case mode, source, unverified, note
            case frequencyMHz = "frequency_mhz"
        }
    }

    public struct VCAP: Codable, Hashable, Sendable {
        public var capacitanceUF: Double?
        public var count: Int?
        public var source: String?
        public var unverified: Bool?
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case count, source, unverified, note
            case capacitanceUF = "capacitance_uf"
        }
    }

    public struct Boot0: Codable, Hashable, Sendable {
        public var wiring: String?
        public var note: String?
        public var source: String?
        public var unverified: Bool?
    }

    public struct NRST: Codable, Hashable, Sendable {
        public var onDebugConnector: Bool?
        public var note: String?
        public var source: String?
        public var unverified: Bool?

        enum CodingKeys: String, CodingKey {
            case note, source, unverified
            case onDebugConnector = "on_debug_connector"
        }
    }

    /// What a `.ioc` made from this board's CubeMX preset shows, for recognising the board when the
    /// project does not name it. The HSE (frequency and mode from `hse:`) counts as one more fact.
    public struct Signature: Codable, Hashable, Sendable {
        public struct Pin: Codable, Hashable, Sendable {
            public var pin: String
            /// A word the pin's `GPIO_Label` starts with (`LD1` matches `LD1 [Green]`).
            public var label: String?
            /// The pin's `Signal` (`USART3_TX`); a trailing `*` matches a prefix (`GPIO_EXTI*`).
            public var signal: String?
        }
        public var pins: [Pin]
        public var source: String?
        public var note: String?
    }

    public struct Variant: Codable, Hashable, Sendable {
        public var id: String
        public var description: String?
        public var supply: Supply?
        public var vcap: VCAP?
        public var hse: HSE?
        public var externalSmpsLoad: Bool?
        public var source: String?
        public var note: String?
        public var unverified: Bool?

        enum CodingKeys: String, CodingKey {
            case id, description, supply, vcap, hse, source, note, unverified
            case externalSmpsLoad = "external_smps_load"
        }
    }

    public var id: String
    public var name: String?
    public var vendor: String?
    public var aliases: [String]?
    public var part: String?
    public var device: String?
    public var supply: Supply?
    public var hse: HSE?
    public var vcap: VCAP?
    public var externalSmpsLoad: Bool?
    public var boot0: Boot0?
    public var nrst: NRST?
    public var variants: [Variant]?
    public var signature: Signature?
    public var sources: [String]?
    public var note: String?

    /// Set when a variant was applied (`NUCLEO-H745ZI-Q:ldo-rework`).
    public var selectedVariant: String?
    /// Where the profile was loaded from (built-in id or the user's file), for messages.
    public var origin: String?

    enum CodingKeys: String, CodingKey {
        case id, name, vendor, aliases, part, device, supply, hse, vcap, boot0, nrst, variants, signature, sources, note
        case externalSmpsLoad = "external_smps_load"
    }

    /// `NUCLEO-H745ZI-Q` or `NUCLEO-H745ZI-Q:ldo-rework`.
    public var displayName: String { selectedVariant.map { "\(id):\($0)" } ?? id }

    /// The profile with a variant's overrides applied.
    public func applying(variant name: String) -> Board? {
        guard let variant = variants?.first(where: { $0.id == name }) else { return nil }
        var board = self
        if let supply = variant.supply { board.supply = supply }
        if let vcap = variant.vcap { board.vcap = vcap }
        if let hse = variant.hse { board.hse = hse }
        if let load = variant.externalSmpsLoad { board.externalSmpsLoad = load }
        board.selectedVariant = name
        return board
    }

    public func matches(name: String) -> Bool {
        let n = name.uppercased()
        return id.uppercased() == n || (aliases ?? []).contains { $0.uppercased() == n }
    }
}
