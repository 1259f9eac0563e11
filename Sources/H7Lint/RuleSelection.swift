import H7Model

/// `--select` / `--ignore` on the command line (Ruff's names): rule ids or patterns, comma-separated. A
/// rule runs when `--select` (if given) matches it and `--ignore` does not; `.h7lint.yml` still applies.
public struct RuleSelection: Sendable {
    public let select: [String]?
    public let ignore: [String]

    /// Throws a usage error for a pattern that matches no rule (a typo would silently check nothing).
    public init(select: String?, ignore: String?, known: Set<String>) throws {
        func patterns(_ text: String?, _ option: String) throws -> [String]? {
            guard let text else { return nil }
            let list = text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            for pattern in list where !known.contains(where: { Glob.matches(pattern, $0) }) {
                throw H7Error.usage("\(option) \(pattern) matches no rule\(Suggestion.didYouMean(pattern, among: known)) (`h7lint rules` lists them)")
            }
            return list
        }
        self.select = try patterns(select, "--select")
        self.ignore = try patterns(ignore, "--ignore") ?? []
    }

    /// Named by `--ignore` (a rule left out by `--select` is only not reported, not suppressed).
    public func ignores(_ ruleID: String) -> Bool { ignore.contains { Glob.matches($0, ruleID) } }

    public func allows(_ ruleID: String) -> Bool {
        (select.map { $0.contains { Glob.matches($0, ruleID) } } ?? true) && !ignore.contains { Glob.matches($0, ruleID) }
    }
}
