import Foundation
import H7LSP
import XCTest

/// A handler that answers `echo` and records notifications.
final class EchoHandler: LanguageServerHandler {
    var notifications: [String] = []
    var shutDown = false
    func initialize(_ params: JSON?) throws -> JSON { .object(["capabilities": .object([:])]) }
    func request(_ method: String, _ params: JSON?, id: RequestID) throws -> JSON {
        guard method == "echo" else { throw ResponseError(.methodNotFound, method) }
        return params ?? .null
    }
    func notification(_ method: String, _ params: JSON?) { notifications.append(method) }
    func shutdown() { shutDown = true }
}

/// Collects what the connection writes and reads it back as messages.
final class Wire: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func write(_ data: [UInt8]) { lock.lock(); bytes += data; lock.unlock() }
    /// Every message written so far, decoded.
    func messages() -> [JSON] {
        lock.lock(); let all = bytes; lock.unlock()
        var framer = MessageFramer()
        return framer.append(all).compactMap { piece in
            guard case .body(let body) = piece else { return nil }
            return try? JSONDecoder().decode(JSON.self, from: Data(body))
        }
    }
}

final class ProtocolTests: XCTestCase {
    var wire = Wire()
    var handler = EchoHandler()
    var connection: LSPConnection!

    override func setUp() {
        wire = Wire()
        handler = EchoHandler()
        let wire = self.wire
        connection = LSPConnection { wire.write($0) }
        connection.handler = handler
    }

    func frame(_ text: String) -> [UInt8] { MessageFramer.frame(Array(text.utf8)) }
    func send(_ text: String) { connection.receive(frame(text)); connection.queue.sync {} }
    func initialize() { send(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}"#) }
    func errorCode(_ message: JSON?) -> Int? { message?["error"]?["code"]?.int }

    func testFramingSplitAcrossReads() {
        var framer = MessageFramer()
        let wire = frame(#"{"a":1}"#) + frame(#"{"b":"é"}"#)
        var bodies: [String] = []
        for byte in wire {  // one byte a read
            for case .body(let body) in framer.append([byte]) { bodies.append(String(decoding: body, as: UTF8.self)) }
        }
        XCTAssertEqual(bodies, [#"{"a":1}"#, #"{"b":"é"}"#])
        XCTAssertEqual(framer.pending, 0)
    }

    func testHeaderWithoutLengthIsAParseErrorAndTheNextMessageStillWorks() {
        initialize()
        connection.receive(Array("Content-Type: x\r\n\r\n".utf8))
        send(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"x":1}}"#)
        let messages = wire.messages()
        XCTAssertEqual(errorCode(messages[1]), -32700)
        XCTAssertEqual(messages[2]["result"]?["x"]?.int, 1)
    }

    func testMalformedJSONIsParseError() {
        initialize()
        send(#"{"jsonrpc":"2.0","id":1,"method":"#)
        let last = wire.messages().last
        XCTAssertEqual(errorCode(last), -32700)
        XCTAssertEqual(last?["id"], .null)
    }

    func testNotAnObjectOrWrongVersionIsInvalidRequest() {
        initialize()
        send("[1,2]")
        send(#"{"jsonrpc":"1.0","id":5,"method":"echo"}"#)
        send(#"{"jsonrpc":"2.0","id":6,"method":42}"#)
        send(#"{"jsonrpc":"2.0","id":7,"method":"echo","params":3}"#)
        let errors = wire.messages().dropFirst().map { errorCode($0) }
        XCTAssertEqual(errors, [-32600, -32600, -32600, -32600])
        XCTAssertEqual(wire.messages()[2]["id"]?.int, 5)
    }

    func testUnknownMethodIsMethodNotFound() {
        initialize()
        send(#"{"jsonrpc":"2.0","id":"x","method":"textDocument/teleport"}"#)
        let last = wire.messages().last
        XCTAssertEqual(errorCode(last), -32601)
        XCTAssertEqual(last?["id"]?.string, "x")
    }

    func testRequestBeforeInitializeIsServerNotInitialized() {
        send(#"{"jsonrpc":"2.0","id":1,"method":"echo"}"#)
        send(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}"#)
        XCTAssertEqual(errorCode(wire.messages().last), -32002)
        XCTAssertEqual(handler.notifications, [], "notifications before initialize are dropped")
        initialize()
        send(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{}}"#)
        XCTAssertEqual(errorCode(wire.messages().last), -32600, "a second initialize")
    }

    func testAfterShutdownOnlyExit() {
        initialize()
        send(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
        XCTAssertTrue(handler.shutDown)
        send(#"{"jsonrpc":"2.0","id":2,"method":"echo"}"#)
        send(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}"#)
        XCTAssertEqual(errorCode(wire.messages().last), -32600)
        XCTAssertEqual(handler.notifications, [])
        XCTAssertTrue(connection.receive(frame(#"{"jsonrpc":"2.0","method":"exit"}"#)))
    }

    func testExitCodes() throws {
        for (script, code) in [([#"{"jsonrpc":"2.0","id":0,"method":"initialize"}"#, #"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#,
                                 #"{"jsonrpc":"2.0","method":"exit"}"#], Int32(0)),
                               ([#"{"jsonrpc":"2.0","method":"exit"}"#], 1), ([], 1)] {
            setUp()
            let pipe = Pipe()
            pipe.fileHandleForWriting.write(Data(script.flatMap(frame)))
            try pipe.fileHandleForWriting.close()
            XCTAssertEqual(connection.run(input: pipe.fileHandleForReading.fileDescriptor), code, "\(script)")
        }
    }

    func testCancelledRequestIsAnsweredWithRequestCancelled() {
        initialize()
        // Hold the queue so both messages arrive before the request runs.
        let gate = DispatchSemaphore(value: 0)
        connection.queue.async { gate.wait() }
        connection.receive(frame(#"{"jsonrpc":"2.0","id":9,"method":"echo"}"#)
                           + frame(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":9}}"#))
        gate.signal()
        connection.queue.sync {}
        XCTAssertEqual(errorCode(wire.messages().last), -32800)
        XCTAssertEqual(connection.cancelMarks, 0)
    }

    func testNotificationsAndResponsesFromTheClientAreNotAnswered() {
        initialize()
        send(#"{"jsonrpc":"2.0","method":"custom/thing","params":{}}"#)
        send(#"{"jsonrpc":"2.0","id":3,"result":null}"#)
        send(#"{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}"#)
        XCTAssertEqual(wire.messages().count, 1)
        XCTAssertEqual(handler.notifications, ["custom/thing"])
    }

    func testDocumentTextAppliesRangeChangesInUTF16() {
        var text = DocumentText("a😀b\nline two\n")
        text.apply(TextDocumentContentChangeEvent(range: LSPRange(start: Position(line: 0, character: 3), end: Position(line: 0, character: 4)), text: "B"))
        text.apply(TextDocumentContentChangeEvent(range: LSPRange(start: Position(line: 1, character: 5), end: Position(line: 1, character: 99)), text: "2"))
        XCTAssertEqual(text.text, "a😀B\nline 2\n")
        XCTAssertEqual(DocumentText.character(utf8Column: 6, in: "a😀b"), 3)
    }

    func testRandomBytesNeverCrash() {
        initialize()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            connection.receive(Array("Content-Length: \(bytes.count)\r\n\r\n".utf8) + bytes)
        }
        send(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]}"#)
        XCTAssertEqual(wire.messages().last?["result"], .array([.number(1)]))
    }
}
