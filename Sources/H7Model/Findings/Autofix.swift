/// A setting whose right value a rule knows for certain. The fix planner finds every place the setting
/// lives in the project (build files, code, `.ioc`) and turns the change into edits; rules never see files.
public enum SettingChange: Codable, Hashable, Sendable {
    /// Select this supply scheme (id from Rules/supply-schemes.yml) everywhere the project selects one.
    case supplyScheme(String)
    /// Write this many flash wait states at the given latency argument (`FLASH_LATENCY_2`).
    case flashLatency(Int, at: SourceRange)
    /// Drive the HSE as the board needs (`crystal` or `bypass`), at the given `HSEState` value.
    case hseMode(String, at: SourceRange)
    /// Define HSE_VALUE as the board's HSE frequency, in hertz.
    case hseValue(Int)

    /// The right value comes from the board profile.
    public var comesFromBoard: Bool {
        if case .flashLatency = self { return false }
        return true
    }
}

/// One replacement of bytes in one file. Offsets count bytes; the line and columns are 1-based (bytes).
public struct TextEdit: Codable, Hashable, Sendable, Comparable {
    /// Relative to the project root.
    public var file: String
    public var offset: Int
    public var original: String
    public var replacement: String
    /// Where `original` is: line and byte columns of its first and last+1 character.
    public var range: SourceRange

    public init(file: String, offset: Int, original: String, replacement: String, range: SourceRange) {
        self.file = file
        self.offset = offset
        self.original = original
        self.replacement = replacement
        self.range = range
    }

    public var length: Int { original.utf8.count }

    public static func < (a: TextEdit, b: TextEdit) -> Bool { (a.file, a.offset) < (b.file, b.offset) }
}

/// The edits that resolve one finding, or why there are none though the rule knew the right value.
public struct Autofix: Codable, Hashable, Sendable {
    /// What the edits do (`select direct-smps in 3 places`).
    public var description: String
    public var edits: [TextEdit]
    /// Set when the change cannot be made mechanically (an argument that is a project macro, a raw
    /// register write): then `edits` is empty and the finding keeps its suggested fix.
    public var blocked: String?

    public init(description: String, edits: [TextEdit], blocked: String? = nil) {
        self.description = description
        self.edits = edits
        self.blocked = blocked
    }

    public var isApplicable: Bool { blocked == nil && !edits.isEmpty }
}
