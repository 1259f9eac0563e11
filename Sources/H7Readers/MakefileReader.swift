import Foundation
import H7Model

/// Reads a CubeMX-generated (or hand-edited) `Makefile`: `C_DEFS`, `C_INCLUDES`, `C_SOURCES`, `CFLAGS`
/// and the variables they reference, following `include`d makefiles. Conditionals (`ifeq`, `ifdef`, ...) are
/// evaluated with the makefile's own variables: the configuration is what `make` builds with no variables on
/// its command line, named after the conditionals that decided it.
public enum MakefileReader: BuildFileReader {
    public static func read(url: URL, projectRoot: URL) throws -> [BuildSettings] {
        let file = ProjectFile(url: url, projectRoot: projectRoot)
        let variables = try MakeVariables(makefile: file)

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
        try variables.checkWork()

        let deciding = variables.decidingConditionals(for: visited.union(sourceVisited).union(ldVisited))
        return [BuildSettings(
            origin: .makefile,
            file: file.display,
            configuration: deciding.isEmpty ? nil : "make defaults: " + deciding.map(\.description).joined(separator: "; "),
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
            let current = pending.map { FlagToken(text: $0.text + " " + token.text, line: $0.line, file: $0.file) } ?? token
            if hasOpenQuote(current.text) {
                pending = current
                continue
            }
            pending = nil
            let split = (try? ShellWords.split(current.text)) ?? [current.text]
            words += split.map { FlagToken(text: $0, line: current.line, file: current.file) }
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
