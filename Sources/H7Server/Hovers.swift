import Foundation
internal import H7Lint
import H7LSP
import H7Model
import H7Report

/// Hover text: a rule id in a suppression comment, a supply scheme name, or a clock setting.
enum Hovers {
    static func hover(in path: String, at asked: Position, server: LanguageServer) -> Hover? {
        // Any numbers a client sends (line + 1 must not overflow).
        let position = Position(line: min(max(0, asked.line), 1 << 40), character: min(max(0, asked.character), 1 << 40))
        let lines = FileLines()
        let line = lines.line(path, position.line + 1)
        guard let (word, range) = word(in: line, at: position) else { return nil }
        let knowledge = server.knowledge
        if line.contains("h7lint:"), let doc = knowledge.ruleDocs[word.uppercased()] {
            return markdown("**\(doc.id)**: \(doc.title) (\(doc.severity.rawValue))\n\n\(doc.summary)", range)
        }
        let projects = server.projects(holding: path)
        if let scheme = supplyScheme(word, line: line, knowledge: knowledge) {
            return markdown(supplyText(scheme, board: projects.lazy.compactMap { $0.report.project?.board }.first, why: knowledge.ruleDocs["H7-PWR-001"]), range)
        }
        for project in projects {
            if let text = ClockHover.text(project, path: path, line: position.line + 1, knowledge: knowledge) {
                return markdown(text, range)
            }
        }
        return nil
    }

    /// The scheme a word names (`-DUSE_PWR_LDO_SUPPLY` in a build file too), or on a ConfigSupply call the
    /// scheme of its argument.
    static func supplyScheme(_ word: String, line: Substring, knowledge: Knowledge) -> SupplyScheme? {
        let bare = word.hasPrefix("-D") ? String(word.dropFirst(2)) : word
        if let scheme = knowledge.schemes.named(bare) { return scheme }
        guard bare == "HAL_PWREx_ConfigSupply" || bare == "LL_PWR_ConfigSupply" else { return nil }
        let tokens = line.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        return tokens.lazy.compactMap { knowledge.schemes.named(String($0)) }.first
    }

    static func markdown(_ text: String, _ range: LSPRange) -> Hover {
        Hover(contents: MarkupContent(kind: "markdown", value: text), range: range)
    }

    /// The identifier (letters, digits, `_`, `-`) under the cursor.
    static func word(in line: Substring, at position: Position) -> (String, LSPRange)? {
        let units = Array(line.utf16)
        func isWord(_ u: UInt16) -> Bool {
            (u >= 48 && u <= 57) || (u >= 65 && u <= 90) || (u >= 97 && u <= 122) || u == 95 || u == 45
        }
        var start = min(max(0, position.character), units.count), end = start
        while start > 0, isWord(units[start - 1]) { start -= 1 }
        while end < units.count, isWord(units[end]) { end += 1 }
        guard start < end, let word = String(utf16CodeUnits: Array(units[start..<end]), count: end - start) as String? else { return nil }
        return (word, LSPRange(start: Position(line: position.line, character: start), end: Position(line: position.line, character: end)))
    }

    /// What the board's wiring allows and what this scheme does to it.
    static func supplyText(_ scheme: SupplyScheme, board: Board?, why: RuleDoc?) -> String {
        var out = "**\(scheme.hal)**: supply scheme `\(scheme.id)` (LDO \(scheme.ldoOn ? "on" : "off")"
        out += scheme.smpsOnly ? ", SMPS parts only)" : ")"
        out += "\n\nPWR_CR3 bits: BYPASS=\(scheme.cr3.bypass) LDOEN=\(scheme.cr3.ldoen) SCUEN/SMPSEN=\(scheme.cr3.smpsen)"
        guard let board else {
            return out + "\n\nBoard unknown: name it (`board:` in .h7lint.yml or `--board`) to check this against its wiring."
        }
        out += "\n\nBoard **\(board.displayName)**"
        guard let supply = board.supply else { return out + ": its supply wiring is not recorded." }
        let fits = supply.allowed.contains(scheme.id)
        out += " is wired for: \(supply.allowed.map { "`\($0)`" }.joined(separator: ", "))"
        if supply.unverified == true { out += " (unverified)" }
        out += fits ? ". This scheme matches the wiring."
            : ". **This scheme does not match the wiring** (H7-PWR-001)" + (why.map { ": \($0.summary)" } ?? ".")
                + " Steps for a board that no longer starts: `h7lint recover H7-PWR-001`."
        if let note = supply.note { out += "\n\n\(note)" }
        if let source = supply.source { out += "\n\nSource: \(source)" }
        return out
    }
}
