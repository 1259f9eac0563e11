/// The debug lock-out and boot-configuration rules.
public enum DebugRules {
    public static let all: [any Rule] = [
        SwdPinsKeptRule(), JtagTracePinsRule(), LowPowerDebugRule(), ReadoutLevel2Rule(), Cm7BootDisabledRule(),
        BootAddressRule(), WatchdogFreezeRule(),
    ]
}
