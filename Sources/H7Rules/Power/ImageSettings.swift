import H7Model

/// What the other images of an STM32H7R/S project (`Appli`, `ExtMemLoader`; `Project.images`) set again after the
/// Boot image: supply calls and voltage-scale calls, judged against what Boot left. On this line the supply bits
/// (PWR_CSR2) are locked after the first write, and stm32h7rsxx_hal_pwr_ex.c:289-303 returns HAL_ERROR for a
/// different scheme; a lower scale than Boot's clocks need leaves the CPU above the new scale's limit.
struct ImageSettings {
    struct Supply {
        var image: String
        var scheme: SupplyScheme?
        var call: CallFact
    }
    struct Scale {
        var image: String
        var vos: Int
        var call: CallFact
        /// The image sets up clocks of its own (then its scale is not judged against Boot's clocks).
        var setsClocks: Bool
    }

    var supplies: [Supply] = []
    var scales: [Scale] = []

    init(project: Project, knowledge: Knowledge) {
        let features = project.device?.features ?? []
        for (image, build) in project.images.sorted(by: { $0.key < $1.key }) {
            let calls = build.allCalls
            let setsClocks = calls.contains { ["HAL_RCC_OscConfig", "HAL_RCC_ClockConfig", "LL_RCC_SetSysClkSource"].contains($0.name) }
            for call in calls {
                guard let argument = call.arguments.first else { continue }
                if call.name == "HAL_PWREx_ConfigSupply" || call.name == "LL_PWR_ConfigSupply" {
                    var scheme = argument.value.flatMap { knowledge.schemes.byValue($0) }
                    if let name = argument.identifier, let named = knowledge.schemes.named(name) { scheme = named }
                    supplies.append(Supply(image: image, scheme: scheme, call: call))
                } else if VoltageAnalysis.setters.contains(call.name),
                          let vos = VoltageAnalysis.scale(argument, ll: call.name.hasPrefix("LL_"), knowledge: knowledge, features: features) {
                    scales.append(Scale(image: image, vos: vos, call: call, setsClocks: setsClocks))
                }
            }
        }
    }
}
