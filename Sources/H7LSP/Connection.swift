import Foundation

/// What a language server answers; everything runs on the connection's one work queue, in arrival order.
public protocol LanguageServerHandler: AnyObject {
    /// `initialize`: the InitializeResult (capabilities, serverInfo).
    func initialize(_ params: JSON?) throws -> JSON
    /// Any other request. Throw `ResponseError(.methodNotFound, ...)` for methods not handled.
    func request(_ method: String, _ params: JSON?, id: RequestID) throws -> JSON
    /// Any other notification (unknown ones are ignored).
    func notification(_ method: String, _ params: JSON?)
    /// `shutdown`: stop background work.
    func shutdown()
}

/// JSON-RPC 2.0 over a byte stream with LSP's life cycle: nothing but `initialize` before it,
/// nothing but `exit` after `shutdown`, `$/cancelRequest` for requests still waiting.
public final class LSPConnection: @unchecked Sendable {
    enum State { case waiting, running, shutDown, exited }

    private let writeBytes: @Sendable ([UInt8]) -> Void
    private let writeLock = NSLock()
    /// The handler and the state live on this queue.
    public let queue = DispatchQueue(label: "h7lint.lsp")
    public weak var handler: LanguageServerHandler?
    private var state = State.waiting
    private var framer = MessageFramer()
    private let cancelLock = NSLock()
    private var cancelled: Set<RequestID> = []

    /// `write` gets each framed message (a whole message per call).
    public init(write: @escaping @Sendable ([UInt8]) -> Void) {
        writeBytes = write
    }

    // MARK: reading

    /// Feeds bytes from the client (any split). Returns true once `exit` has been read.
    @discardableResult
    public func receive(_ bytes: [UInt8]) -> Bool {
        var sawExit = false
        for piece in framer.append(bytes) {
            switch piece {
            case .badHeader(let why):
                send(OutgoingMessage.error(id: nil, ResponseError(.parseError, "bad message header: \(why)")))
            case .body(let body):
                let message = IncomingMessage.parse(body)
                if case .notification("$/cancelRequest", let params) = message {
                    if let id = params?["id"].flatMap(RequestID.init) { markCancelled(id) }
                    continue
                }
                if case .notification("exit", _) = message { sawExit = true }
                queue.async { self.handle(message) }
            }
        }
        if sawExit { queue.sync {} }
        return sawExit
    }

    /// Reads `descriptor` until `exit` or end of input. Returns the process exit code: 0 after
    /// `shutdown` then `exit`, 1 otherwise (as LSP says).
    public func run(input descriptor: Int32) -> Int32 {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            if receive(Array(buffer[..<count])) { break }
        }
        return queue.sync { state == .exited && didShutDown ? 0 : 1 }
    }

    private var didShutDown = false

    // MARK: dispatch (on `queue`)

    func handle(_ message: IncomingMessage) {
        switch message {
        case .invalid(let id, let error):
            send(OutgoingMessage.error(id: id, error))
        case .response:
            break
        case .notification(let method, let params):
            if method == "exit" { state = .exited; return }
            guard state == .running else { return }  // before initialize or after shutdown: dropped
            if method == "initialized" || method.hasPrefix("$/") { return }
            handler?.notification(method, params)
        case .request(let id, let method, let params):
            if takeCancelled(id) {
                send(OutgoingMessage.error(id: id, ResponseError(.requestCancelled, "cancelled")))
                return
            }
            send(answer(id: id, method: method, params: params))
        }
    }

    private func answer(id: RequestID, method: String, params: JSON?) -> [UInt8] {
        do {
            switch (state, method) {
            case (.waiting, "initialize"):
                guard let handler else { throw ResponseError(.internalError, "no handler") }
                let result = try handler.initialize(params)
                state = .running
                return OutgoingMessage.response(id: id, result: result)
            case (.waiting, _):
                throw ResponseError(.serverNotInitialized, "\(method) before initialize")
            case (_, "initialize"):
                throw ResponseError(.invalidRequest, "initialize was already received")
            case (.shutDown, _), (.exited, _):
                throw ResponseError(.invalidRequest, "\(method) after shutdown")
            case (.running, "shutdown"):
                handler?.shutdown()
                state = .shutDown
                didShutDown = true
                return OutgoingMessage.response(id: id, result: .null)
            case (.running, _):
                guard let handler else { throw ResponseError(.internalError, "no handler") }
                let result = try handler.request(method, params, id: id)
                if takeCancelled(id) { throw ResponseError(.requestCancelled, "cancelled") }
                return OutgoingMessage.response(id: id, result: result)
            }
        } catch let error as ResponseError {
            return OutgoingMessage.error(id: id, error)
        } catch {
            return OutgoingMessage.error(id: id, ResponseError(.internalError, "\(error)"))
        }
    }

    // MARK: cancellation

    private func markCancelled(_ id: RequestID) {
        cancelLock.lock()
        if cancelled.count < 1000 { cancelled.insert(id) }  // ids of finished requests must not pile up
        cancelLock.unlock()
    }

    private func takeCancelled(_ id: RequestID) -> Bool {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        return cancelled.remove(id) != nil
    }

    /// Whether the client cancelled `id` (handlers may stop early and throw RequestCancelled).
    public func isCancelled(_ id: RequestID) -> Bool {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        return cancelled.contains(id)
    }

    /// Cancel marks held (for tests of boundedness).
    public var cancelMarks: Int {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        return cancelled.count
    }

    // MARK: writing

    /// A notification from the server (`textDocument/publishDiagnostics`, `window/logMessage`).
    public func notify<T: Encodable>(_ method: String, _ params: T) {
        send(OutgoingMessage.notification(method: method, params: (try? JSON.from(params)) ?? .null))
    }

    private func send(_ bytes: [UInt8]) {
        writeLock.lock()
        writeBytes(bytes)
        writeLock.unlock()
    }
}

/// Writes framed messages to a file descriptor (standard output), retrying short writes.
public func descriptorWriter(_ descriptor: Int32) -> @Sendable ([UInt8]) -> Void {
    return { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
