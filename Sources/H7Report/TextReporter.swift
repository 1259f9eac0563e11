import Foundation
import H7Model

/// clang-style text: `file:line:col: error: message [ID]`, the source line, a caret, the fix.
public struct TextReporter {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    public func render(project name: String, root: URL, findings: [Finding], recoveryHint: (String) -> String?) -> String {
        var out = ""
        var lineCache: [String: [Substring]] = [:]
        for finding in findings {
            let label = finding.severity.rawValue
            let place: String
            if let r = finding.range {
                place = "\(displayPath(r.file, project: name)):\(r.line):\(r.column)"
            } else {
                place = name
            }
            out += bold("\(place): ") + paint(label + ":", finding.severity) + " " + bold(finding.message) + " [\(finding.ruleID)]\n"
            if let r = finding.range, let text = sourceLine(r, root: root, cache: &lineCache) {
                out += text + "\n"
                let prefix = String(text.prefix(max(0, r.column - 1))).map { $0 == "\t" ? "\t" : " " }.joined()
                let width = r.endLine == r.line ? max(1, r.endColumn - r.column) : 1
                out += prefix + paint("^" + String(repeating: "~", count: max(0, min(width, 80) - 1)), .note) + "\n"
            }
            for related in finding.related {
                out += "\(displayPath(related.range.file, project: name)):\(related.range.line):\(related.range.column): note: \(related.message)\n"
            }
            if let fix = finding.fix { out += "  fix: \(fix)\n" }
            if let hint = recoveryHint(finding.ruleID) { out += "  if the board is already stuck: \(hint)\n" }
        }
        return out
    }

    func displayPath(_ file: String, project: String) -> String {
        file.hasPrefix("/") ? file : (project.isEmpty || project == "." ? file : "\(project)/\(file)")
    }

    func sourceLine(_ r: SourceRange, root: URL, cache: inout [String: [Substring]]) -> String? {
        if cache[r.file] == nil {
            let url = r.file.hasPrefix("/") ? URL(fileURLWithPath: r.file) : root.appendingPathComponent(r.file)
            guard let data = try? Data(contentsOf: url), data.count < 8_000_000 else { return nil }
            let text = String(decoding: data, as: UTF8.self)
            cache[r.file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = cache[r.file], r.line >= 1, r.line <= lines.count else { return nil }
        var line = String(lines[r.line - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    func paint(_ s: String, _ severity: Severity) -> String {
        guard color else { return s }
        let code = switch severity {
        case .error: "31"
        case .warning: "35"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(s)\u{1B}[0m"
    }
}
