import H7Model

/// H7-PWR-005: the status HAL_PWREx_ConfigSupply returns is ignored.
public struct SupplyResultCheckedRule: Rule {
    public let id = "H7-PWR-005"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        context.supply.settings.compactMap { setting in
            guard setting.via == .halCall, setting.resultUsed == false else { return nil }
            return context.finding(
                id, "the result of HAL_PWREx_ConfigSupply() is ignored: if the supply was already locked to another scheme the call fails with HAL_ERROR and nothing tells you",
                at: setting.range, fix: "if (HAL_PWREx_ConfigSupply(\(setting.spelled)) != HAL_OK) { Error_Handler(); }",
                core: setting.core)
        }
    }
}
