import H7Model

/// The text of `h7lint recover`: each procedure's neutral steps, then the chosen probe's steps and its commands
/// for each part family (or the one named), its notes, and the steps after it. Nothing is run.
public struct RecoveryText {
    public let book: RecoveryBook
    public let probe: String
    /// The family of the part named with `--part`; nil: every family.
    public let family: PartFamily?

    public init(book: RecoveryBook, probe: String, family: PartFamily?) {
        self.book = book
        self.probe = probe
        self.family = family
    }

    var tool: RecoveryTool? { book.tools.first { $0.id == probe } }
    var toolName: String { tool?.name ?? probe }

    public func render(_ procedures: [RecoveryProcedure]) -> String {
        guard !procedures.isEmpty else { return "No recovery procedure is recorded.\n" }
        var out = header()
        for (n, procedure) in procedures.enumerated() {
            out += "\(n + 1). \(procedure.title)\(procedure.irreversible == true ? " (irreversible)" : "")\n"
            if let when = procedure.when { out += "   When: \(when)\n" }
            for step in procedure.steps { out += "   - \(step)\n" }
            out += probePart(procedure)
            for step in procedure.after ?? [] { out += "   - \(step)\n" }
            out += "\n"
        }
        return out
    }

    func header() -> String {
        var out = "Probe: \(toolName)"
        if let version = tool?.version { out += " (commands written for \(version))" }
        out += "\nPart: " + (family.map { $0.title } ?? "every STM32H7 family below; name yours with --part (e.g. --part STM32H743ZI)") + "\n"
        out += "The commands are printed, never run, and none of them was run against a part by h7lint's authors "
        out += "(all three probe tools alike): their syntax comes from the tools' sources and documentation cited in "
        out += "Rules/recovery.yml. Check them against your tool's manual.\n\n"
        return out
    }

    func probePart(_ procedure: RecoveryProcedure) -> String {
        guard let part = procedure.probes?[probe] else {
            let others = (procedure.probes ?? [:]).keys.sorted().map { name in book.tools.first { $0.id == name }?.name ?? name }
            return others.isEmpty ? "" : "   With \(toolName): no procedure is recorded; it is known for \(others.joined(separator: ", ")) (--probe).\n"
        }
        var out = "   With \(toolName):\n"
        for step in part.steps ?? [] { out += "   - \(step)\n" }
        if let commands = part.commands, !commands.isEmpty {
            for family in families(for: procedure) { out += commandBlock(commands, family: family) }
            if let family, !procedure.applies(to: family) {
                let titles = book.partFamilies.filter(procedure.applies(to:)).map(\.title)
                out += "   Not for \(family.title): this applies only to \(titles.joined(separator: "; ")).\n"
            }
        }
        for note in part.notes ?? [] { out += "   Note: \(note)\n" }
        return out
    }

    func families(for procedure: RecoveryProcedure) -> [PartFamily] {
        (family.map { [$0] } ?? book.partFamilies).filter(procedure.applies(to:))
    }

    func commandBlock(_ commands: [String], family: PartFamily) -> String {
        var out = "   Commands for \(family.title):\n"
        let kept = commands.filter { Self.unfilled($0, family.values).isEmpty }
        if kept.isEmpty {
            out += "     None with this tool for these parts (see the notes).\n"
        } else {
            for line in (family.setup?[probe] ?? []) + kept.map({ Self.fill($0, family.values) }) { out += "     \(line)\n" }
        }
        var notes = family.notes?[probe] ?? []
        let used = Set(kept.flatMap(Self.placeholders)), missing = Set(commands.flatMap { Self.unfilled($0, family.values) })
        notes += used.sorted().compactMap { family.valueNotes?[$0] } + missing.sorted().compactMap { family.missingNotes?[$0] }
        for note in notes { out += "     Note: \(note)\n" }
        return out
    }

    /// The `{name}` placeholders a command holds.
    static func placeholders(_ command: String) -> [String] { unfilled(command, [:]) }

    /// `{name}` placeholders replaced by the family's values. A command that needs a value the family lacks is
    /// left out (the family's notes say why).
    public static func fill(_ command: String, _ values: [String: String]) -> String {
        values.reduce(command) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }

    /// Placeholders left in a command after filling (a family that lacks a value): empty when complete.
    public static func unfilled(_ command: String, _ values: [String: String]) -> [String] {
        let text = fill(command, values)
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
