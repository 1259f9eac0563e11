import H7Model

/// H7-DBG-001: PA13 (SWDIO) / PA14 (SWCLK) taken out of their debug alternate function, in code or
/// through the `.ioc` (another signal on the pin; "set all free pins as analog" with no debug declared).
struct SwdPinsKeptRule: Rule {
    let id = "H7-DBG-001"
    static let swd = [(pin: 13, name: "PA13", role: "SWDIO"), (pin: 14, name: "PA14", role: "SWCLK")]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for write in PinModeWrite.all(in: context.project) where write.port == "A" {
            let hit = Self.swd.filter { write.touches($0.pin) }
            guard !hit.isEmpty else { continue }
            let names = hit.map { "\($0.name) (\($0.role))" }.joined(separator: " and ")
            let message = "\(write.what) switches \(names) to \(write.becomes): once this runs the pin\(hit.count > 1 ? "s leave" : " leaves") the SWD alternate function and the debugger loses the chip; the code runs again right after every reset, so only a connect under reset gets in"
            findings.append(context.finding(id, message, at: write.range, fix: Self.fix(write, hit.map(\.pin))))
        }
        if let ioc = context.project.ioc {
            let fromIoc = iocFindings(ioc, context: context, code: &findings)
            findings += fromIoc
        }
        return deduplicated(findings)
    }

    static func fix(_ write: PinModeWrite, _ pins: [Int]) -> String {
        let ll = write.via.hasPrefix("LL_")
        let masks = pins.map { "\(ll ? "LL_" : "")GPIO_PIN_\($0)" }
        let without = masks.count > 1 ? "~(\(masks.joined(separator: " | ")))" : "~\(masks[0])"
        if write.via.hasSuffix("->MODER") {
            return "leave MODER\(pins.map(String.init).joined(separator: "/")) (bits \(pins.map { "\(2 * $0)-\(2 * $0 + 1)" }.joined(separator: ", "))) at 0b10, the debug alternate function: exclude them from the value and the mask of this write"
        }
        if write.via == "HAL_GPIO_DeInit" { return "leave the SWD pins out: HAL_GPIO_DeInit(GPIOA, <pins> & \(without))" }
        if let field = write.pinField {
            if write.pins & ~0x6000 == 0 {
                return "do not use \(pins.map { "PA\($0)" }.joined(separator: "/")) for this signal; if the product really needs the pin, reconfigure it only in release builds (#ifndef DEBUG), late and after a delay long enough to connect"
            }
            return "leave the SWD pins out: \(field.target) = \(field.value.spelled) & \(without);"
        }
        return "keep \(pins.map { "PA\($0)" }.joined(separator: "/")) in alternate function 0 (\(ll ? "LL_GPIO_MODE_ALTERNATE, LL_GPIO_AF_0" : "GPIO_MODE_AF_PP, GPIO_AF0_SWJ")): do not change its mode here"
    }

    private func iocFindings(_ ioc: IocFile, context: RuleContext, code findings: inout [Finding]) -> [Finding] {
        var result: [Finding] = []
        var undeclared: [String] = []
        let pins = ioc.pins
        for swd in Self.swd {
            let pin = pins.first { $0.name == swd.name }
            if let pin, let signal = pin.signal, !Self.isDebugSignal(signal) {
                let range = SourceRange(file: ioc.file, line: ioc.line("\(pin.originalName).Signal") ?? pin.line)
                if let index = findings.firstIndex(where: { $0.message.contains("\(swd.name) (") }) {
                    findings[index].related.append(RelatedLocation(range, "the .ioc gives \(swd.name) the signal \(signal)"))
                    continue
                }
                result.append(context.finding(id, "the .ioc gives \(swd.name) (\(swd.role)) the signal \(signal): the generated code configures the pin for it, and once that runs the debugger loses the SWD port until the next reset",
                                              at: range,
                                              fix: "set System Core > SYS > Debug to Serial Wire in CubeMX and move \(signal) to another pin"))
            } else if pin?.signal == nil && !Self.isDebugMode(pin?.mode) {
                undeclared.append("\(swd.name) (\(swd.role))")
            }
        }
        if ioc.freePinsAnalog, !undeclared.isEmpty {
            let range = SourceRange(file: ioc.file, line: ioc.line("ProjectManager.FreePins") ?? 1)
            result.append(context.finding(id, "\"Set all free pins as analog\" is on (ProjectManager.FreePins=true) and the .ioc declares no debug function on \(undeclared.joined(separator: " and ")): the generated MX_GPIO_Init turns them analog, and once it runs the debugger loses the SWD port",
                                          at: range,
                                          fix: "in CubeMX set System Core > SYS > Debug to Serial Wire (PA13/PA14 then keep SWD), or switch off Set all free pins as analog"))
        }
        return result
    }

    /// `DEBUG_JTMS-SWDIO` (H7) or `SYS_JTMS-SWDIO` (other families' naming).
    static func isDebugSignal(_ signal: String) -> Bool {
        signal.hasPrefix("DEBUG_") || signal.hasPrefix("SYS_J") || signal.hasPrefix("SYS_TRACE")
            || signal.contains("SWDIO") || signal.contains("SWCLK")
    }

    static func isDebugMode(_ mode: String?) -> Bool {
        guard let mode else { return false }
        return mode.hasPrefix("Serial_Wire") || mode.hasPrefix("JTAG") || mode.hasPrefix("Trace")
    }
}
