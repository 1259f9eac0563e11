import Foundation
import H7Model

/// Reads a CubeMX-generated (or hand-edited) `Makefile`: `C_DEFS`, `C_INCLUDES`, `C_SOURCES`, `CFLAGS`
/// and the variables they reference. Conditionals (`ifeq`) are not evaluated: every branch counts.
public enum MakefileReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let text = try InputFile.text(of: url, display: file.display)
        let variables = MakeVariables(lines: MakeLine.split(text))

        var visited = Set<String>()
        var flagTokens = variables.expand(name: "CFLAGS", visited: &visited)
        for fallback in ["C_DEFS", "C_INCLUDES"] where !visited.contains(fallback) {
            flagTokens += variables.expand(name: fallback, visited: &visited)
        }
        let flags = CompilerFlags.scan(shellWords(flagTokens))

        var sourceVisited = Set<String>()
        let sources = variables.expand(name: "C_SOURCES", visited: &sourceVisited)
            .map(\.text)
            .filter { !$0.contains("$") && !$0.contains("%") && !$0.contains("*") }
            .map { PathText.resolve($0, against: file.directory) }

        var ldVisited = Set<String>()
        let linkerScript = variables.expand(name: "LDSCRIPT", visited: &ldVisited).first?.text

        return [BuildSettings(
            origin: .makefile,
            file: file.display,
            core: CoreDetection.detect(defines: flags.defines, paths: [file.display]),
            defines: flags.defines,
            includePaths: flags.includes.map { PathText.resolve($0.text, against: file.directory) },
            sources: sources,
            partName: linkerScript.flatMap(partName(fromLinkerScript:)))]
    }

    /// Make hands flags to the shell, so quotes group and escape them: `-I "../My Inc"`, `'-DNAME="x"'`.
    /// Tokens are joined while a quote is open, then split like the shell does.
    static func shellWords(_ tokens: [FlagToken]) -> [FlagToken] {
        var words: [FlagToken] = []
        var pending: FlagToken?
        for token in tokens {
            let current = pending.map { FlagToken(text: $0.text + " " + token.text, line: $0.line) } ?? token
            if hasOpenQuote(current.text) {
                pending = current
                continue
            }
            pending = nil
            let split = (try? ShellWords.split(current.text)) ?? [current.text]
            words += split.map { FlagToken(text: $0, line: current.line) }
        }
        if let pending { words.append(pending) }
        return words
    }

    private static func hasOpenQuote(_ text: String) -> Bool {
        var quote: Character?
        var escaped = false
        for char in text {
            if escaped { escaped = false; continue }
            if char == "\\" && quote != "'" { escaped = true; continue }
            if let open = quote {
                if char == open { quote = nil }
            } else if char == "\"" || char == "'" {
                quote = char
            }
        }
        return quote != nil
    }

    /// `STM32H743ZITx_FLASH.ld` → `STM32H743ZITx`; device-level names (`stm32h745xx_flash_CM7.ld`) give nil.
    static func partName(fromLinkerScript path: String) -> String? {
        let base = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
        guard let stem = base.split(separator: "_").first.map(String.init),
              stem.uppercased().hasPrefix("STM32H7"), stem.count >= 12,
              !stem.lowercased().hasSuffix("xx") else { return nil }
        return stem
    }
}

/// Make variables as token lists (each token keeps its line), with `=`, `:=`, `+=`, `?=`.
struct MakeVariables {
    private var values: [String: [FlagToken]] = [:]

    init(lines: [MakeLine]) {
        var afterRule = false
        for raw in lines {
            if raw.startsWithTab && afterRule { continue }
            let line = raw.withoutComment()
            if line.isBlank { continue }
            switch MakeStatement.classify(line) {
            case .assignment(let name, let op, let valueStart):
                afterRule = false
                let tokens = line.tokens(from: valueStart)
                switch op {
                case "+=": values[name, default: []] += tokens
                case "?=": if values[name] == nil { values[name] = tokens }
                case "!=": values[name] = []
                default: values[name] = tokens
                }
            case .rule:
                afterRule = true
            case .other:
                afterRule = false
            }
        }
    }

    /// The tokens of `name` with `$(VAR)`/`${VAR}` references expanded; whole-token references keep
    /// the referenced tokens' own lines. Unknown variables and function calls expand to nothing.
    func expand(name: String, visited: inout Set<String>, depth: Int = 0) -> [FlagToken] {
        guard depth < 32, let tokens = values[name] else { return [] }
        visited.insert(name)
        var result: [FlagToken] = []
        for token in tokens {
            if let reference = Self.wholeReference(token.text) {
                result += expand(name: reference, visited: &visited, depth: depth + 1)
            } else if token.text.contains("$") {
                let text = expandText(token.text, visited: &visited, depth: depth + 1)
                result += text.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    .map { FlagToken(text: String($0), line: token.line) }
            } else {
                result.append(token)
            }
        }
        return result
    }

    /// `$(NAME)` or `${NAME}` when that is the whole token and NAME is a plain variable name.
    private static func wholeReference(_ text: String) -> String? {
        guard text.count > 3, text.hasPrefix("$(") && text.hasSuffix(")") || text.hasPrefix("${") && text.hasSuffix("}") else {
            return nil
        }
        let inner = text.dropFirst(2).dropLast()
        guard !inner.isEmpty, inner.allSatisfy({ !" \t:$(){}=,".contains($0) }) else { return nil }
        return String(inner)
    }

    /// Textual expansion of references inside a token (`-I$(ROOT)/Inc`).
    private func expandText(_ text: String, visited: inout Set<String>, depth: Int) -> String {
        var out = ""
        var chars = Substring(text)
        while let dollar = chars.firstIndex(of: "$") {
            out += chars[..<dollar]
            let afterDollar = chars.index(after: dollar)
            guard afterDollar < chars.endIndex else { out += "$"; chars = chars[afterDollar...]; break }
            let opener = chars[afterDollar]
            guard opener == "(" || opener == "{" else {
                chars = chars[chars.index(after: afterDollar)...]
                continue
            }
            let closer: Character = opener == "(" ? ")" : "}"
            var level = 0
            var end = afterDollar
            while end < chars.endIndex {
                if chars[end] == opener { level += 1 }
                if chars[end] == closer { level -= 1; if level == 0 { break } }
                end = chars.index(after: end)
            }
            guard end < chars.endIndex else { break }
            let inner = String(chars[chars.index(after: afterDollar)..<end])
            if let name = Self.wholeReference("$(\(inner))") {
                out += expand(name: name, visited: &visited, depth: depth).map(\.text).joined(separator: " ")
            }
            chars = chars[chars.index(after: end)...]
        }
        out += chars
        return out
    }
}
