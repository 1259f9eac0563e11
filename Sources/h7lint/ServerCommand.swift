import ArgumentParser
import Foundation
import H7Lint
import H7LSP
import H7Model
import H7Server

/// `h7lint server`: a Language Server Protocol server on standard input and output (docs/editors.md).
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run as a language server (LSP 3.17 over stdio): live diagnostics, fixes, hovers (docs/editors.md).")

    @Option(help: "Board id or a board profile file, for every project (default: each project's own).") var board: String?
    @Option(help: "HAL/CMSIS headers: 'stand-in' (the default) or 'project'.") var headers: String = "stand-in"
    @Flag(help: "Parse everything again on each check instead of reusing cached parse results.") var noCache = false
    @Option(help: "Where parse results are cached (default as for check).") var cacheDir: String?
    @Option(help: "Milliseconds between the last change of a buffer and its check.") var debounceMs: Int = 200
    @Flag(help: "Accepted for editors that pass it (the server always talks on standard input and output).") var stdio = false

    func run() throws {
        let code = try CommandSupport.guarded {
            guard HeaderMode(rawValue: headers) != nil else {
                throw H7Error.usage("--headers must be project or stand-in, not '\(headers)'")
            }
            guard (0...10_000).contains(debounceMs) else { throw H7Error.usage("--debounce-ms must be 0 to 10000") }
            let knowledge = try CommandSupport.loadKnowledge()
            try ClangLibrary.require()
            let cache = noCache ? nil : cacheDir.map { URL(fileURLWithPath: $0) } ?? FactsCache.defaultDirectory
            var options = ServerOptions(board: board, headers: headers, cacheDirectory: cache)
            options.debounce = Double(debounceMs) / 1000
            // Standard output carries the protocol only: nothing else may print there.
            let connection = LSPConnection(write: descriptorWriter(STDOUT_FILENO))
            let server = LanguageServer(knowledge: knowledge, options: options, connection: connection)
            return withExtendedLifetime(server) { connection.run(input: STDIN_FILENO) }
        }
        throw ExitCode(code)
    }
}
