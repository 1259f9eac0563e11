import Foundation
import H7Model

/// One `h7lint:` comment in a source or build file:
/// `// h7lint:disable-next-line H7-PWR-005 -- reason`, `/* h7lint:disable-line ID */`,
/// `# h7lint:disable-file ID` (`#` in Makefiles, CMake and the .ioc), `disable` ... `enable` blocks.
struct SuppressionComment: Equatable {
    enum Kind: String, CaseIterable {
        // Longest first, so that `disable` does not take `disable-next-line`.
        case disableNextLine = "disable-next-line"
        case disableLine = "disable-line"
        case disableFile = "disable-file"
        case disable
        case enable
    }

    var kind: Kind
    /// Rule ids or patterns (`H7-DBG-*`) as written.
    var rules: [String]
    /// Where the comment starts (1-based line, byte column of `//`, `/*`, `#`...).
    var line: Int
    var column: Int
    /// The byte length of the comment text, for the finding's range.
    var length: Int

    static let openers = ["//", "/*", "<!--", "#", ";", "@"]

    /// Every directive in a file's lines, in order.
    static func scan(_ lines: [String]) -> [SuppressionComment] {
        var found: [SuppressionComment] = []
        for (index, text) in lines.enumerated() where text.contains("h7lint:") {
            if let comment = parse(text, line: index + 1) { found.append(comment) }
        }
        return found
    }

    /// The directive on one line, if the line has one inside a comment.
    static func parse(_ text: String, line: Int) -> SuppressionComment? {
        guard let marker = text.range(of: "h7lint:") else { return nil }
        // A comment opener, then blanks, then the marker.
        let before = text[..<marker.lowerBound]
        let head = before.trimmingTrailingBlanks
        guard let opener = openers.first(where: { head.hasSuffix($0) }) else { return nil }
        let openerStart = head.index(head.endIndex, offsetBy: -opener.count)
        // Blanks after the colon (`h7lint: disable-line`) and any case of the word are read as well.
        var rest = text[marker.upperBound...].drop { $0 == " " || $0 == "\t" }
        guard let kind = Kind.allCases.first(where: { rest.lowercased().hasPrefix($0.rawValue) }) else { return nil }
        rest = rest.dropFirst(kind.rawValue.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" || rest.first == "*" else { return nil }
        // Ids end at the reason (`--`), the end of the comment, or the line.
        var body = String(rest)
        for end in [" --", "\t--", "*/", "-->"] {
            if let r = body.range(of: end) { body = String(body[..<r.lowerBound]) }
        }
        if body.hasPrefix("--") { body = "" }
        let rules = body.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init).filter { !$0.isEmpty }
        let column = text.utf8.distance(from: text.startIndex, to: openerStart) + 1
        var commentEnd = text.endIndex
        for close in ["*/", "-->"] {
            if let r = text[marker.upperBound...].range(of: close) { commentEnd = r.upperBound; break }
        }
        let length = text.utf8.distance(from: openerStart, to: commentEnd)
        return SuppressionComment(kind: kind, rules: rules, line: line, column: column, length: length)
    }

    /// Whether this line holds only a directive comment (so a `disable-next-line` above it reaches further).
    static func isDirectiveOnly(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return openers.contains { trimmed.hasPrefix($0) } && parse(text, line: 0) != nil
    }
}

extension Substring {
    var trimmingTrailingBlanks: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
