import H7Model

/// One place where the firmware chooses the supply scheme.
public struct SupplySetting: Hashable, Sendable {
    public enum Via: String, Sendable {
        /// A `USE_PWR_*` build define that ExitRun0Mode applies before main.
        case exitRun0Mode = "USE_PWR_* define applied by ExitRun0Mode()"
        case halCall = "HAL_PWREx_ConfigSupply()"
        case llCall = "LL_PWR_ConfigSupply()"
        case registerWrite = "a PWR->CR3 write"
    }

    public var via: Via
    /// nil when the value cannot be resolved.
    public var scheme: SupplyScheme?
    /// As written: the define, the argument, or the CR3 expression.
    public var spelled: String
    public var range: SourceRange
    /// Other places that matter (the CR3 write in ExitRun0Mode for a define).
    public var related: [RelatedLocation]
    public var core: Core?
    public var function: String?
    /// For calls: whether the returned status is used.
    public var resultUsed: Bool?
    /// The scheme is SMPS-only and the part has no SMPS.
    public var missingOnPart: Bool

    /// Runs before main (ExitRun0Mode from the reset handler) or later.
    public var runsBeforeMain: Bool { via == .exitRun0Mode || function == "ExitRun0Mode" || function == "SystemInit" }

    public var describedScheme: String { scheme.map { "\($0.id) (\($0.hal))" } ?? "'\(spelled)'" }
}

/// A `USE_PWR_*` define as a build file states it.
public struct SupplyMacro: Hashable, Sendable {
    public var define: Define
    public var scheme: SupplyScheme?
    public var range: SourceRange
    public var core: Core?
}

/// Where and how the supply is configured, per core, in execution order.
public struct SupplyAnalysis: Sendable {
    public let macros: [SupplyMacro]
    public let settings: [SupplySetting]
    /// Per core: ExitRun0Mode is defined in a parsed file and the startup file calls it.
    public let exitRun0ModeApplied: [Core?: Bool]
    public let exitRun0ModeDefined: [Core?: SourceRange]

    static let cr3Bits = (bypass: 0x1, ldoen: 0x2, smpsen: 0x4, exthp: 0x8, level: 0x30)

