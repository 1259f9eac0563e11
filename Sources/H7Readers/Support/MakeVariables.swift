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

    private mutating func load(_ file: ProjectFile, name: String?, depth: Int) throws {
        guard depth < 8, readFiles.insert(file.path).inserted else { return }
        let text = try InputFile.text(of: file.url, display: file.display)
        var afterRule = false
        for raw in MakeLine.split(text) {
            if raw.startsWithTab && afterRule { continue }
            let line = raw.withoutComment()
            if line.isBlank { continue }
            if let start = Self.includeStart(line) {
                afterRule = false
                var unused = Set<String>()
                for token in expand(line.tokens(from: start, file: name), active: [], visited: &unused) {
                    let path = PathText.resolve(token.text, against: main.directory)
                    var isDirectory: ObjCBool = false
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
            case .rule:
                afterRule = true
            case .other:
                afterRule = false
            }
        }
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
