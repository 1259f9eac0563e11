import Foundation
import Yams

/// Turns YAML and decoding problems into one line with the place in the file.
enum YAMLProblem {
    /// The line a Yams error points at (1 when it names none).
    static func line(_ error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        case let .reader(_, offset, _, yaml):
            guard let offset else { return 1 }
            let prefix = yaml.utf8.prefix(offset)
            return prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        default: return 1
        }
    }

    /// The problem without Yams' snippet and marks.
    static func text(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
             let .composer(context, problem, _, _):
            let before = context.map { $0.text + ": " } ?? ""
            return before + problem
        case let .reader(problem, _, _, _): return problem
        default: return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }

    /// A key stated twice in one mapping is an error (YAML leaves it to the reader; h7lint will not guess).
    static func rejectDuplicateKeys(_ node: Node, fail: (Node?, String) -> H7Error) throws {
        if let mapping = node.mapping {
            var seen: [String: Int] = [:]
            for (key, value) in mapping {
                let name = key.string ?? ""
                if let first = seen[name] {
                    throw fail(key, "key '\(name)' given twice (first on line \(first))")
                }
                seen[name] = key.mark?.line ?? 1
                try rejectDuplicateKeys(value, fail: fail)
            }
        } else if let items = node.sequence {
            for item in items { try rejectDuplicateKeys(item, fail: fail) }
        }
    }

    /// The node a decoding path leads to, or the deepest one on the way.
    static func node(at path: [CodingKey], in root: Node) -> Node {
        var current = root
        for key in path {
            if let index = key.intValue, let items = current.sequence, index < items.count {
                current = Array(items)[index]
            } else if key.intValue == nil, let value = value(of: key.stringValue, in: current) {
                current = value
            } else {
                break
            }
        }
        return current
    }

    /// The value of `name` in a mapping node (by the key's text, whatever its tag).
    static func value(of name: String, in node: Node?) -> Node? {
        node?.mapping?.first { $0.key.string == name }?.value
    }

    /// The path and the problem of a decoding error, in the profile's own terms.
    static func describe(_ error: DecodingError) -> ([CodingKey], String) {
        func dotted(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = dotted(context.codingPath)
            return (context.codingPath, "missing key '\(key.stringValue)'" + (at.isEmpty ? "" : " in '\(at)'"))
        case .typeMismatch(let type, let context):
            return (context.codingPath, "'\(dotted(context.codingPath))' must be \(expected(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath, "'\(dotted(context.codingPath))' has no value (expected \(expected(type)))")
        case .dataCorrupted(let context):
            return (context.codingPath, "bad value at '\(dotted(context.codingPath))': \(context.debugDescription)")
        @unknown default:
            return ([], "\(error)")
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: return "a number"
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is String.Type: return "a text"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a \(name)"
        }
    }
}

extension YAMLProblem {
    /// Nodes a profile or config may expand to, aliases counted at each use: an alias bomb (each level
    /// doubling the one before) is refused before anything walks it.
    static let nodeLimit = 100_000

    /// Whether `node`, with its aliases expanded, stays within `limit` nodes (the walk stops at the limit).
    static func withinSize(_ node: Node, limit: Int = nodeLimit) -> Bool {
        var seen = 0
        func walk(_ node: Node) -> Bool {
            seen += 1
            if seen > limit { return false }
            if let mapping = node.mapping {
                for (key, value) in mapping { if !walk(key) || !walk(value) { return false } }
            } else if let sequence = node.sequence {
                for item in sequence { if !walk(item) { return false } }
            }
            return true
        }
        return walk(node)
    }
}
