import Foundation
import H7LSP
import H7Model

/// Converts h7lint's places (1-based lines, byte columns) to LSP ranges (0-based, UTF-16), reading each
/// file's text once (the buffer when open).
final class FileLines {
    private var files: [String: [Substring]] = [:]

    func lines(_ path: String) -> [Substring] {
        if let known = files[path] { return known }
        let text = Documents.text(path) ?? ""
        let lines = text.textLines
        files[path] = lines
        return lines
    }

    func line(_ path: String, _ number: Int) -> Substring {
        let all = lines(path)
        return number >= 1 && number <= all.count ? all[number - 1] : ""
    }

    /// A finding's range; a point widens to the rest of its line (editors underline nothing otherwise).
    func range(_ range: SourceRange, path: String, widen: Bool = true) -> LSPRange {
        let startText = line(path, range.line)
        let start = Position(line: max(0, range.line - 1), character: DocumentText.character(utf8Column: range.column, in: startText))
        var end = Position(line: max(0, range.endLine - 1),
                           character: DocumentText.character(utf8Column: range.endColumn, in: line(path, range.endLine)))
        if widen, end.line < start.line || (end.line == start.line && end.character <= start.character) {
            end = Position(line: start.line, character: max(start.character, startText.utf16.count))
        }
        return LSPRange(start: start, end: end)
    }
}

enum ProjectPaths {
    /// The absolute path of a file named in a finding (relative to the project root, or absolute).
    static func absolute(_ file: String, root: URL) -> String {
        FileOverlay.key(file.hasPrefix("/") ? file : root.appendingPathComponent(file).path)
    }
}