    public init(project: Project, knowledge: Knowledge) {
        let schemes = knowledge.schemes
        let smpsPart = project.device?.smps ?? true
        var macros: [SupplyMacro] = []
        var settings: [SupplySetting] = []
        var applied: [Core?: Bool] = [:]
        var defined: [Core?: SourceRange] = [:]

        for build in project.cores {
            let core = build.core
            let coreMacros = build.defines.filter { $0.name.hasPrefix("USE_PWR_") }.map { define in
                SupplyMacro(define: define, scheme: schemes.named(define.name),
                            range: build.range(of: define) ?? SourceRange(file: build.settings?.file ?? "", line: 1),
                            core: core)
            }
            macros += coreMacros
            let definition = build.sources.lazy.flatMap(\.functions).first { $0.name == "ExitRun0Mode" }
            if let definition { defined[core] = definition.range }
            let isApplied = definition != nil && build.startupExitRun0ModeCall != nil
            applied[core] = isApplied

            // ExitRun0Mode's CR3 writes, as the build's defines select them.
            let exitWrites = build.allAssignments.filter { $0.function == "ExitRun0Mode" && $0.target == "PWR->CR3" }
            if isApplied, !exitWrites.isEmpty {
                let scheme = Self.scheme(after: exitWrites, schemes: schemes, smpsPart: smpsPart)
                let winner = coreMacros.sorted { ($0.scheme?.order ?? 99) < ($1.scheme?.order ?? 99) }.first
                let anchor = winner?.range ?? exitWrites[0].range
                settings.append(SupplySetting(
                    via: .exitRun0Mode, scheme: scheme, spelled: winner?.define.name ?? exitWrites[0].value.spelled,
                    range: anchor, related: [RelatedLocation(exitWrites[0].range, "ExitRun0Mode() writes PWR->CR3 here")],
                    core: core, function: "ExitRun0Mode", resultUsed: nil, missingOnPart: false))
            }

            for call in build.allCalls where call.name == "HAL_PWREx_ConfigSupply" || call.name == "LL_PWR_ConfigSupply" {
                guard let argument = call.arguments.first else { continue }
                var scheme = argument.value.flatMap { schemes.byValue($0) }
                if let name = argument.identifier, let named = schemes.named(name) { scheme = named }
                settings.append(SupplySetting(
                    via: call.name.hasPrefix("LL_") ? .llCall : .halCall, scheme: scheme, spelled: argument.spelled,
                    range: call.range, related: [], core: core, function: call.function,
                    resultUsed: call.isMacro ? nil : call.resultUsed,
                    missingOnPart: ((scheme?.smpsOnly ?? false) && !smpsPart)
                        || (project.device.map { device in scheme.map { !$0.exists(on: device) } ?? false } ?? false)))
            }

            // PWR->CSR2 on the H7R/S line holds the same supply bits at the same positions (BYPASS, LDOEN, SDEN,
            // SMPSEXTHP, SDHILEVEL: cmsis_device_h7rs Include/stm32h7s3xx.h:14715-14733).
            let otherWrites = build.allAssignments.filter { Self.supplyRegisters.contains($0.target) && $0.function != "ExitRun0Mode" }
            for write in otherWrites {
                let scheme = Self.scheme(after: [write], schemes: schemes, smpsPart: smpsPart)
                settings.append(SupplySetting(
                    via: .registerWrite, scheme: scheme, spelled: "\(write.target) \(write.op) \(write.value.spelled)",
                    range: write.range, related: [], core: core, function: write.function, resultUsed: nil,
                    missingOnPart: false))
            }
        }
        self.macros = macros
        self.settings = settings.sorted { a, b in
            if a.runsBeforeMain != b.runsBeforeMain { return a.runsBeforeMain }
            if a.core != b.core { return (a.core ?? .cm7) < (b.core ?? .cm7) }
            return a.range < b.range
        }
        exitRun0ModeApplied = applied
        exitRun0ModeDefined = defined
    }

    /// The registers whose low bits select the supply: PWR_CR3 (H74x ... H73x), PWR_CSR2 (H7R/S).
    static let supplyRegisters: Set<String> = ["PWR->CR3", "PWR->CSR2"]

    /// The first setting that takes effect, per core order.
    public var effective: SupplySetting? { settings.first { $0.scheme != nil } }

    /// Replays PWR_CR3 writes from the reset state and names the scheme the bits select.
    /// Reset state assumed: LDO on, SMPS on (SMPS parts), bypass off (the HAL's "not yet configured").
    static func scheme(after writes: [AssignmentFact], schemes: SupplySchemes, smpsPart: Bool) -> SupplyScheme? {
        var value = smpsPart ? (cr3Bits.ldoen | cr3Bits.smpsen) : cr3Bits.ldoen
        for write in writes {
            guard let set = write.setBits, let clear = write.clearBits else { return nil }
            let known = set | clear
            let mask = cr3Bits.bypass | cr3Bits.ldoen | (smpsPart ? cr3Bits.smpsen | cr3Bits.exthp | cr3Bits.level : 0)
            if !write.keepsOtherBits && (known & mask) != mask { return nil }
            value = (value & ~clear) | set
        }
        let matches = schemes.matching(
            bypass: value & cr3Bits.bypass != 0 ? 1 : 0, ldoen: value & cr3Bits.ldoen != 0 ? 1 : 0,
            smpsen: value & cr3Bits.smpsen != 0 ? 1 : 0, smpsexthp: value & cr3Bits.exthp != 0 ? 1 : 0,
            smpslevel: (value & cr3Bits.level) >> 4, smpsPart: smpsPart)
        return matches.count == 1 ? matches[0] : nil
    }
}
