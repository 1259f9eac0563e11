import Foundation
internal import H7Lint
import H7LSP
import H7Model
import H7Report

/// A checked project's findings as LSP diagnostics, by file.
enum DiagnosticMapping {
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
    }

    /// Every file with findings and its diagnostics. Findings with no place go to `fallback` (the `.ioc`
    /// or the document that was checked), on its first line.
    static func diagnostics(_ report: ProjectReport, fallback: String, lines: FileLines) -> [String: [(Finding, Diagnostic)]] {
        var byFile: [String: [(Finding, Diagnostic)]] = [:]
        if let error = report.error {
            let range = LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0))
            let diagnostic = Diagnostic(range: range, severity: 1, code: nil, codeDescription: nil, source: "h7lint",
                                        message: "not checked: \(error.message)", relatedInformation: nil)
            byFile[fallback] = [(Finding(ruleID: "", severity: .error, message: error.message, range: nil), diagnostic)]
            return byFile
        }
        let place = report.project?.ioc.map { ProjectPaths.absolute($0.file, root: report.root) } ?? fallback
        for finding in report.findings {
            let path = finding.range.map { ProjectPaths.absolute($0.file, root: report.root) } ?? place
            let range = finding.range.map { lines.range($0, path: path) }
                ?? LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0))
            let related = finding.related.map { item -> DiagnosticRelatedInformation in
                let file = ProjectPaths.absolute(item.range.file, root: report.root)
                return DiagnosticRelatedInformation(location: Location(uri: Documents.uri(file), range: lines.range(item.range, path: file)),
                                                    message: item.message)
            }
            var message = finding.message
            if let fix = finding.fix { message += "\nFix: \(fix)" }
            let diagnostic = Diagnostic(range: range, severity: severity(finding.severity), code: finding.ruleID,
                                        codeDescription: CodeDescription(href: href(finding.ruleID)), source: "h7lint",
                                        message: message, relatedInformation: related.isEmpty ? nil : related)
            byFile[path, default: []].append((finding, diagnostic))
        }
        return byFile
    }

    /// The rule's section in docs/rules.md.
    static func href(_ id: String) -> String { "\(ToolInfo.informationURI)/blob/main/docs/rules.md#\(id.lowercased())" }
}
