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
        findings += iocFinding(context, board: board, wiring: wiring, code: &findings)
        if board.hse?.unverified == true {
            // A profile whose HSE wiring was not read from a schematic cannot make an error.
            for i in findings.indices where findings[i].severity == .error {
                findings[i].severity = .warning
                findings[i].notes.append("\(board.displayName)'s HSE mode is unverified in its profile (\(board.hse?.note ?? "no schematic read")): reported as a warning")
            }
        }
        return findings.uniqued()
    }

    /// The `.ioc`'s HSE pin mode is the next code generation's `HSEState`: judged like the code, at the pin's line;
    /// when the code already has the same wrong mode its finding says the `.ioc` holds it too (one root cause).
    func iocFinding(_ context: RuleContext, board: Board, wiring: String, code: inout [Finding]) -> [Finding] {
        guard let ioc = context.project.ioc, let pin = ioc.pins.first(where: { $0.name == "PH0" }) else { return [] }
        let mode: String
        switch pin.mode {
        case "HSE-External-Clock-Source": mode = "bypass"
        case "HSE-External-Oscillator": mode = "crystal"
        default: return []
        }
        guard mode != wiring else { return [] }
        let place = SourceRange(file: ioc.file, line: pin.line)
        if !code.isEmpty {
            for i in code.indices {
                code[i].notes.append("the .ioc selects it too (\(ioc.file):\(pin.line) \(pin.originalName).Mode=\(pin.mode ?? "")): fix it in CubeMX as well, or the next code generation brings it back")
            }
            return []
        }
        let consequence = wiring == "none" ? "the board has no HSE, so it never becomes ready"
            : wiring == "crystal" ? "the board's HSE is a crystal: with the oscillator bypassed the HSE never becomes ready and the clock set-up fails"
            : "the board feeds an external clock signal, which wants the bypass mode"
        var finding = context.finding(
            id, "regenerating the code from this .ioc sets the HSE to \(mode) mode (\(pin.mode ?? "")) on \(board.displayName): \(consequence)",
            at: place, fix: wiring == "none" ? "use the HSI or CSI in CubeMX" : "set RCC High Speed Clock (HSE) to \(wiring == "crystal" ? "Crystal/Ceramic Resonator" : "BYPASS Clock Source") in CubeMX")
        if wiring == "bypass" { finding.severity = .warning }
        return [finding]
    }
}
