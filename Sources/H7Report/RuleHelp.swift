import Foundation
import H7Model

/// A rule's documentation from its catalogue entry, as text (`h7lint explain`) and as Markdown (SARIF help).
public enum RuleHelp {
    /// Where the rule's catalogue entry can be read on the web.
    public static func uri(_ id: String) -> String { "\(ToolInfo.informationURI)/blob/main/Rules/catalog/\(id).yml" }

    public static func text(_ doc: RuleDoc, knowledge: Knowledge, implemented: Bool) -> String {
        var out = "\(doc.id): \(doc.title) (\(doc.severity.rawValue))\n\n\(doc.summary)\n"
        if !implemented { out += "\n(Documented; not checked by this version yet.)\n" }
        for (title, text) in sections(doc) { out += "\n## \(title)\n\(text)\n" }
        out += recovery(doc, knowledge: knowledge)
        if let sources = doc.sources, !sources.isEmpty {
            out += "\n## Sources\n" + sources.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    public static func markdown(_ doc: RuleDoc, knowledge: Knowledge, implemented: Bool) -> String {
        var out = "**\(doc.id): \(doc.title)** (default severity: \(doc.severity.rawValue))\n\n\(doc.summary)\n"
        if !implemented { out += "\n_Documented; not checked by this version yet._\n" }
        for (title, text) in sections(doc) {
            let body = title == "Example" && !text.contains("```") ? "```c\n\(text)\n```" : text
            out += "\n## \(title)\n\(body)\n"
        }
        out += recovery(doc, knowledge: knowledge)
        return out
    }

    static func sections(_ doc: RuleDoc) -> [(String, String)] {
        [("What it checks", doc.what), ("Why it matters", doc.why), ("Severity", doc.severityWhy), ("Example", doc.example),
         ("Fix", [doc.fix, autofix(doc)].compactMap { $0 }.joined(separator: "\n\n"))]
            .compactMap { title, text in
                guard let text = text?.trimmingCharacters(in: .newlines), !text.isEmpty else { return nil }
                return (title, text)
            }
    }

    /// How `--fix` changes the code, from the first catalogue example that shows it.
    static func autofix(_ doc: RuleDoc) -> String? {
        guard let example = doc.examples?.triggering?.first(where: { $0.fixed != nil }), let fixed = example.fixed else { return nil }
        let diff = fixed.sorted { $0.key < $1.key }.map { path, pairs in
            "--- \(path)\n+++ \(path)\n" + pairs.trimmingCharacters(in: .newlines)
        }.joined(separator: "\n")
        return "`h7lint check --fix` makes this change where the right value is certain (docs/fixes.md); for example (\(example.name ?? "catalogue example")):\n```diff\n\(diff)\n```"
    }

    static func recovery(_ doc: RuleDoc, knowledge: Knowledge) -> String {
        let procedures = (doc.recovery ?? []).compactMap { knowledge.recovery[$0] }
        guard !procedures.isEmpty else { return "" }
        var out = "\n## If the board is already stuck\n"
        for (n, procedure) in procedures.enumerated() {
            out += "\n\(n + 1). \(procedure.title)\(procedure.irreversible == true ? " (irreversible)" : "")\n"
            for step in procedure.steps { out += "   - \(step)\n" }
            out += "   - The probe's own steps and commands, per part family: `h7lint recover \(doc.id) --probe cubeprogrammer|openocd|pyocd [--part PART]`.\n"
            for step in procedure.after ?? [] { out += "   - \(step)\n" }
        }
        return out
    }

    /// Every rule on one Markdown page (docs/rules.md, written by scripts/gen-rule-docs): an index, then each
    /// rule's documentation as `h7lint explain` gives it.
    public static func catalogPage(_ knowledge: Knowledge, implemented: Set<String>) -> String {
        let docs = knowledge.ruleDocs.values.sorted { $0.id < $1.id }
        var out = "# Rules\n\nGenerated from `Rules/catalog/*.yml` by `scripts/gen-rule-docs`; edit the catalogue, not this page.\n"
        out += "Severities follow docs/severity.md. A rule runs only when what it needs is known (the part, the board).\n\n"
        out += "| id | severity | needs | --fix | title |\n|---|---|---|---|---|\n"
        for doc in docs {
            let needs = (doc.needs ?? []).map(\.rawValue).joined(separator: ", ")
            let fixable = autofix(doc) != nil ? "yes" : "-"
            out += "| [\(doc.id)](#\(doc.id.lowercased())) | \(doc.severity.rawValue) | \(needs.isEmpty ? "-" : needs) | \(fixable) | \(doc.title) |\n"
        }
        for doc in docs {
            let body = markdown(doc, knowledge: knowledge, implemented: implemented.contains(doc.id))
                .replacingOccurrences(of: "\n## ", with: "\n### ")
            out += "\n## \(doc.id)\n\n" + body
        }
        return out
    }

    /// `power`, `clock`, ... from the id's middle part.
    public static func family(_ id: String) -> String {
        let parts = id.split(separator: "-")
        let code = parts.count >= 2 ? String(parts[1]) : id
        return ["PWR": "power", "CLK": "clock", "DBG": "debug", "VOS": "voltage-scaling", "META": "meta"][code] ?? code.lowercased()
    }
}

/// What reports say about h7lint itself.
public enum ToolInfo {
    public static let name = "h7lint"
    /// The project's home page; rule help links point into it.
    public static let informationURI = "https://github.com/h7lint/h7lint"
}
