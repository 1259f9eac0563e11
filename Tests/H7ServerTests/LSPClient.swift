import Foundation
import H7LSP
import XCTest

/// A scripted LSP client driving the built `h7lint server` over pipes. Each request waits for its
/// response; the server handles messages in order, so notifications sent before it have been handled.
final class LSPClient {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The built h7lint executable, next to the test bundle.
    static var executable: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("h7lint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = repository.appendingPathComponent(".build/debug/h7lint")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    let wire = Wire()
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private var nextID = 1
    let cacheDirectory: URL

    /// `debounce`: long by default, so that only explicit checks (open, save, pull) run.
    init(debounceMs: Int = 3_600_000) throws {
        guard let executable = Self.executable else { throw XCTSkip("h7lint is not built") }
        cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-lsp-test-\(UUID().uuidString)")
        process.executableURL = executable
        process.arguments = ["server", "--cache-dir", cacheDirectory.path, "--debounce-ms", "\(min(debounceMs, 10_000))"]
        var environment = ProcessInfo.processInfo.environment
        environment["H7LINT_RULES"] = Self.repository.appendingPathComponent("Rules").path
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let wire = self.wire
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil; wire.close() } else { wire.write([UInt8](data)) }
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: cacheDirectory)
    }

    /// Closes the server's input and returns its exit status.
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func sendRaw(_ bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes))
    }

    func send(_ object: [String: JSON]) {
        var message = object
        message["jsonrpc"] = .string("2.0")
        sendRaw(MessageFramer.frame(Array((try! JSONEncoder().encode(JSON.object(message))))))
    }

    /// Sends a request and returns its response (the whole message: `result` or `error`).
    @discardableResult
    func request(_ method: String, _ params: JSON = .object([:])) -> JSON {
        let id = nextID
        nextID += 1
        send(["id": .number(Double(id)), "method": .string(method), "params": params])
        return wire.wait { $0["id"]?.int == id && $0["method"] == nil } ?? .null
    }

    func notify(_ method: String, _ params: JSON) {
        send(["method": .string(method), "params": params])
    }

    /// What the server holds (`h7lint.status`).
    func status() -> [String: Int] {
        guard case .object(let object)? = request("workspace/executeCommand", .object(["command": .string("h7lint.status")]))["result"] else { return [:] }
        return object.compactMapValues(\.int)
    }

    func initialize() {
        XCTAssertNotNil(request("initialize", .object(["capabilities": .object([:])]))["result"]?["capabilities"])
        notify("initialized", .object([:]))
    }

    static func uri(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString }

    func open(_ path: String, text: String? = nil) {
        let body = text ?? (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        notify("textDocument/didOpen", .object(["textDocument": .object([
            "uri": .string(Self.uri(path)), "languageId": .string("c"), "version": .number(1), "text": .string(body)])]))
    }

    func change(_ path: String, text: String, version: Int) {
        notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(Self.uri(path)), "version": .number(Double(version))]),
            "contentChanges": .array([.object(["text": .string(text)])])]))
    }

    /// Pull diagnostics of one document.
    func diagnostics(_ path: String) -> [JSON] {
        let response = request("textDocument/diagnostic", .object(["textDocument": .object(["uri": .string(Self.uri(path))])]))
        guard case .array(let items)? = response["result"]?["items"] else { return [] }
        return items
    }

    /// Waits until the server has handled everything sent so far (it answers in order).
    func sync() { _ = status() }

    /// The last diagnostics published for a document.
    func published(_ path: String) -> [JSON]? {
        sync()
        let uri = Self.uri(path)
        let last = wire.messages().last { $0["method"]?.string == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri }
        guard case .array(let items)? = last?["params"]?["diagnostics"] else { return nil }
        return items
    }

    static func position(_ line: Int, _ character: Int) -> JSON {
        .object(["line": .number(Double(line)), "character": .number(Double(character))])
    }

    /// `RULE line` for each diagnostic (0-based lines).
    static func summary(_ diagnostics: [JSON]) -> [String] {
        diagnostics.map { "\($0["code"]?.string ?? "-") \($0["range"]?["start"]?["line"]?.int ?? -1)" }.sorted()
    }

    /// A WorkspaceEdit's edits for one document, applied to `text`.
    static func apply(_ edit: JSON?, to text: String, uri: String) -> String {
        guard case .array(let edits)? = edit?["changes"]?[uri] else { return text }
        var document = DocumentText(text)
        let changes = edits.compactMap { e -> TextDocumentContentChangeEvent? in
            guard let range = try? e["range"]?.decode(LSPRange.self), let newText = e["newText"]?.string else { return nil }
            return TextDocumentContentChangeEvent(range: range, text: newText)
        }
        // Last first, so earlier positions stay valid.
        for change in changes.sorted(by: { ($0.range!.start.line, $0.range!.start.character) > ($1.range!.start.line, $1.range!.start.character) }) {
            document.apply(change)
        }
        return document.text
    }
}

/// Collects what the server writes; `wait` blocks until a message matches (or the server has gone).
final class Wire: @unchecked Sendable {
    private let condition = NSCondition()
    private var framer = MessageFramer()
    private var received: [JSON] = []
    private var closed = false

    func write(_ data: [UInt8]) {
        condition.lock()
        for case .body(let body) in framer.append(data) {
            received.append((try? JSONDecoder().decode(JSON.self, from: Data(body))) ?? .null)
        }
        condition.broadcast()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func messages() -> [JSON] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    /// The first message that matches; nil when the server closed its output without one (a crash)
    /// or after five minutes (a hang: fails the test instead of stopping the suite).
    func wait(for match: (JSON) -> Bool) -> JSON? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(300)
        while true {
            if let found = received.first(where: match) { return found }
            if closed || !condition.wait(until: deadline) { return nil }
        }
    }
}
