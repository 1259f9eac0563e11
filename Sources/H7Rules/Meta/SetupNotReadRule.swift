import H7Model

/// H7-META-005: clock or supply set-up that h7lint did not read or could not decide, at the place, naming
/// what was not understood: a framework's own set-up, a clock file that does not parse, a supply setting
/// whose value is unknown, RCC register writes no clock model decoded. Never a silent "0 findings".
public struct SetupNotReadRule: Rule {
    public let id = "H7-META-005"
    public init() {}

    /// RCC registers whose writes set the system clock, the PLLs or the bus prescalers.
    static let clockRegisters = ["CR", "CFGR", "PLLCKSELR", "PLLCFGR", "PLL1DIVR", "PLL1FRACR", "D1CFGR", "CDCFGR1",
                                 "D2CFGR", "CDCFGR2", "D3CFGR", "SRDCFGR"]

    public func check(_ context: RuleContext) -> [Finding] {
        var findings = context.project.setupNotRead.map { gap in
            context.finding(id, gap.message, at: gap.range, core: gap.core)
        }
        // A supply setting whose scheme is unknown, and nothing else decides the supply.
        if context.supply.effective == nil, let unknown = context.supply.settings.first(where: { $0.scheme == nil }) {
            findings.append(context.finding(
                id, "the supply is set here (\(unknown.via.rawValue): \(unknown.spelled)) but h7lint could not tell which scheme this selects: the supply was not checked against the part and the board",
                at: unknown.range, fix: "use the HAL/LL constant (PWR_DIRECT_SMPS_SUPPLY, ...) or the USE_PWR_* define, or check the value by hand",
                core: unknown.core))
        }
        // Clocks read but not judged: nothing names the part, so no limit applies (H7-META-002 says why).
        if context.project.device == nil,
           let point = context.clocks.cores.flatMap(\.configurations).flatMap(\.switches).first {
            findings.append(context.finding(
                id, "the clocks are set up here but the part is unknown: CPU and bus clocks, voltage scale, flash wait states and PLL ranges were not checked",
                at: point.range, fix: "name the board (--board, or board: in .h7lint.yml, whose profile gives the part), or check with the build file that defines the part"))
            return findings
        }
        // RCC clock registers written where the clock model saw no clock switch and no PLL start for the core.
        for build in context.project.cores {
            let configurations = context.clocks.cores.first { $0.core == build.core }?.configurations ?? []
            let computed = configurations.contains { !$0.switches.isEmpty || !$0.pllStarts.isEmpty }
            // CMSIS's SystemInit writes the reset values back (RCC->CR |= HSION, RCC->CFGR = 0): no set-up of its own.
            guard !computed, let write = build.allAssignments.first(where: { $0.function != "SystemInit" && Self.writesClockRegister($0) })
            else { continue }
            findings.append(context.finding(
                id, "\(Self.registerName(write.target)) is written here but h7lint could not compute the clocks this sets up: CPU and bus clocks, flash wait states and PLL ranges were not checked\(build.core.map { " on the \($0.rawValue.uppercased())" } ?? "")",
                at: write.range, fix: "check the clock limits by hand, or set the clocks with the HAL/LL calls h7lint reads",
                core: build.core))
        }
        // A clock switch whose CPU clock could not be computed (a value from a function, a source h7lint cannot
        // tell): its limits were not checked. An HSE of unknown frequency is said below instead.
        for core in context.clocks.cores {
            guard let point = core.configurations.compactMap(\.switches.last).first(where: { $0.tree.cpu.hz == nil }),
                  !(point.tree.usesHSE && point.tree.inputs.hseHz.value == nil) else { continue }
            findings.append(context.finding(
                id, "the system clock is switched here but h7lint could not compute it (\(point.tree.cpu.reason ?? "unknown")): CPU and bus clocks, flash wait states and PLL ranges were not checked\(core.core.map { " on the \($0.rawValue.uppercased())" } ?? "")",
                at: point.range,
                fix: (point.tree.cpu.reason ?? "").contains("not set")
                    ? "set that field before the call (CubeMX zero-initialises its init structs: `= {0}`), or check the clock limits by hand"
                    : "write the clock settings as constants h7lint can evaluate, or check the clock limits by hand",
                core: core.core))
        }
        // The clocks run from the HSE, but nothing h7lint reads states its frequency: nothing was computed.
        for core in context.clocks.cores where core.hse.conflict == nil {
            let points = core.configurations.flatMap(\.switches)
            guard let point = points.first(where: { $0.tree.usesHSE && $0.tree.inputs.hseHz.value == nil }) else { continue }
            findings.append(context.finding(
                id, "the system clock runs from the HSE here, but its frequency is stated nowhere h7lint reads (no HSE_VALUE, no .ioc RCC.HSE_VALUE, no board profile's hse:): CPU and bus clocks, flash wait states and PLL ranges were not checked\(core.core.map { " on the \($0.rawValue.uppercased())" } ?? "")",
                at: point.range, fix: "name the board (--board, or board: in .h7lint.yml), give hse: in its profile, or define HSE_VALUE",
                core: core.core))
        }
        return findings
    }

    /// `RCC->CFGR` as written; an address as `the RCC register at 0x58024410`.
    static func registerName(_ target: String) -> String {
        guard !target.hasPrefix("RCC->"), let start = target.range(of: "0x", options: .caseInsensitive) else { return target }
        let hex = target[start.lowerBound...].prefix { $0.isHexDigit || $0 == "x" || $0 == "X" }
        return "the RCC register at \(hex)"
    }

    /// `RCC->CFGR`, `RCC->PLL1DIVR`, ... or an address inside the RCC block (0x58024400-0x580247FF).
    static func writesClockRegister(_ write: AssignmentFact) -> Bool {
        let target = write.target
        if target.hasPrefix("RCC->") {
            let register = target.dropFirst(5).prefix { $0.isLetter || $0.isNumber }
            return clockRegisters.contains(String(register))
        }
        let lower = target.lowercased()
        return ["0x580244", "0x580245", "0x580246", "0x580247"].contains { lower.contains($0) }
    }
}
