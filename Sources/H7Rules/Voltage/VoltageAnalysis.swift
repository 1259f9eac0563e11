import H7Model

/// One place where the firmware sets the voltage scale.
public struct VoltageSetting: Hashable, Sendable {
    public var vos: Int?
    public var spelled: String
    public var via: String
    public var range: SourceRange
    public var core: Core?
    public var function: String?
}

/// The voltage-scale choices of a project, in source order per core.
public struct VoltageAnalysis: Sendable {
    public let settings: [VoltageSetting]
    /// `__HAL_RCC_SYSCFG_CLK_ENABLE()` calls (VOS0 on ODEN parts needs the SYSCFG clock).
    public let syscfgClockEnables: [SourceRange]

    static let setters: Set<String> = ["__HAL_PWR_VOLTAGESCALING_CONFIG", "HAL_PWREx_ControlVoltageScaling",
                                       "LL_PWR_SetRegulVoltageScaling"]

    public init(project: Project, knowledge: Knowledge) {
        var settings: [VoltageSetting] = []
        var enables: [SourceRange] = []
        let features = project.device?.features ?? []
        for build in project.cores {
            for call in build.allCalls {
                if call.name == "__HAL_RCC_SYSCFG_CLK_ENABLE" || call.name == "LL_APB4_GRP1_EnableClock"
                    && (call.arguments.first?.spelled.contains("SYSCFG") ?? false) {
                    enables.append(call.range)
                }
                guard Self.setters.contains(call.name), let argument = call.arguments.first else { continue }
                let vos = Self.scale(argument, ll: call.name.hasPrefix("LL_"), knowledge: knowledge, features: features)
                settings.append(VoltageSetting(vos: vos, spelled: argument.spelled, via: call.name, range: call.range,
                                               core: build.core, function: call.function))
            }
            // VOS written to PWR->D3CR (SRDCR on the H7A3/B3/B0 line): the field's value is what the HAL constants hold.
            for write in build.allAssignments where write.target == "PWR->D3CR" || write.target == "PWR->SRDCR" {
                let mask = 0xC000  // PWR_D3CR_VOS, PWR_SRDCR_VOS
                guard let set = write.setBits, let clear = write.clearBits, (set | clear) & mask != 0 || !write.keepsOtherBits else { continue }
                let known = (set | clear) & mask == mask
                let table = knowledge.identifiers.values(features: features)
                // On the ODEN lines VOS = 00 is reserved: VOS0 is VOS1 plus SYSCFG_PWRCR.ODEN.
                let candidates = known ? (0...3).filter { table["PWR_REGULATOR_VOLTAGE_SCALE\($0)"] == set & mask && !($0 == 0 && features.contains("oden")) } : []
                settings.append(VoltageSetting(vos: candidates.count == 1 ? candidates[0] : nil, spelled: write.value.spelled,
                                               via: write.target, range: write.range, core: build.core, function: write.function))
            }
            // VOS written to PWR->CSR4 on the H7R/S line: one bit, 1 = SCALE0 (VOS high), 0 = SCALE1.
            for write in build.allAssignments where write.target == "PWR->CSR4" && features.contains("csr4") {
                let mask = 0x1  // PWR_CSR4_VOS
                guard let set = write.setBits, let clear = write.clearBits, (set | clear) & mask != 0 || !write.keepsOtherBits else { continue }
                let vos: Int? = (set | clear) & mask == mask ? (set & mask != 0 ? 0 : 1) : nil
                settings.append(VoltageSetting(vos: vos, spelled: write.value.spelled, via: write.target, range: write.range,
                                               core: build.core, function: write.function))
            }
            // ODEN set directly: VOS0 on the H74x/H75x lines.
            for write in build.allAssignments where write.target == "SYSCFG->PWRCR" {
                if let set = write.setBits, set & 0x1 != 0 {
                    settings.append(VoltageSetting(vos: 0, spelled: "SYSCFG->PWRCR ODEN", via: "SYSCFG->PWRCR",
                                                   range: write.range, core: build.core, function: write.function))
                }
            }
        }
        self.settings = settings.sorted { $0.range < $1.range }
        syscfgClockEnables = enables.sorted()
    }

    /// The scale an argument selects: by the identifier's name where it has one (the encodings
    /// differ per line), else by value through the part's identifier table.
    static func scale(_ argument: Operand, ll: Bool, knowledge: Knowledge, features: Set<String>) -> Int? {
        if let name = argument.identifier {
            for prefix in ["PWR_REGULATOR_VOLTAGE_SCALE", "LL_PWR_REGU_VOLTAGE_SCALE"] where name.hasPrefix(prefix) {
                if let n = Int(name.dropFirst(prefix.count)), (0...3).contains(n) {
                    // LL SCALE0 equals SCALE1 on the ODEN lines: VOS0 also needs ODEN there.
                    return ll && n == 0 && features.contains("oden") ? 1 : n
                }
            }
        }
        guard let value = argument.value else { return nil }
        let prefix = ll ? "LL_PWR_REGU_VOLTAGE_SCALE" : "PWR_REGULATOR_VOLTAGE_SCALE"
        let table = knowledge.identifiers.values(features: features)
        let candidates = (0...3).filter { table["\(prefix)\($0)"] == value }
        return candidates.count == 1 ? candidates[0] : candidates.max()
    }

    /// The highest scale requested (VOS0 is the highest performance).
    public var strongest: VoltageSetting? { settings.filter { $0.vos != nil }.min { $0.vos! < $1.vos! } }
}
