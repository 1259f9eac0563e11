/// The clock-tree and flash wait-state rules.
public enum ClockRules {
    public static let all: [any Rule] = [
        CpuClockLimitRule(),
        BusClockLimitRule(),
        FlashLatencyRule(),
        PLLInputRangeRule(),
        PLLVCORangeRule(),
        PLLDividerRangeRule(),
        HSEValueRule(),
        HSEModeRule(),
        VoltageScaleOrderRule(),
        IocClockMatchesCodeRule(),
    ]
}
