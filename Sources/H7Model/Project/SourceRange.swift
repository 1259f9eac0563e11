/// A place in a project file. `file` is relative to the project root (or absolute when outside it).
/// Lines and columns are 1-based; columns count bytes, as clang does.
public struct SourceRange: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int

    public init(file: String, line: Int, column: Int = 1, endLine: Int? = nil, endColumn: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.endColumn = endColumn ?? column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceRange, b: SourceRange) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
