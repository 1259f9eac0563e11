/// A Cortex core of an STM32H7 part. Dual-core parts (H745/H747/H755/H757) have both.
public enum Core: String, Codable, Sendable, CaseIterable, Comparable {
    case cm7
    case cm4

    /// The compiler define CubeMX uses for the core (`CORE_CM7`, `CORE_CM4`).
    public var define: String { "CORE_\(rawValue.uppercased())" }
    /// The `-mcpu` value for clang.
    public var cpu: String { self == .cm7 ? "cortex-m7" : "cortex-m4" }

    public static func < (lhs: Core, rhs: Core) -> Bool { lhs.rawValue > rhs.rawValue }
}
