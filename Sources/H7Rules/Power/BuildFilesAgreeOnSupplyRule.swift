import H7Model

/// H7-PWR-010: the project's build files (or their configurations) select different supply schemes through
/// `USE_PWR_*`: which scheme the part gets depends on which IDE or configuration builds it.
public struct BuildFilesAgreeOnSupplyRule: Rule {
    public let id = "H7-PWR-010"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let schemes = context.knowledge.schemes
        var findings: [Finding] = []
        for build in context.project.cores {
            // Each build file and configuration with the USE_PWR_* names it defines.
            let stated = build.allSettings.compactMap { settings -> (BuildSettings, [Define])? in
                let defines = settings.defines.filter { $0.name.hasPrefix("USE_PWR_") && schemes.named($0.name) != nil }
                return defines.isEmpty ? nil : (settings, defines)
            }
            // The schemes each build selects, as a set: a define repeated, or spelled twice, is the same choice.
            let schemesOf = { (defines: [Define]) in Set(defines.compactMap { schemes.named($0.name)?.id }) }
            let distinct = Set(stated.map { schemesOf($0.1) })
            guard distinct.count > 1, let chosen = build.settings else { continue }
            // A side the board is not wired for is H7-PWR-001's (one finding at the wrong places): not said twice.
            if let allowed = context.board?.supply?.allowed,
               distinct.contains(where: { set in set.contains { !allowed.contains($0) } }) { continue }
            // The reference is what most builds select (the chosen build on a tie): the finding is at the odd one out.
            let counts = Dictionary(stated.map { (schemesOf($0.1), 1) }, uniquingKeysWith: +)
            let most = counts.values.max() ?? 0
            let chosenSet = stated.first { $0.0 == chosen }.map { schemesOf($0.1) }
            let majority = chosenSet.flatMap { counts[$0] == most ? $0 : nil } ?? counts.first { $0.value == most }!.key
            let reference = stated.first { $0.0 == chosen && schemesOf($0.1) == majority } ?? stated.first { schemesOf($0.1) == majority } ?? stated[0]
            let names = Array(Set(reference.1.map(\.name))).sorted()
            for (settings, defines) in stated where schemesOf(defines) != schemesOf(reference.1) {
                let define = defines[0]
                let place = SourceRange(file: define.file ?? settings.file, line: define.line ?? 1)
                let refDefine = reference.1[0]
                var message = "\(Self.name(settings)) defines \(Array(Set(defines.map(\.name))).sorted().joined(separator: ", ")) but \(Self.name(reference.0)) defines \(names.joined(separator: ", ")): the supply scheme depends on which build is used"
                if let allowed = context.board?.supply?.allowed {
                    let wrong = (defines.map(\.name) + names).filter { name in
                        schemes.named(name).map { !allowed.contains($0.id) } ?? false
                    }
                    if !wrong.isEmpty {
                        message += "; \(context.board!.displayName) is wired for \(allowed.joined(separator: " or ")), so a build with \(wrong.joined(separator: ", ")) locks the part up (H7-PWR-001 judges the build h7lint checked)"
                    }
                }
                findings.append(context.finding(
                    id, message, at: place,
                    related: [RelatedLocation(SourceRange(file: refDefine.file ?? reference.0.file, line: refDefine.line ?? 1),
                                              "\(Self.name(reference.0)) defines \(refDefine.name) here")],
                    fix: "define the same USE_PWR_* scheme, the one the board is wired for, in every build file and configuration",
                    core: build.core, change: context.certainSupply.map { .supplyScheme($0.id) }))
            }
        }
        return findings.uniqued()
    }

    /// `CM7/.cproject (Debug)`.
    static func name(_ settings: BuildSettings) -> String {
        settings.configuration.map { "\(settings.file) (\($0))" } ?? settings.file
    }
}
