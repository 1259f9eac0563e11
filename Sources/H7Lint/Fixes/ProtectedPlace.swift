import H7Model

/// A place `--fix` must not edit, and why: the user silenced a finding there or put a directive over it.
public struct ProtectedPlace: Sendable, Hashable {
    public var range: SourceRange
    public var why: String

    /// Whether an edit falls on one of the place's lines.
    func covers(_ edit: TextEdit) -> Bool {
        edit.file == range.file && (range.line...max(range.line, range.endLine)).contains(edit.range.line)
    }
}
