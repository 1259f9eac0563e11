import Foundation
import H7Model

/// Make variables as token lists (each token keeps its line and file): `=` and `?=` are expanded
/// when used, `:=`/`::=` when assigned, `+=` follows the variable's flavour. `include`d makefiles
/// inside the project are read in place.
struct MakeVariables {
    /// Tokens one makefile may expand to in all: a variable that doubles itself (`J := $(J) $(J)`) would
    /// otherwise take all memory. Real makefiles stay far below (ST's largest: a few thousand tokens).
    static let expansionLimit = 2_000_000

    /// Counts the tokens expansion produced, for the limit and for tests of the reader's work.
    final class Work: @unchecked Sendable {
        var tokens = 0
        /// Characters spliced into tokens (`J := $(J)$(J)` grows one token, not many).
        var characters = 0
        /// References followed, whatever they produced: `X_n = $(X_m) $(X_m)` over empty values does
        /// exponential work while producing nothing.
        var steps = 0
        var exceeded: Bool {
            tokens > MakeVariables.expansionLimit || characters > MakeVariables.characterLimit || steps > MakeVariables.stepLimit
        }
    }

    /// References one makefile's expansions may follow in all (ST's largest makefiles: a few thousand).
    static let stepLimit = 1_000_000

    /// Characters one makefile's expansions may produce in all.
    static let characterLimit = 64_000_000

    let work = Work()
    private var values: [String: [FlagToken]] = [:]
    /// Variables assigned with `:=` (already expanded).
    private var simple = Set<String>()
    private var readFiles = Set<String>()
    private let main: ProjectFile
    /// Every conditional met, in order.
    private var decisions: [MakeDecision] = []

    init(makefile: ProjectFile) throws {
        main = makefile
        try load(makefile, name: nil, depth: 0)
        try checkWork()
    }

    /// Throws once the expansions passed the limit: one line naming the makefile.
    func checkWork() throws {
        if work.exceeded {
            throw H7Error.input(work.tokens > Self.expansionLimit
                ? "\(main.display): make variables expand to more than \(Self.expansionLimit) words (a variable that grows with each assignment?): not read"
                : work.characters > Self.characterLimit
                ? "\(main.display): make variables expand to more than \(Self.characterLimit) characters (a variable that grows with each assignment?): not read"
                : "\(main.display): make variables take more than \(Self.stepLimit) expansion steps (variables that each name another several times?): not read")
        }
    }

    /// A conditional being read: whether its current branch is read, and whether one of its branches was.
    private struct Frame {
        var decision: Int?
        var parentActive: Bool
        var active: Bool
        var taken: Bool
        /// Variables assigned in a branch that was not read.
        var skipped: Set<String> = []
    }

    private mutating func load(_ file: ProjectFile, name: String?, depth: Int) throws {
        guard depth < 8, readFiles.insert(file.path).inserted else { return }
        let text = try InputFile.text(of: file.url, display: file.display)
        var afterRule = false
        var frames: [Frame] = []
        for raw in MakeLine.split(text) {
            if raw.startsWithTab && afterRule { continue }
            let line = raw.withoutComment()
            if line.isBlank { continue }
            if !raw.startsWithTab, let directive = MakeConditional.directive(line) {
                conditional(directive, line: line, file: name ?? file.display, frames: &frames)
                continue
            }
            if let frame = frames.last, !frame.active {
                if case .assignment(let variable, _, _) = MakeStatement.classify(line) { frames[frames.count - 1].skipped.insert(variable) }
                continue
            }
            if let start = Self.includeStart(line) {
                afterRule = false
                var unused = Set<String>()
                for token in expand(line.tokens(from: start, file: name), active: [], visited: &unused) {
                    let path = PathText.resolve(token.text, against: main.directory)
                    var isDirectory: ObjCBool = false
                    ReadLog.note(path)
                    guard path.hasPrefix(main.rootPath + "/"),
                          FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                          !isDirectory.boolValue else { continue }
                    try load(main.sibling(path), name: main.relative(path), depth: depth + 1)
                }
                continue
            }
            switch MakeStatement.classify(line) {
            case .assignment(let variable, let op, let valueStart):
                afterRule = false
                assign(variable, op: op, tokens: line.tokens(from: valueStart, file: name))
                for index in frames.compactMap(\.decision) { decisions[index].assigned.insert(variable) }
            case .rule:
                afterRule = true
            case .other:
                afterRule = false
            }
        }
    }

