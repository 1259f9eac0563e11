/// Evaluates a C constant expression given as tokens (`(PWR_CR3_LDOEN | 0x10U)`), with identifier
/// values from h7lint's table. Returns nil for anything it cannot evaluate exactly.
public struct TokenEvaluator {
    public let identifiers: [String: Int]

    public init(identifiers: [String: Int]) { self.identifiers = identifiers }

    public func evaluate(_ tokens: [String]) -> Int? {
        var parser = Parser(tokens: tokens.filter { !$0.isEmpty }, identifiers: identifiers)
        guard let value = parser.expression(0), parser.atEnd else { return nil }
        return value
    }

    private struct Parser {
        let tokens: [String]
        let identifiers: [String: Int]
        var index = 0

        var atEnd: Bool { index >= tokens.count }
        var peek: String? { index < tokens.count ? tokens[index] : nil }

        static let typeNames: Set<String> = ["uint32_t", "int32_t", "uint16_t", "uint8_t", "int", "unsigned",
                                             "long", "uint64_t", "signed", "short", "char"]

        static func precedence(_ op: String) -> Int? {
            switch op {
            case "|": 1
            case "^": 2
            case "&": 3
            case "<<", ">>": 4
            case "+", "-": 5
            case "*", "/", "%": 6
            default: nil
            }
        }

        mutating func expression(_ minPrecedence: Int) -> Int? {
            guard var left = unary() else { return nil }
            while let op = peek, let prec = Self.precedence(op), prec > minPrecedence {
                index += 1
                guard let right = expression(prec) else { return nil }
                switch op {
                case "|": left |= right
                case "^": left ^= right
                case "&": left &= right
                case "<<": guard right >= 0 && right < 63 else { return nil }; left <<= right
                case ">>": guard right >= 0 && right < 63 else { return nil }; left >>= right
                case "+": left = left &+ right
                case "-": left = left &- right
                case "*": left = left &* right
                case "/": guard right != 0 else { return nil }; left /= right
                case "%": guard right != 0 else { return nil }; left %= right
                default: return nil
                }
            }
            return left
        }

        mutating func unary() -> Int? {
            guard let token = peek else { return nil }
            switch token {
            case "~": index += 1; return unary().map { ~$0 & 0xFFFF_FFFF }
            case "-": index += 1; return unary().map { -$0 }
            case "+": index += 1; return unary()
            case "(":
                // A cast `(uint32_t)` or a parenthesised expression.
                var lookahead = index + 1
                while lookahead < tokens.count, Self.typeNames.contains(tokens[lookahead]) { lookahead += 1 }
                if lookahead > index + 1, lookahead < tokens.count, tokens[lookahead] == ")" {
                    index = lookahead + 1
                    return unary()
                }
                index += 1
                guard let value = expression(0), peek == ")" else { return nil }
                index += 1
                return value
            default:
                index += 1
                if let literal = Self.integer(token) { return literal }
                return identifiers[token]
            }
        }

        static func integer(_ token: String) -> Int? {
            var text = token.lowercased()
            while let last = text.last, last == "u" || last == "l" { text.removeLast() }
            if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
            if text.hasPrefix("0b") { return Int(text.dropFirst(2), radix: 2) }
            if text.count > 1, text.hasPrefix("0") { return Int(text.dropFirst(), radix: 8) }
            return Int(text)
        }
    }
}
