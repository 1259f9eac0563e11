/// Evaluates the CMake generator expressions a CubeMX project uses (`$<$<CONFIG:Debug>:DEBUG>`,
/// `$<NOT:...>`, `$<AND:...>`, `$<OR:...>`, `$<BOOL:...>`, `$<COMPILE_LANGUAGE:C>`,
/// `$<BUILD_INTERFACE:...>`) for one configuration, compiling C.
enum GeneratorExpression {
    private static let maxDepth = 32

    /// `text` with every `$<...>` replaced by its value for `configuration` (nil: none known);
    /// nil when it uses an expression this evaluator does not know.
    static func evaluate(_ text: String, configuration: String?) -> String? {
        guard text.contains("$<") else { return text }
        return evaluate(Array(text)[...], configuration: configuration, depth: 0)
    }

    /// Configuration names named in `$<CONFIG:a,b>` expressions.
    static func configurations(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "$<CONFIG:") {
            rest = rest[range.upperBound...]
            let end = rest.firstIndex(where: { $0 == ">" || $0 == "$" }) ?? rest.endIndex
            names += rest[..<end].split(separator: ",").map { String($0) }
            rest = rest[end...]
        }
        return names
    }

    private static func evaluate(_ chars: ArraySlice<Character>, configuration: String?, depth: Int) -> String? {
        guard depth < maxDepth else { return nil }
        var out = ""
        var index = chars.startIndex
        while index < chars.endIndex {
            if chars[index] == "$", index + 1 < chars.endIndex, chars[index + 1] == "<" {
                guard let close = closing(chars, from: index) else { return nil }
                guard let value = content(chars[(index + 2)..<close], configuration: configuration, depth: depth + 1) else {
                    return nil
                }
                out += value
                index = close + 1
            } else {
                out.append(chars[index])
                index += 1
            }
        }
        return out
    }

    /// Index of the `>` that closes the `$<` at `start`.
    private static func closing(_ chars: ArraySlice<Character>, from start: Int) -> Int? {
        var level = 0
        var index = start
        while index < chars.endIndex {
            if chars[index] == "$", index + 1 < chars.endIndex, chars[index + 1] == "<" {
                level += 1
                index += 2
                continue
            }
            if chars[index] == ">" {
                level -= 1
                if level == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// Splits at `separator` characters that are not inside a nested `$<...>`.
    private static func splitTopLevel(_ chars: ArraySlice<Character>, on separator: Character,
                                      maxSplits: Int = .max) -> [ArraySlice<Character>] {
        var parts: [ArraySlice<Character>] = []
        var level = 0
        var start = chars.startIndex
        var index = chars.startIndex
        while index < chars.endIndex {
            if chars[index] == "$", index + 1 < chars.endIndex, chars[index + 1] == "<" {
                level += 1
                index += 2
                continue
            }
            if chars[index] == ">", level > 0 { level -= 1 }
            if chars[index] == separator, level == 0, parts.count < maxSplits {
                parts.append(chars[start..<index])
                start = index + 1
            }
            index += 1
        }
        parts.append(chars[start..<chars.endIndex])
        return parts
    }

    private static func content(_ chars: ArraySlice<Character>, configuration: String?, depth: Int) -> String? {
        let parts = splitTopLevel(chars, on: ":", maxSplits: 1)
        guard let head = evaluate(parts[0], configuration: configuration, depth: depth) else { return nil }
        let tail = parts.count > 1 ? parts[1] : nil
        func evaluatedTail() -> String? {
            guard let tail else { return "" }
            return evaluate(tail, configuration: configuration, depth: depth)
        }
        func conditions() -> [String]? {
            guard let tail else { return nil }
            var values: [String] = []
            for part in splitTopLevel(tail, on: ",") {
                guard let value = evaluate(part, configuration: configuration, depth: depth),
                      value == "0" || value == "1" else { return nil }
                values.append(value)
            }
            return values
        }
        switch head {
        case "0": return ""
        case "1": return evaluatedTail()
        case "CONFIG":
            guard tail != nil else { return configuration ?? "" }
            guard let list = evaluatedTail(), let configuration else { return "0" }
            let match = list.split(separator: ",").contains { $0.lowercased() == configuration.lowercased() }
            return match ? "1" : "0"
        case "NOT":
            switch evaluatedTail() {
            case "0": return "1"
            case "1": return "0"
            default: return nil
            }
        case "AND": return conditions().map { $0.allSatisfy { $0 == "1" } ? "1" : "0" }
        case "OR": return conditions().map { $0.contains("1") ? "1" : "0" }
        case "BOOL":
            guard let value = evaluatedTail()?.uppercased() else { return nil }
            let falsy = ["", "0", "FALSE", "OFF", "N", "NO", "IGNORE", "NOTFOUND"]
            return falsy.contains(value) || value.hasSuffix("-NOTFOUND") ? "0" : "1"
        case "COMPILE_LANGUAGE":
            guard tail != nil else { return "C" }
            guard let list = evaluatedTail() else { return nil }
            return list.split(separator: ",").contains("C") ? "1" : "0"
        case "BUILD_INTERFACE", "BUILD_LOCAL_INTERFACE": return evaluatedTail()
        case "INSTALL_INTERFACE": return ""
        case "SEMICOLON": return ";"
        case "COMMA": return ","
        case "ANGLE-R": return ">"
        default: return nil
        }
    }
}
