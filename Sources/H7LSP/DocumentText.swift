/// An open document's text and LSP positions in it (UTF-16 characters, as LSP counts by default).
public struct DocumentText: Sendable {
    public private(set) var text: String

    public init(_ text: String) { self.text = text }

    /// Applies one change: the whole text, or a range replaced. Positions past the end are clamped.
    public mutating func apply(_ change: TextDocumentContentChangeEvent) {
        guard let range = change.range else { text = change.text; return }
        let start = index(range.start), end = max(start, index(range.end))
        text.replaceSubrange(start..<end, with: change.text)
    }

    /// The index of a position (clamped to the line's end and the text's end).
    public func index(_ position: Position) -> String.Index {
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        var line = 0
        while line < position.line, i < scalars.endIndex {
            if scalars[i] == "\n" { line += 1 }
            i = scalars.index(after: i)
        }
        var remaining = max(0, position.character)
        while remaining > 0, i < scalars.endIndex, scalars[i] != "\n" {
            remaining -= scalars[i].utf16.count
            i = scalars.index(after: i)
        }
        return i
    }

    /// The UTF-16 character offset of a 1-based byte column on a line's text.
    public static func character(utf8Column column: Int, in line: Substring) -> Int {
        var bytes = max(0, column - 1), characters = 0
        for scalar in line.unicodeScalars {
            guard bytes > 0 else { break }
            bytes -= scalar.utf8.count
            characters += scalar.utf16.count
        }
        return characters + max(0, bytes)  // past the line's end: as many more
    }
}
