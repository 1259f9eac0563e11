// The LSP 3.17 structures h7lint's server uses (field names as the specification spells them).

public struct Position: Codable, Hashable, Sendable {
    /// Zero-based line and UTF-16 character offset.
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) { self.line = line; self.character = character }
}

/// LSP's `Range` (named so that it does not hide Swift's).
public struct LSPRange: Codable, Hashable, Sendable {
    public var start: Position
    public var end: Position
    public init(start: Position, end: Position) { self.start = start; self.end = end }
}

public struct Location: Codable, Hashable, Sendable {
    public var uri: String
    public var range: LSPRange
    public init(uri: String, range: LSPRange) { self.uri = uri; self.range = range }
}

public struct CodeDescription: Codable, Hashable, Sendable {
    public var href: String
    public init(href: String) { self.href = href }
}

public struct DiagnosticRelatedInformation: Codable, Hashable, Sendable {
    public var location: Location
    public var message: String
    public init(location: Location, message: String) { self.location = location; self.message = message }
}

public struct Diagnostic: Codable, Hashable, Sendable {
    public var range: LSPRange
    /// 1 error, 2 warning, 3 information, 4 hint.
    public var severity: Int?
    public var code: String?
    public var codeDescription: CodeDescription?
    public var source: String?
    public var message: String
    public var relatedInformation: [DiagnosticRelatedInformation]?
    public init(range: LSPRange, severity: Int?, code: String?, codeDescription: CodeDescription?, source: String?,
                message: String, relatedInformation: [DiagnosticRelatedInformation]?) {
        self.range = range
        self.severity = severity
        self.code = code
        self.codeDescription = codeDescription
        self.source = source
        self.message = message
        self.relatedInformation = relatedInformation
    }
}

public struct PublishDiagnosticsParams: Codable, Sendable {
    public var uri: String
    public var version: Int?
    public var diagnostics: [Diagnostic]
    public init(uri: String, version: Int?, diagnostics: [Diagnostic]) {
        self.uri = uri
        self.version = version
        self.diagnostics = diagnostics
    }
}

/// `textDocument/diagnostic`'s answer (kind "full").
public struct FullDocumentDiagnosticReport: Codable, Sendable {
    public var kind = "full"
    public var items: [Diagnostic]
    public init(items: [Diagnostic]) { self.items = items }
}

public struct TextDocumentIdentifier: Codable, Sendable { public var uri: String }

public struct TextDocumentItem: Codable, Sendable {
    public var uri: String
    public var languageId: String?
    public var version: Int?
    public var text: String
}

public struct VersionedTextDocumentIdentifier: Codable, Sendable {
    public var uri: String
    public var version: Int?
}

public struct TextDocumentContentChangeEvent: Codable, Sendable {
    /// Absent: `text` is the whole document.
    public var range: LSPRange?
    public var text: String
    public init(range: LSPRange?, text: String) { self.range = range; self.text = text }
}

public struct DidOpenTextDocumentParams: Codable, Sendable { public var textDocument: TextDocumentItem }
public struct DidChangeTextDocumentParams: Codable, Sendable {
    public var textDocument: VersionedTextDocumentIdentifier
    public var contentChanges: [TextDocumentContentChangeEvent]
}
public struct DidSaveTextDocumentParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var text: String?
}
public struct DidCloseTextDocumentParams: Codable, Sendable { public var textDocument: TextDocumentIdentifier }

public struct TextDocumentPositionParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
}

public struct CodeActionParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange
}

public struct TextEdit: Codable, Hashable, Sendable {
    public var range: LSPRange
    public var newText: String
    public init(range: LSPRange, newText: String) { self.range = range; self.newText = newText }
}

public struct WorkspaceEdit: Codable, Hashable, Sendable {
    /// Edits by document URI.
    public var changes: [String: [TextEdit]]
    public init(changes: [String: [TextEdit]]) { self.changes = changes }
}

public struct CodeAction: Codable, Hashable, Sendable {
    public var title: String
    /// "quickfix".
    public var kind: String?
    public var diagnostics: [Diagnostic]?
    public var isPreferred: Bool?
    public var edit: WorkspaceEdit?
    public init(title: String, kind: String?, diagnostics: [Diagnostic]?, isPreferred: Bool?, edit: WorkspaceEdit?) {
        self.title = title
        self.kind = kind
        self.diagnostics = diagnostics
        self.isPreferred = isPreferred
        self.edit = edit
    }
}

public struct MarkupContent: Codable, Hashable, Sendable {
    /// "plaintext" or "markdown".
    public var kind: String
    public var value: String
    public init(kind: String, value: String) { self.kind = kind; self.value = value }
}

public struct Hover: Codable, Hashable, Sendable {
    public var contents: MarkupContent
    public var range: LSPRange?
    public init(contents: MarkupContent, range: LSPRange?) { self.contents = contents; self.range = range }
}

public struct ExecuteCommandParams: Codable, Sendable {
    public var command: String
    public var arguments: [JSON]?
}

public struct LogMessageParams: Codable, Sendable {
    /// 1 error, 2 warning, 3 info, 4 log.
    public var type: Int
    public var message: String
    public init(type: Int, message: String) { self.type = type; self.message = message }
}
