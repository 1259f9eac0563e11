/// The supply and voltage-scale rules (issue: power-supply lock-up).
public enum PowerRules {
    public static let all: [any Rule] = [
        SupplyMatchesBoardRule(),
        SupplyExistsOnPartRule(),
        SupplyConfiguredOnceRule(),
        SupplyConfiguredRule(),
        SupplyResultCheckedRule(),
        SupplyMacroAppliedRule(),
        IocSupplyMatchesBuildRule(),
        SingleSupplyMacroRule(),
        BoardHardwareMatchesSchemeRule(),
        BuildFilesAgreeOnSupplyRule(),
        VOS0NeedsLdoRule(),
    ]
}
