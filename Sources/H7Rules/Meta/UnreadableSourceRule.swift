import H7Model

/// H7-META-004: a `main.c`-like file is empty, binary or UTF-16: no compiler reads it, so the clock and
/// supply code it should hold was not checked (never a silent "0 findings").
public struct UnreadableSourceRule: Rule {
    public let id = "H7-META-004"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        context.project.unreadableSources.sorted { $0.key < $1.key }.map { file, reason in
            context.finding(id, "\(file) is \(reason): the clock and supply code it should hold was not checked",
                            at: SourceRange(file: file, line: 1),
                            fix: "restore the file as UTF-8 C source, or exclude it in .h7lint.yml if it is not built")
        }
    }
}
