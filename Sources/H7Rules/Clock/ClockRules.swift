/// The clock-tree and flash wait-state rules.
public enum ClockRules {
    public static let all: [any Rule] = [
        CpuClockLimitRule(),
        BusClockLimitRule(),
        BusClockScaleRule(),
        FlashLatencyRule(),
        PLLInputRangeRule(),
        PLLInputBandRule(),
        PLLVCORangeRule(),
        PLLVCOSelectionRule(),
        PLLDividerRangeRule(),
        HSEValueRule(),
        HSEModeRule(),
        VoltageScaleOrderRule(),
        IocClockMatchesCodeRule(),
    ]
}
