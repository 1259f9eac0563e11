/// The debug lock-out and boot-configuration rules.
public enum DebugRules {
    public static let all: [any Rule] = []
}
