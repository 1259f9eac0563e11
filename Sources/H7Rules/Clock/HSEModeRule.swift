import H7Model

/// H7-CLK-008: HSE mode (crystal `RCC_HSE_ON` vs external clock `RCC_HSE_BYPASS`) does not match the board.
public struct HSEModeRule: Rule {
    public let id = "H7-CLK-008"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let board = context.board, let wiring = board.hse?.mode else { return [] }
        var findings: [Finding] = []
        for item in context.clocks.all {
            for start in item.configuration.hseStarts {
                guard let mode = start.value, mode.isOn, let place = start.range else { continue }
                let core = item.core.core
                // A register-level start (`RCC->CR |= RCC_CR_HSEON`) is fixed in RCC_CR, not by a HAL constant.
                let register = !start.spelled.hasPrefix("RCC_HSE_") && !start.spelled.hasPrefix("LL_RCC_HSE")
                switch (wiring, mode.boardMode) {
                case ("none", _):
                    findings.append(context.finding(id, "HSE turned on ('\(start.spelled)') but the board \(board.displayName) has no HSE: it never becomes ready",
                                                    at: place, fix: "use the HSI or CSI", core: core))
                case ("crystal", "bypass"):
                    findings.append(context.finding(id, "HSE in bypass mode ('\(start.spelled)') on \(board.displayName), whose HSE is a crystal: with the oscillator bypassed the HSE never becomes ready and the clock set-up fails",
                                                    at: place, fix: register ? "clear RCC_CR_HSEBYP before setting RCC_CR_HSEON" : "use RCC_HSE_ON", core: core,
                                                    change: board.hse?.unverified == true || register ? nil : .hseMode("crystal", at: place)))
                case ("bypass", "crystal"):
                    var f = context.finding(id, "HSE in crystal mode ('\(start.spelled)') on \(board.displayName), which feeds an external clock signal: use the bypass mode",
                                            at: place, fix: register ? "set RCC_CR_HSEBYP before RCC_CR_HSEON" : "use RCC_HSE_BYPASS", core: core,
                                            change: board.hse?.unverified == true || register ? nil : .hseMode("bypass", at: place))
                    f.severity = .warning
                    findings.append(f)
                default:
                    break
                }
            }
        }
        if board.hse?.unverified == true {
            // A profile whose HSE wiring was not read from a schematic cannot make an error.
            for i in findings.indices where findings[i].severity == .error {
                findings[i].severity = .warning
                findings[i].notes.append("\(board.displayName)'s HSE mode is unverified in its profile (\(board.hse?.note ?? "no schematic read")): reported as a warning")
            }
        }
        return findings.uniqued()
    }
}
