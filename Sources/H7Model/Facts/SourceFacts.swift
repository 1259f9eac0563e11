/// An argument or right-hand side as written and, where it is a constant, as evaluated.
public struct Operand: Codable, Hashable, Sendable {
    /// The tokens as written, joined by single spaces where the source had space.
    public var spelled: String
    public var value: Int?
    public var range: SourceRange

    public init(spelled: String, value: Int?, range: SourceRange) {
        self.spelled = spelled
        self.value = value
        self.range = range
    }

    /// The single identifier this operand is, if it is one (`PWR_LDO_SUPPLY`).
    public var identifier: String? {
        let s = spelled.trimmingWhitespace()
        guard let first = s.unicodeScalars.first, first == "_" || Self.isLetter(first),
              s.unicodeScalars.allSatisfy({ $0 == "_" || Self.isAlphanumeric($0) }) else { return nil }
        return s
    }

    /// CharacterSet's letters; ASCII answered without it (nearly all that is asked: the clock model asks often).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return CharacterSet.letters.contains(scalar) }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// CharacterSet's alphanumerics; in ASCII the letters and `0`–`9`.
    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return CharacterSet.alphanumerics.contains(scalar) }
        return isLetter(scalar) || ("0"..."9").contains(scalar)
    }
}

/// A call of a named function (or a function-like macro) inside a function body.
public struct CallFact: Codable, Hashable, Sendable {
    public var name: String
    public var arguments: [Operand]
    /// Where the callee name is.
    public var range: SourceRange
    /// The function whose body holds the call.
    public var function: String?
    /// The call's value is used (compared, assigned, passed on). Always false for macros.
    public var resultUsed: Bool
    /// A function-like macro expansion rather than a C call.
    public var isMacro: Bool
    /// Recovered from tokens because libclang dropped the statement (an undeclared identifier).
    public var recovered: Bool
    /// The runtime branches the call sits in, outermost first: `file:line:col#arm` of each enclosing
    /// `if` (arm 0 then, 1 else) or `?:`. nil outside any branch.
    public var branch: [String]?

    public init(name: String, arguments: [Operand], range: SourceRange, function: String?,
                resultUsed: Bool, isMacro: Bool = false, recovered: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.range = range
        self.function = function
        self.resultUsed = resultUsed
        self.isMacro = isMacro
        self.recovered = recovered
    }
}

/// An assignment to a struct field (`RCC_OscInitStruct.PLL.PLLN = 400`) or a register
/// (`PWR->CR3 = ...`, `PWR->CR3 |= ...`).
public struct AssignmentFact: Codable, Hashable, Sendable {
    /// The target as written without spaces: `RCC_OscInitStruct.PLL.PLLN`, `PWR->CR3`.
    public var target: String
    /// The type of the root variable for struct fields (`RCC_OscInitTypeDef`), nil for registers.
    public var rootType: String?
    /// `=`, `|=`, `&=`, ...
    public var op: String
    public var value: Operand
    /// For register writes: bits the write surely sets and surely clears, and whether bits it
    /// does not name keep their old value (`x |= ...`, `x = (x & ~a) | b`).
    public var setBits: Int?
    public var clearBits: Int?
    public var keepsOtherBits: Bool
    public var range: SourceRange
    public var function: String?
    /// The runtime branches the assignment sits in (as `CallFact.branch`).
    public var branch: [String]?

    public init(target: String, rootType: String?, op: String, value: Operand, setBits: Int? = nil,
                clearBits: Int? = nil, keepsOtherBits: Bool = false, range: SourceRange, function: String?) {
        self.target = target
        self.rootType = rootType
        self.op = op
        self.value = value
        self.setBits = setBits
        self.clearBits = clearBits
        self.keepsOtherBits = keepsOtherBits
        self.range = range
        self.function = function
    }

    /// The field path after the root variable: `PLL.PLLN` for `RCC_OscInitStruct.PLL.PLLN`.
    public var fieldPath: String {
        guard let dot = target.firstIndex(of: ".") else { return target }
        return String(target[target.index(after: dot)...])
    }
}

/// A macro of a fixed list (`HSE_VALUE`, `HSI_VALUE`, `CSI_VALUE`) as the project's own files define it
/// in the translation unit (never the build's `-D` nor h7lint's stand-in).
public struct MacroFact: Codable, Hashable, Sendable {
    public var name: String
    /// The evaluated body, nil when it is not a constant.
    public var value: Int?
    /// The body as written.
    public var spelled: String
    /// Where the macro name is in its `#define`.
    public var range: SourceRange

    public init(name: String, value: Int?, spelled: String, range: SourceRange) {
        self.name = name
        self.value = value
        self.spelled = spelled
        self.range = range
    }
}

/// A function definition.
public struct FunctionFact: Codable, Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A problem libclang reported while parsing. Never a finding: shown as a note.
public struct ParseProblem: Codable, Hashable, Sendable {
    /// Starts the message of a diagnostic raised by an `#error` directive.
    public static let errorDirectivePrefix = "#error: "
    public var isErrorDirective: Bool { message.hasPrefix(Self.errorDirectivePrefix) }

    public var severity: Severity
    public var message: String
    public var range: SourceRange?
    public init(severity: Severity, message: String, range: SourceRange?) {
        self.severity = severity
        self.message = message
        self.range = range
    }
}

/// What one translation unit says, for the parts of it that rules read.
public struct SourceFacts: Codable, Hashable, Sendable {
    /// The parsed file, relative to the project root.
    public var file: String
    public var core: Core?
    public var calls: [CallFact] = []
    public var assignments: [AssignmentFact] = []
    public var functions: [FunctionFact] = []
    public var problems: [ParseProblem] = []
    /// True when the HAL headers were missing and h7lint's own declarations stood in.
    public var usedPrelude: Bool = false
    /// `USE_PWR_*` names this file's own code tests, outside ExitRun0Mode (it applies them itself).
    public var mentionedSupplyMacros: [String] = []
    /// `HSE_VALUE`, `HSI_VALUE`, `CSI_VALUE` by name: the last definition the preprocessor kept.
    public var macros: [String: MacroFact] = [:]
    /// Local variables declared with an all-zero initializer (`= {0}`), as `function/variable`.
    public var zeroInitialized: [String] = []
    /// `#error` directives the preprocessor reached: this configuration does not build.
    public var errorDirectives: [ParseProblem] = []
    /// The facts are in the order they ran (a firmware image's write trace, `h7lint image`), not in source order.
    public var executionOrder: Bool?

    public init(file: String, core: Core?) {
        self.file = file
        self.core = core
    }

    public func calls(named names: Set<String>) -> [CallFact] { calls.filter { names.contains($0.name) } }
    public func defines(function name: String) -> Bool { functions.contains { $0.name == name } }
}

import Foundation
