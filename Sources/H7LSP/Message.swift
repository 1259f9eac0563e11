import Foundation

/// A request id: a number or a string (JSON-RPC 2.0).
public enum RequestID: Codable, Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case string(String)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        }
    }

    init?(_ json: JSON) {
        if let n = json.int { self = .number(n) } else if let s = json.string { self = .string(s) } else { return nil }
    }

    public var description: String {
        switch self {
        case .number(let n): "\(n)"
        case .string(let s): "\"\(s)\""
        }
    }
}

/// One message read from the client.
public enum IncomingMessage: Equatable, Sendable {
    case request(id: RequestID, method: String, params: JSON?)
    case notification(method: String, params: JSON?)
    /// A response to a request of the server's (none are sent that need an answer: ignored).
    case response(id: RequestID?)
    /// Not JSON-RPC: answered with this error (`id` when one could be read, else null).
    case invalid(id: RequestID?, error: ResponseError)

    /// Reads one body. Never throws: what cannot be read becomes `.invalid`.
    public static func parse(_ body: [UInt8]) -> IncomingMessage {
        guard let json = try? JSONDecoder().decode(JSON.self, from: Data(body)) else {
            return .invalid(id: nil, error: ResponseError(.parseError, "the message is not JSON"))
        }
        guard case .object(let object) = json else {
            // Batches are not part of LSP.
            return .invalid(id: nil, error: ResponseError(.invalidRequest, "a message must be a JSON object"))
        }
        let rawID = object["id"]
        let id = rawID.flatMap(RequestID.init)
        guard object["jsonrpc"]?.string == "2.0" else {
            return .invalid(id: id, error: ResponseError(.invalidRequest, "jsonrpc must be \"2.0\""))
        }
        if rawID != nil, rawID != .null, id == nil {
            return .invalid(id: nil, error: ResponseError(.invalidRequest, "id must be a number or a string"))
        }
        guard let methodValue = object["method"] else {
            if object["result"] != nil || object["error"] != nil { return .response(id: id) }
            return .invalid(id: id, error: ResponseError(.invalidRequest, "no method"))
        }
        guard let method = methodValue.string else {
            return .invalid(id: id, error: ResponseError(.invalidRequest, "method must be a string"))
        }
        let params = object["params"]
        if let params, params != .null {
            switch params {
            case .object, .array: break
            default: return .invalid(id: id, error: ResponseError(.invalidRequest, "params must be an object or an array"))
            }
        }
        if let id { return .request(id: id, method: method, params: params) }
        return .notification(method: method, params: params)
    }
}

/// What the server writes.
enum OutgoingMessage {
    static func response(id: RequestID?, result: JSON) -> [UInt8] {
        encode(["jsonrpc": .string("2.0"), "id": id.map(json) ?? .null, "result": result])
    }

    static func error(id: RequestID?, _ error: ResponseError) -> [UInt8] {
        encode(["jsonrpc": .string("2.0"), "id": id.map(json) ?? .null,
                "error": .object(["code": .number(Double(error.code)), "message": .string(error.message)])])
    }

    static func notification(method: String, params: JSON) -> [UInt8] {
        encode(["jsonrpc": .string("2.0"), "method": .string(method), "params": params])
    }

    static func json(_ id: RequestID) -> JSON {
        switch id {
        case .number(let n): .number(Double(n))
        case .string(let s): .string(s)
        }
    }

    static func encode(_ object: [String: JSON]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return MessageFramer.frame([UInt8]((try? encoder.encode(JSON.object(object))) ?? Data("{}".utf8)))
    }
}
