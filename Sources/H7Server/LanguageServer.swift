import Foundation
internal import H7Lint
import H7LSP
import H7Model

/// `h7lint server`: checks the project of each open document with the same Checker `h7lint check`
/// runs, reading open documents from the editor's buffers, and answers diagnostics, code actions,
/// hovers and commands. Runs on its connection's queue only.
public final class LanguageServer: LanguageServerHandler, @unchecked Sendable {
    let knowledge: Knowledge
    let options: ServerOptions
    let connection: LSPConnection
    let cache: FactsCache?
    var documents = Documents()
    /// The last check of each project, by root path, most recent last.
    var projects: [CheckedProject] = []
    /// Files given diagnostics by the last publish of each project (to clear them when fixed).
    var published: [String: Set<String>] = [:]
    /// Bumped by each change of a document: a debounced check runs only if no later change came.
    var generations: [String: Int] = [:]
    /// Documents changed since their project was last checked.
    var stale: Set<String> = []

    public init(knowledge: Knowledge, options: ServerOptions, connection: LSPConnection) {
        self.knowledge = knowledge
        self.options = options
        self.connection = connection
        cache = options.cacheDirectory.map { FactsCache(directory: $0) }
        connection.handler = self
    }

    /// What the server holds, for tests of its bounds under long sessions.
    public var holdings: (documents: Int, projects: Int, overlays: Int, pending: Int) {
        (documents.open.count, projects.count, FileOverlay.all.count, generations.count)
    }

    public func initialize(_ params: JSON?) throws -> JSON {
        .object([
            "capabilities": .object([
                // Full text on each change; open, close and save (with the text) are told.
                "textDocumentSync": .object(["openClose": .bool(true), "change": .number(1),
                                             "save": .object(["includeText": .bool(true)])]),
                "diagnosticProvider": .object(["interFileDependencies": .bool(true), "workspaceDiagnostics": .bool(false)]),
                "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
                "hoverProvider": .bool(true),
                "executeCommandProvider": .object(["commands": .array(ServerCommands.names.map(JSON.string))]),
            ]),
            "serverInfo": .object(["name": .string("h7lint"), "version": .string(H7LintVersion.current)]),
        ])
    }

    public func shutdown() {
        documents.closeAll()
        generations = [:]
    }

    // MARK: notifications

    public func notification(_ method: String, _ params: JSON?) {
        do {
            switch method {
            case "textDocument/didOpen":
                let p: DidOpenTextDocumentParams = try decode(params)
                guard let path = Documents.path(p.textDocument.uri) else { return }
                documents.set(path, uri: p.textDocument.uri, version: p.textDocument.version, text: DocumentText(p.textDocument.text))
                checkAndPublish(path)
            case "textDocument/didChange":
                let p: DidChangeTextDocumentParams = try decode(params)
                guard let path = Documents.path(p.textDocument.uri), var open = documents.open[path] else { return }
                for change in p.contentChanges { open.text.apply(change) }
                documents.set(path, uri: open.uri, version: p.textDocument.version, text: open.text)
                stale.insert(path)
                schedule(path)
            case "textDocument/didSave":
                let p: DidSaveTextDocumentParams = try decode(params)
                guard let path = Documents.path(p.textDocument.uri) else { return }
                if let text = p.text, let open = documents.open[path] {
                    documents.set(path, uri: open.uri, version: open.version, text: DocumentText(text))
                }
                generations[path] = nil
                checkAndPublish(path)
            case "textDocument/didClose":
                let p: DidCloseTextDocumentParams = try decode(params)
                guard let path = Documents.path(p.textDocument.uri) else { return }
                documents.close(path)
                generations[path] = nil
                checkAndPublish(path)  // the file on disk again
            default:
                break
            }
        } catch {
            log(1, "\(method): \(error)")
        }
    }

    /// Checks `path`'s project once the document has been quiet for the debounce time.
    func schedule(_ path: String) {
        let generation = (generations[path] ?? 0) + 1
        generations[path] = generation
        connection.queue.asyncAfter(deadline: .now() + options.debounce) { [weak self] in
            guard let self, self.generations[path] == generation else { return }
            self.generations[path] = nil
            self.checkAndPublish(path)
        }
    }

    // MARK: requests

    public func request(_ method: String, _ params: JSON?, id: RequestID) throws -> JSON {
        switch method {
        case "textDocument/diagnostic":
            let p: TextDocumentPositionless = try decode(params)
            let path = try documentPath(p.textDocument.uri)
            let items = diagnostics(for: path).map(\.1)
            return try JSON.from(FullDocumentDiagnosticReport(items: items))
        case "textDocument/codeAction":
            let p: CodeActionParams = try decode(params)
            let path = try documentPath(p.textDocument.uri)
            return try JSON.from(CodeActions.actions(in: path, range: p.range, server: self))
        case "textDocument/hover":
            let p: TextDocumentPositionParams = try decode(params)
            let path = try documentPath(p.textDocument.uri)
            guard let hover = Hovers.hover(in: path, at: p.position, server: self) else { return .null }
            return try JSON.from(hover)
        case "workspace/executeCommand":
            let p: ExecuteCommandParams = try decode(params)
            return try ServerCommands.run(p.command, p.arguments ?? [], server: self)
        default:
            throw ResponseError(.methodNotFound, "h7lint's server does not handle \(method)")
        }
    }

    func decode<T: Decodable>(_ params: JSON?) throws -> T {
        try (params ?? .object([:])).decode(T.self)
    }

    func documentPath(_ uri: String) throws -> String {
        guard let path = Documents.path(uri) else { throw ResponseError(.invalidParams, "\(uri): only file: URIs are checked") }
        return path
    }

    func log(_ type: Int, _ message: String) {
        connection.notify("window/logMessage", LogMessageParams(type: type, message: "h7lint: \(message)"))
    }
}

/// `textDocument/diagnostic`'s params (only the document is read).
struct TextDocumentPositionless: Codable { var textDocument: TextDocumentIdentifier }