    /// Follows one conditional directive; a conditional whose skipped branch assigned something is recorded.
    private mutating func conditional(_ directive: MakeConditional.Directive, line: MakeLine, file: String, frames: inout [Frame]) {
        let active = frames.last?.active ?? true
        switch directive {
        case .open(let keyword, let argument):
            let value = active ? evaluate(keyword, argument) : false
            decisions.append(MakeDecision(text: line.text.trimmingBlanks(), file: file, line: line.firstLine, firstBranchTaken: value))
            frames.append(Frame(decision: active ? decisions.count - 1 : nil, parentActive: active,
                                active: active && (value ?? true), taken: value ?? false))
        case .elseBranch(let keyword, let argument):
            guard var frame = frames.popLast() else { return }
            if frame.decision.map({ decisions[$0].firstBranchTaken == nil }) == true {
                frame.active = frame.parentActive
            } else if frame.taken || !frame.parentActive {
                frame.active = false
            } else if let keyword {
                let value = evaluate(keyword, argument)
                frame.active = value ?? true
                frame.taken = value ?? false
                if value == nil, let index = frame.decision { decisions[index].firstBranchTaken = nil }
            } else {
                frame.active = true
                frame.taken = true
            }
            frames.append(frame)
        case .close:
            guard let frame = frames.popLast() else { return }
            if let index = frame.decision { decisions[index].skipped.formUnion(frame.skipped) }
        }
    }

    /// The truth of `ifeq`/`ifneq`/`ifdef`/`ifndef ARGUMENT` with the variables read so far; nil when h7lint
    /// cannot tell (a make function, an operand it cannot split).
    private func evaluate(_ keyword: String, _ argument: String) -> Bool? {
        guard !MakeConditional.callsFunction(argument) else { return nil }
        var unused = Set<String>()
        switch keyword {
        case "ifdef", "ifndef":
            let name = expandText(argument, active: [], visited: &unused).trimmingBlanks()
            let defined = !(values[name] ?? []).isEmpty
            return keyword == "ifdef" ? defined : !defined
        default:
            guard let (a, b) = MakeConditional.operands(argument) else { return nil }
            let same = expandText(a, active: [], visited: &unused).trimmingBlanks() == expandText(b, active: [], visited: &unused).trimmingBlanks()
            return keyword == "ifeq" ? same : !same
        }
    }

    /// The conditionals that decided what was read of these variables: a skipped branch assigned one of them
    /// (or the conditional could not be evaluated and every branch was read).
    func decidingConditionals(for variables: Set<String>) -> [MakeDecision] {
        decisions.filter { !$0.skipped.isDisjoint(with: variables) || ($0.firstBranchTaken == nil && !$0.assigned.isDisjoint(with: variables)) }
    }

    private mutating func assign(_ variable: String, op: String, tokens: [FlagToken]) {
        var unused = Set<String>()
        switch op {
        case ":=", "::=":
            values[variable] = expand(tokens, active: [], visited: &unused)
            simple.insert(variable)
        case "+=":
            let added = simple.contains(variable) ? expand(tokens, active: [], visited: &unused) : tokens
            values[variable, default: []] += added
        case "?=":
            if values[variable] == nil { values[variable] = tokens; simple.remove(variable) }
        case "!=":
            values[variable] = []
        default:
            values[variable] = tokens
            simple.remove(variable)
        }
    }

