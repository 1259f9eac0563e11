import Foundation
import H7LSP
import H7Model

/// Quick fixes for the diagnostics in a range: the fix planner's edits (all of them, in every file, or
/// none), and suppression comments for the line and for the file.
enum CodeActions {
    static func actions(in path: String, range: LSPRange, server: LanguageServer) -> [CodeAction] {
        let lines = FileLines()
        var actions: [CodeAction] = []
        for project in server.projects(holding: path) {
            for (finding, diagnostic) in project.diagnostics[path] ?? []
            where !finding.ruleID.isEmpty && overlaps(diagnostic.range, range) {
                if let fix = finding.autofix, fix.isApplicable,
                   let edit = workspaceEdit(fix.edits, root: project.report.root, lines: lines) {
                    actions.append(CodeAction(title: "h7lint: \(fix.description)", kind: "quickfix", diagnostics: [diagnostic],
                                              isPreferred: true, edit: edit))
                }
                let line = diagnostic.range.start.line
                // Not inside a line continued with `\\` (a Makefile list, a multi-line macro): a comment line there
                // would end or swallow the statement.
                let above = lines.line(path, line)  // 1-based number of the 0-based line: the line above
                if !continues(above) {
                    actions.append(CodeAction(title: "h7lint: suppress \(finding.ruleID) on this line", kind: "quickfix",
                                              diagnostics: [diagnostic], isPreferred: false,
                                              edit: suppression(finding.ruleID, path: path, line: line, file: false, lines: lines)))
                }
                actions.append(CodeAction(title: "h7lint: suppress \(finding.ruleID) in this file", kind: "quickfix",
                                          diagnostics: [diagnostic], isPreferred: false,
                                          edit: suppression(finding.ruleID, path: path, line: line, file: true, lines: lines)))
            }
        }
        return actions
    }

    /// Whether a line ends with a backslash (the next line belongs to the same statement).
    static func continues(_ line: Substring) -> Bool {
        line.trimmingWhitespace().hasSuffix("\\")
    }

    static func overlaps(_ a: LSPRange, _ b: LSPRange) -> Bool {
        a.start.line <= b.end.line && b.start.line <= a.end.line
    }

    /// The planner's edits as LSP edits; nil when a file no longer holds what the edit replaces
    /// (the buffer changed after the check): then nothing is offered rather than a wrong edit.
    static func workspaceEdit(_ edits: [H7Model.TextEdit], root: URL, lines: FileLines) -> WorkspaceEdit? {
        var changes: [String: [H7LSP.TextEdit]] = [:]
        for edit in edits {
            let path = ProjectPaths.absolute(edit.file, root: root)
            guard let text = Documents.text(path) else { return nil }
            let bytes = Array(text.utf8)
            let original = Array(edit.original.utf8)
            guard edit.offset >= 0, edit.offset + original.count <= bytes.count,
                  Array(bytes[edit.offset..<edit.offset + original.count]) == original else { return nil }
            changes[Documents.uri(path), default: []].append(
                H7LSP.TextEdit(range: lines.range(edit.range, path: path, widen: false), newText: edit.replacement))
        }
        return changes.isEmpty ? nil : WorkspaceEdit(changes: changes)
    }

    /// A new comment line: `disable-next-line` above the finding's line, or `disable-file` at the top
    /// (after an XML declaration).
    static func suppression(_ id: String, path: String, line: Int, file: Bool, lines: FileLines) -> WorkspaceEdit {
        let all = lines.lines(path)
        let (open, close) = commentMarks(path)
        var target = file ? 0 : line
        if file, let first = all.first, first.hasPrefix("<?xml") { target = 1 }
        let indent = file || target >= all.count ? "" : String(all[target].prefix { $0 == " " || $0 == "\t" })
        let directive = file ? "disable-file" : "disable-next-line"
        let text = "\(indent)\(open) h7lint:\(directive) \(id)\(close)\n"
        let at = Position(line: target, character: 0)
        return WorkspaceEdit(changes: [Documents.uri(path): [H7LSP.TextEdit(range: LSPRange(start: at, end: at), newText: text)]])
    }

    /// The comment a file's language writes (docs/configuration.md, Suppression comments).
    static func commentMarks(_ path: String) -> (String, String) {
        let name = (path as NSString).lastPathComponent.lowercased()
        let ext = (name as NSString).pathExtension
        if ["cproject", "ewp", "uvprojx", "xml", "project"].contains(ext) || name == ".cproject" { return ("<!--", " -->") }
        if ["s"].contains(ext) { return ("@", "") }
        if ext == "ld" { return ("/*", " */") }
        if ["c", "h", "cc", "cpp", "cxx", "hpp", "hh"].contains(ext) { return ("//", "") }
        if ext == "ini" { return (";", "") }
        return ("#", "")  // Makefiles, CMake, .ioc, .mk, .yml
    }
}
