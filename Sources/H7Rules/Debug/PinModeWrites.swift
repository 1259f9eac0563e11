import H7Model

/// Code that takes GPIO pins out of their reset alternate function 0 (where the debug port lives):
/// `HAL_GPIO_Init`, `HAL_GPIO_DeInit` (analog on H7), `LL_GPIO_Init`, `LL_GPIO_SetPinMode`,
/// `LL_GPIO_SetAFPin_*` and writes to `GPIOx->MODER`. Only pins a write surely moves are kept.
struct PinModeWrite {
    var port: Character
    /// Bit n set: pin n leaves AF0.
    var pins: Int
    /// What the pins become: `analog`, `a push-pull output`, `alternate function 5`, ...
    var becomes: String
    /// The call or register (`HAL_GPIO_Init`, `GPIOA->MODER`).
    var via: String
    var range: SourceRange
    /// The assignment that set the pin mask, for the fix.
    var pinField: AssignmentFact?

    func touches(_ pin: Int) -> Bool { pins & (1 << pin) != 0 }
    /// `HAL_GPIO_Init()`, `the write to GPIOA->MODER`: how messages name it.
    var what: String { via.contains("->") ? "the write to \(via)" : "\(via)()" }
    func pinNames(_ numbers: [Int]) -> [String] { numbers.filter(touches).map { "P\(port)\($0)" } }

    static func all(in project: Project) -> [PinModeWrite] {
        // A write is the same fact when parsed twice (same place, register and value); an image's writes at one
        // place (HAL_GPIO_Init's loop moving one pin a write, placed at the call) are each their own.
        struct WriteKey: Hashable { var range: SourceRange, target: String, value: String }
        var seenCalls: Set<SourceRange> = [], seenWrites: Set<WriteKey> = []
        var result: [PinModeWrite] = []
        for core in project.cores {
            for source in core.sources {
                for call in source.calls where seenCalls.insert(call.range).inserted {
                    if let write = fromCall(call, in: source) { result.append(write) }
                }
                for assignment in source.assignments
                    where seenWrites.insert(WriteKey(range: assignment.range, target: assignment.target, value: assignment.value.spelled)).inserted {
                    if let write = fromModer(assignment) { result.append(write) }
                }
            }
        }
        // Register writes at one place that move pins to one mode are one move (an image's HAL_GPIO_Init loop).
        var merged: [PinModeWrite] = []
        for write in result where write.pins != 0 {
            if write.via.contains("->"), let i = merged.firstIndex(where: { $0.via == write.via && $0.range == write.range && $0.becomes == write.becomes }) {
                merged[i].pins |= write.pins
            } else {
                merged.append(write)
            }
        }
        return merged
    }

    /// HAL mode values keep the MODER field in bits 1:0 (GPIO_MODE_AF_PP 0x2, GPIO_MODE_IT_RISING 0x110000 → input).
    static func describe(moder: Int, alternate: Int?, outputType: Int? = nil) -> String {
        switch moder {
        case 0: return "an input"
        case 1: return outputType == 1 ? "an open-drain output" : "an output"
        case 2: return "alternate function \(alternate.map(String.init) ?? "?")"
        default: return "analog"
        }
    }

    private static func fromCall(_ call: CallFact, in source: SourceFacts) -> PinModeWrite? {
        guard let port = call.arguments.first?.gpioPort else { return nil }
        switch call.name {
        case "HAL_GPIO_Init", "LL_GPIO_Init":
            guard call.arguments.count >= 2, let variable = call.arguments[1].variableName else { return nil }
            let fields = source.fields(of: variable, in: call.function, before: call.range)
            guard let pins = fields["Pin"]?.value.value, let mode = fields["Mode"]?.value.value else { return nil }
            let moder = mode & 3
            let alternate = Self.alternate(fields, call: call, in: source)
            if moder == 2 && alternate == 0 { return nil }
            let outputType = call.name == "HAL_GPIO_Init" ? (mode >> 4) & 1 : fields["OutputType"]?.value.value
            return PinModeWrite(port: port, pins: pins & 0xFFFF,
                                becomes: describe(moder: moder, alternate: alternate, outputType: outputType),
                                via: call.name, range: call.range, pinField: fields["Pin"])
        case "HAL_GPIO_DeInit":
            guard call.arguments.count >= 2, let pins = call.arguments[1].value else { return nil }
            return PinModeWrite(port: port, pins: pins & 0xFFFF, becomes: "analog (HAL_GPIO_DeInit resets a pin to analog)",
                                via: call.name, range: call.range)
        case "LL_GPIO_SetPinMode":
            guard call.arguments.count >= 3, let pins = call.arguments[1].value, let mode = call.arguments[2].value,
                  mode != 2 else { return nil }
            return PinModeWrite(port: port, pins: pins & 0xFFFF, becomes: describe(moder: mode & 3, alternate: nil),
                                via: call.name, range: call.range)
        case "LL_GPIO_SetAFPin_0_7", "LL_GPIO_SetAFPin_8_15":
            guard call.arguments.count >= 3, let pins = call.arguments[1].value, let af = call.arguments[2].value,
                  af != 0 else { return nil }
            return PinModeWrite(port: port, pins: pins & 0xFFFF, becomes: "alternate function \(af)",
                                via: call.name, range: call.range)
        default:
            return nil
        }
    }

    /// The alternate function number: the field's value, else the number in its name (`GPIO_AF6_SPI3`,
    /// also when libclang dropped the line because the part's table lacks the name), else 0 (`= {0}`).
    private static func alternate(_ fields: [String: AssignmentFact], call: CallFact, in source: SourceFacts) -> Int {
        if let field = fields["Alternate"] { return field.value.value ?? afNumber(in: field.value.spelled) ?? 0 }
        let from = fields["Pin"]?.range.line ?? call.range.line
        for problem in source.problems where problem.message.hasPrefix("use of undeclared identifier") {
            guard let line = problem.range?.line, line > from, line < call.range.line,
                  let number = afNumber(in: problem.message) else { continue }
            return number
        }
        return 0
    }

    /// 6 for `GPIO_AF6_SPI3` or `LL_GPIO_AF_6`.
    static func afNumber(in text: String) -> Int? {
        for prefix in ["GPIO_AF_", "GPIO_AF"] {
            guard let r = text.range(of: prefix) else { continue }
            let digits = text[r.upperBound...].prefix { $0.isNumber }
            if let n = Int(digits) { return n }
        }
        return nil
    }

    /// A MODER write moves pin n off AF0 (0b10) when it surely sets bit 2n or surely clears bit 2n+1.
    private static func fromModer(_ a: AssignmentFact) -> PinModeWrite? {
        guard a.target.hasSuffix("->MODER"), a.target.count == "GPIOA->MODER".count,
              let port = Operand(spelled: String(a.target.prefix(5)), value: nil, range: a.range).gpioPort else { return nil }
        let set = a.setBits ?? 0, clear = a.clearBits ?? 0
        var pins = 0
        var modes: Set<Int> = []
        for n in 0..<16 {
            let low = 1 << (2 * n), high = 1 << (2 * n + 1)
            guard set & low != 0 || clear & high != 0 else { continue }
            pins |= 1 << n
            let known = (set | clear) & (low | high) == (low | high)
            modes.insert(known ? ((set & high != 0 ? 2 : 0) | (set & low != 0 ? 1 : 0)) : -1)
        }
        let becomes = modes.count == 1 && modes.first! >= 0 ? describe(moder: modes.first!, alternate: nil)
                                                            : "a mode other than its alternate function"
        return PinModeWrite(port: port, pins: pins, becomes: becomes, via: a.target, range: a.range)
    }
}
