import H7Model

/// H7-VOS-001: VOS0 (480 MHz) on STM32H745/747/755/757 while the LDO is off.
public struct VOS0NeedsLdoRule: Rule {
    public let id = "H7-VOS-001"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let device = context.device, device.line.vos0RequiresLdo,
              let supply = context.supply.effective, let scheme = supply.scheme, !scheme.ldoOn else { return [] }
        let vos0 = device.line.limits(vos: 0).map { " (\(mhz($0.maxCpuMHz)))" } ?? ""
        let vos1 = device.line.limits(vos: 1).map { " and at most \(mhz($0.maxCpuMHz))" } ?? ""
        return context.voltage.settings.compactMap { setting in
            guard setting.vos == 0 else { return nil }
            return context.finding(
                id, "VOS0 selected on \(device.define) while Vcore comes from \(scheme.id) with the LDO off; these parts reach VOS0\(vos0) only from the LDO",
                at: setting.range, related: [RelatedLocation(supply.range, "supply set to \(scheme.id) here")],
                fix: "use PWR_REGULATOR_VOLTAGE_SCALE1\(vos1), or rework the board for the LDO and select an LDO scheme",
                core: setting.core)
        }
    }
}
