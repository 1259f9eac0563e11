import H7Model

/// H7-META-004: a `main.c`-like file is empty, binary or UTF-16: no compiler reads it, so the clock and
/// supply code it should hold was not checked (never a silent "0 findings").
public struct UnreadableSourceRule: Rule {
    public let id = "H7-META-004"
    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let project = context.project
        let unreadable = project.unreadableSources.sorted { $0.key < $1.key }.map { file, reason in
            context.finding(id, "\(file) is \(reason): the clock and supply code it should hold was not checked",
                            at: SourceRange(file: file, line: 1),
                            fix: "restore the file as UTF-8 C source, or exclude it in .h7lint.yml if it is not built")
        }
        // A core with no C file parsed was not checked at all; an unreadable file above is then the cause.
        guard unreadable.isEmpty else { return unreadable }
        return project.coresWithoutCode.map { core in
            context.finding(id, "no C file of the \(core.isEmpty ? "project" : "\(core) core") was found to parse (none defines SystemClock_Config or sets the supply): its clock and supply code was not checked",
                            at: context.projectAnchor,
                            fix: "check the folder that holds the project's C sources, or restore them")
        }
    }
}
