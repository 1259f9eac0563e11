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
            if inBlockComment {
                guard let end = line.range(of: "*/") else { continue }
                line = line[end.upperBound...]
                inBlockComment = false
            }
            let lineComment = ["@", ";", "//"].compactMap { line.range(of: $0)?.lowerBound }.min()
            if let cut = lineComment, line.range(of: "/*").map({ cut < $0.lowerBound }) ?? true {
                line = line[..<cut]
            }
            if let start = line.range(of: "/*") {
                if let end = line[start.upperBound...].range(of: "*/") {
                    line = line[..<start.lowerBound] + line[end.upperBound...]
                } else {
                    line = line[..<start.lowerBound]
                    inBlockComment = true
                }
            }
            for marker in ["@", ";", "//"] { if let r = line.range(of: marker) { line = line[..<r.lowerBound] } }
            let tokens = line.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "=") }.map { $0.lowercased() }
            guard let position = tokens.firstIndex(where: { $0 == "exitrun0mode" || $0 == "=exitrun0mode" }) else { continue }
            let before = tokens[..<position]
            if before.contains("bl") || before.contains("blx") || before.contains("ldr") || before.contains("b") {
                let column = (line.range(of: "ExitRun0Mode").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0) + 1
                return SourceRange(file: relative, line: index + 1, column: column)
            }
        }
        return nil
    }
}
