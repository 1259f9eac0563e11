/// How serious a finding is. Ordered: note < warning < error.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// One level down (a note stays a note).
    public var lowered: Severity {
        switch self {
        case .error: .warning
        case .warning, .note: .note
        }
    }
}