    /// `include`, `-include`, `sinclude`: where the file names start.
    private static func includeStart(_ line: MakeLine) -> Int? {
        for keyword in ["include", "-include", "sinclude"] {
            let word = Array(keyword.utf8)
            if line.bytes.starts(with: word), line.bytes.count > word.count, TextLines.isBlank(line.bytes[word.count]) {
                return word.count
            }
        }
        return nil
    }

    /// The tokens of `name` with references expanded; `visited` collects every variable used.
    func expand(name: String, visited: inout Set<String>) -> [FlagToken] {
        visited.insert(name)
        return expand(values[name] ?? [], active: [name], visited: &visited)
    }

    /// Whole-token references (`$(C_DEFS)`) splice the referenced tokens with their own lines; other
    /// references are replaced textually. A variable never expands inside itself; unknown variables
    /// and function calls expand to nothing.
    private func expand(_ tokens: [FlagToken], active: Set<String>, visited: inout Set<String>) -> [FlagToken] {
        guard active.count < 32, !work.exceeded else { return [] }
        var result: [FlagToken] = []
        defer { work.tokens += result.count }
        for token in tokens {
            if work.tokens + result.count > Self.expansionLimit || work.steps > Self.stepLimit { work.tokens += result.count; return [] }
            if let reference = Self.wholeReference(token.text) {
                guard !active.contains(reference) else { continue }
                work.steps += 1
                visited.insert(reference)
                result += expand(values[reference] ?? [], active: active.union([reference]), visited: &visited)
            } else if token.text.contains("$") {
                let text = expandText(token.text, active: active, visited: &visited)
                result += text.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    .map { FlagToken(text: String($0), line: token.line, file: token.file) }
            } else {
                result.append(token)
            }
        }
        return result
    }

    /// `$(NAME)` or `${NAME}` when that is the whole token and NAME is a plain variable name.
    private static func wholeReference(_ text: String) -> String? {
        guard text.count > 3, text.hasPrefix("$(") && text.hasSuffix(")") || text.hasPrefix("${") && text.hasSuffix("}") else {
            return nil
        }
        let inner = text.dropFirst(2).dropLast()
        guard !inner.isEmpty, inner.allSatisfy({ !" \t:$(){}=,".contains($0) }) else { return nil }
        return String(inner)
    }

    /// Textual expansion of references inside a token (`-I$(ROOT)/Inc`).
    private func expandText(_ text: String, active: Set<String>, visited: inout Set<String>) -> String {
        var out = ""
        var chars = Substring(text)
        while let dollar = chars.firstIndex(of: "$") {
            out += chars[..<dollar]
            let afterDollar = chars.index(after: dollar)
            guard afterDollar < chars.endIndex else { out += "$"; chars = chars[afterDollar...]; break }
            let opener = chars[afterDollar]
            guard opener == "(" || opener == "{" else {
                chars = chars[chars.index(after: afterDollar)...]
                continue
            }
            let closer: Character = opener == "(" ? ")" : "}"
            var level = 0
            var end = afterDollar
            while end < chars.endIndex {
                if chars[end] == opener { level += 1 }
                if chars[end] == closer { level -= 1; if level == 0 { break } }
                end = chars.index(after: end)
            }
            guard end < chars.endIndex else { break }
            let inner = String(chars[chars.index(after: afterDollar)..<end])
            if let name = Self.wholeReference("$(\(inner))"), !active.contains(name) {
                work.steps += 1
                if work.exceeded { return "" }
                visited.insert(name)
                let value = expand(values[name] ?? [], active: active.union([name]), visited: &visited)
                    .map(\.text).joined(separator: " ")
                work.characters += value.utf8.count
                if work.exceeded { return "" }
                out += value
            }
            chars = chars[chars.index(after: end)...]
        }
        out += chars
        return out
    }
}
