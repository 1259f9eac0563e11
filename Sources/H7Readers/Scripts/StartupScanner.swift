import Foundation
import H7Model

/// Reads a startup assembly file as text for its call of ExitRun0Mode (GCC `bl`, IAR/MDK `LDR R0, =`).
public enum StartupScanner {
    public static func exitRun0ModeCall(in url: URL, relative: String) -> SourceRange? {
        guard let data = FileOverlay.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var inBlockComment = false
        for (index, rawLine) in text.textLines.enumerated() {
            var line = Substring(rawLine)
            // Only a line that opens or closes a comment, or names the function, changes anything.
            guard line.hasText(inBlockComment ? "*/" : "/*") || mayName(line) else { continue }
            if inBlockComment {
                guard let end = find("*/", in: line) else { continue }
                line = line[line.utf8.index(end, offsetBy: 2)...]
                inBlockComment = false
            }
            let lineComment = ["@", ";", "//"].compactMap { find($0, in: line) }.min()
            if let cut = lineComment, find("/*", in: line).map({ cut < $0 }) ?? true {
                line = line[..<cut]
            }
            if let start = find("/*", in: line) {
                if let end = find("*/", in: line[line.utf8.index(start, offsetBy: 2)...]) {
                    line = line[..<start] + line[line.utf8.index(end, offsetBy: 2)...]
                } else {
                    line = line[..<start]
                    inBlockComment = true
                }
            }
            for marker in ["@", ";", "//"] { if let cut = find(marker, in: line) { line = line[..<cut] } }
            let tokens = line.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "=") }.map { $0.lowercased() }
            guard let position = tokens.firstIndex(where: { $0 == "exitrun0mode" || $0 == "=exitrun0mode" }) else { continue }
            let before = tokens[..<position]
            if before.contains("bl") || before.contains("blx") || before.contains("ldr") || before.contains("b") {
                let column = (find("ExitRun0Mode", in: line).map { line.distance(from: line.startIndex, to: $0) } ?? 0) + 1
                return SourceRange(file: relative, line: index + 1, column: column)
            }
        }
        return nil
    }

    /// Where `needle` starts in `line` (searched as bytes, not through NSString).
    private static func find(_ needle: String, in line: Substring) -> Substring.Index? {
        line.firstUTF8Offset(of: needle).map { line.utf8.index(line.startIndex, offsetBy: $0) }
    }

    private static let lowerName = Array("exitrun0mode".utf8)

    /// False only when the line cannot hold `ExitRun0Mode` in any case (bytes OR 0x20: upper-case ASCII letters
    /// fold to lower case; no other byte folds to a letter of the name).
    private static func mayName(_ line: Substring) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count >= lowerName.count else { return false }
            return (0...(bytes.count - lowerName.count)).contains { start in
                lowerName.indices.allSatisfy { bytes[start + $0] | 0x20 == lowerName[$0] }
            }
        } ?? true
    }
}
