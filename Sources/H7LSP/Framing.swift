/// Cuts a byte stream into JSON-RPC bodies: `Content-Length: N\r\n` (other headers ignored), a blank
/// line, N bytes. Bytes may arrive in any pieces.
public struct MessageFramer: Sendable {
    public enum Piece: Equatable, Sendable {
        case body([UInt8])
        /// A header block without a usable Content-Length: skipped, reported as a parse error.
        case badHeader(String)
    }

    private var buffer: [UInt8] = []
    private var expected: Int?
    /// A body larger than this is refused (a broken length would otherwise hold memory forever).
    public static let maxBody = 64 << 20

    public init() {}

    /// Bytes held while waiting for the rest of a message.
    public var pending: Int { buffer.count }

    public mutating func append(_ bytes: some Sequence<UInt8>) -> [Piece] {
        buffer.append(contentsOf: bytes)
        var pieces: [Piece] = []
        while true {
            if let length = expected {
                guard buffer.count >= length else { break }
                pieces.append(.body(Array(buffer[..<length])))
                buffer.removeFirst(length)
                expected = nil
                continue
            }
            guard let end = Self.headerEnd(buffer) else {
                if buffer.count > 64 << 10 {  // no header end in 64 KiB: not this protocol
                    buffer = []
                    pieces.append(.badHeader("no header end in 64 KiB"))
                }
                break
            }
            let header = String(decoding: buffer[..<end.start], as: UTF8.self)
            buffer.removeFirst(end.next)
            switch Self.contentLength(header) {
            case .some(let length) where length <= Self.maxBody: expected = length
            case .some(let length): pieces.append(.badHeader("Content-Length \(length) is over the limit"))
            case .none: pieces.append(.badHeader("no Content-Length in '\(header.prefix(80))'"))
            }
        }
        return pieces
    }

    /// The end of the header block: `\r\n\r\n` (or `\n\n` from lenient clients).
    static func headerEnd(_ bytes: [UInt8]) -> (start: Int, next: Int)? {
        var i = 0
        while i < bytes.count {
            if bytes[i] == 10 {
                if i + 1 < bytes.count, bytes[i + 1] == 10 { return (i, i + 2) }
                if i + 2 < bytes.count, bytes[i + 1] == 13, bytes[i + 2] == 10 { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    static func contentLength(_ header: String) -> Int? {
        for line in header.split(whereSeparator: { $0 == "\r" || $0 == "\n" }) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" else { continue }
            if let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 0 { return n }
        }
        return nil
    }

    /// One message as written on the wire.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

private extension Substring {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

private extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t"]
}
