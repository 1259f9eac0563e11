import H7Model

/// Small readings of the C facts shared by the debug rules.
extension SourceFacts {
    /// The last assignment to each field of `variable` made in `function` before `place` (struct
    /// init code: `ob.RDPLevel = ...; HAL_FLASHEx_OBProgram(&ob);`). Keys are field paths (`RDPLevel`, `Init.Reload`).
    func fields(of variable: String, in function: String?, before place: SourceRange) -> [String: AssignmentFact] {
        var result: [String: AssignmentFact] = [:]
        for a in assignments where a.function == function && a.range < place {
            for separator in [".", "->"] where a.target.hasPrefix(variable + separator) {
                let field = String(a.target.dropFirst(variable.count + separator.count))
                var write = a
                // `ob.OptionType |= OPTIONBYTE_RDP` adds to what was there.
                if a.op == "|=", let old = result[field]?.value.value, let new = a.value.value { write.value.value = old | new }
                result[field] = write
            }
        }
        return result
    }

    /// The last value given to `variable.field` anywhere in this file (handles are globals set up in
    /// another function: `hiwdg1.Instance = IWDG1`).
    func lastField(_ field: String, of variable: String) -> AssignmentFact? {
        assignments.last { $0.target == "\(variable).\(field)" || $0.target == "\(variable)->\(field)" }
    }
}

extension Operand {
    /// The variable an argument names or points at: `&GPIO_InitStruct` → GPIO_InitStruct.
    var variableName: String? {
        var s = spelled.filter { $0 != " " }
        while s.hasPrefix("(") && s.hasSuffix(")") { s = String(s.dropFirst().dropLast()) }
        if s.hasPrefix("&") { s.removeFirst() }
        return Operand(spelled: s, value: nil, range: range).identifier
    }

    /// The GPIO port letter of `GPIOA` ... `GPIOK`.
    var gpioPort: Character? {
        let s = spelled.filter { $0 != " " && $0 != "(" && $0 != ")" }
        guard s.count == 5, s.hasPrefix("GPIO"), let letter = s.last, ("A"..."K").contains(letter) else { return nil }
        return letter
    }
}

/// Which functions each function calls, by name, over the files of one core.
struct CallGraph {
    private var callees: [String: Set<String>] = [:]

    init(_ sources: [SourceFacts]) {
        for source in sources {
            for call in source.calls { if let f = call.function { callees[f, default: []].insert(call.name) } }
        }
    }

    /// `root` and every function reachable from it through calls.
    func reachable(from root: String) -> Set<String> {
        var seen: Set<String> = [root]
        var stack = [root]
        while let f = stack.popLast() {
            for callee in callees[f] ?? [] where !seen.contains(callee) {
                seen.insert(callee)
                stack.append(callee)
            }
        }
        return seen
    }
}

/// One `HAL_FLASHEx_OBProgram(&ob)` call with the init-struct fields set before it.
struct OptionBytesProgram {
    var call: CallFact
    var fields: [String: AssignmentFact]
    var core: Core?

    func value(_ field: String) -> Int? { fields[field]?.value.value }
    func spelled(_ field: String) -> String { fields[field]?.value.spelled ?? "" }

    /// Whether `OptionType` selects `bit` (also when written as a name this part's table lacks).
    func selects(_ bit: Int, name: String) -> Bool {
        if let v = value("OptionType") { return v & bit != 0 }
        return spelled("OptionType").contains(name) || spelled("OptionType").contains("OPTIONBYTE_ALL")
    }

    static func all(in project: Project) -> [OptionBytesProgram] {
        var seen: Set<SourceRange> = []
        var result: [OptionBytesProgram] = []
        for core in project.cores {
            for source in core.sources {
                for call in source.calls where call.name == "HAL_FLASHEx_OBProgram" && !seen.contains(call.range) {
                    guard let variable = call.arguments.first?.variableName else { continue }
                    seen.insert(call.range)
                    result.append(OptionBytesProgram(call: call, fields: source.fields(of: variable, in: call.function, before: call.range),
                                                     core: source.core ?? core.core))
                }
            }
        }
        return result
    }
}

/// Every call in the project once (Common/ files are parsed for each core), with the core it was read for.
func uniqueCalls(_ project: Project, named names: Set<String>) -> [(call: CallFact, core: Core?)] {
    var seen: Set<SourceRange> = []
    var result: [(call: CallFact, core: Core?)] = []
    for core in project.cores {
        for source in core.sources {
            for call in source.calls where names.contains(call.name) && seen.insert(call.range).inserted {
                result.append((call, source.core ?? core.core))
            }
        }
    }
    return result
}

/// Every register write to `target` (`FLASH->OPTSR_PRG`) once.
func uniqueRegisterWrites(_ project: Project, target: String) -> [AssignmentFact] {
    var seen: Set<SourceRange> = []
    return project.cores.flatMap(\.sources).flatMap(\.assignments).filter {
        $0.target == target && seen.insert($0.range).inserted
    }
}

/// Findings once per place and message (dual-core projects read Common/ files twice).
func deduplicated(_ findings: [Finding]) -> [Finding] {
    var seen: Set<String> = []
    return findings.filter { seen.insert("\($0.range?.description ?? "-") \($0.ruleID) \($0.message)").inserted }
}

func hex(_ value: Int, digits: Int = 8) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}
