import Foundation
import Yams

/// `.h7lint.yml`, found in the project folder or above it (docs/configuration.md).
public struct ProjectConfig: Codable, Sendable, Equatable {
    /// A rule id or pattern (`H7-DBG-*`) with the line that states it.
    public struct RulePattern: Codable, Sendable, Equatable {
        public var pattern: String
        public var line: Int
        public init(_ pattern: String, line: Int = 0) {
            self.pattern = pattern
            self.line = line
        }
    }

    /// `severity:` entry: the rules matching `rules` get `severity`.
    public struct SeverityOverride: Codable, Sendable, Equatable {
        public var rules: RulePattern
        public var severity: Severity
    }

    /// `ignore:` entry: findings of `rule` in `file` (both patterns) are dropped.
    public struct Ignore: Codable, Sendable, Equatable {
        public var rule: String
        /// A path pattern relative to the config file's folder.
        public var file: String
        public var reason: String?
        public var line: Int
        public init(rule: String, file: String, reason: String? = nil, line: Int = 0) {
            self.rule = rule
            self.file = file
            self.reason = reason
            self.line = line
        }
    }

    /// Built-in board id (with `:variant`) or a profile path relative to the config file.
    public var board: String?
    public var file: URL?
    public var disable: [RulePattern] = []
    /// Turns rules back on that `disable` matched.
    public var enable: [RulePattern] = []
    /// In file order; the last matching entry wins.
    public var severity: [SeverityOverride] = []
    /// Path patterns relative to the config file's folder: findings there, and projects there, are skipped.
    public var exclude: [String] = []
    public var failLevel: Severity?
    public var ignore: [Ignore] = []
    /// `require-board: true`: a board that is not named (unknown, or only inferred) is an error (H7-META-002).
    public var requireBoard = false

    public init(board: String? = nil, file: URL? = nil) {
        self.board = board
        self.file = file
    }

    /// The folder that relative paths in the file start from.
    public var folder: URL? { file?.deletingLastPathComponent() }

    public static let knownKeys = ["board", "disable", "enable", "severity", "exclude", "fail-level", "ignore", "require-board"]
    static let ignoreKeys = ["rule", "file", "reason"]

    /// Parses the file; unknown keys and bad values are errors naming the file and line.
    public static func load(_ url: URL) throws -> ProjectConfig {
        let text: String
        ReadLog.note(url.path)
        if let kind = FileKind.special(url.path) { throw H7Error.usage("\(url.path): not a regular file (\(kind)), not read") }
        do { text = try FileOverlay.buffer(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? String(contentsOf: url, encoding: .utf8) } catch {
            throw H7Error.usage("\(url.path): cannot read the file")
        }
        return try parse(text, file: url)
    }

    public static func parse(_ text: String, file url: URL) throws -> ProjectConfig {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw H7Error.usage("\(url.path): invalid YAML: \("\(error)".split(separator: "\n").first ?? "")")
        }
        var config = ProjectConfig(file: url)
        guard let node else { return config }
        guard YAMLProblem.withinSize(node) else {
            throw H7Error.usage("\(url.path): expands to more than \(YAMLProblem.nodeLimit) YAML nodes (aliases that repeat each other?): not read")
        }
        let fail = { (line: Int, message: String) in H7Error.usage("\(url.path):\(line): \(message)") }
        guard let mapping = node.mapping else { throw fail(line(node), "expected keys such as 'board:'") }
        for (key, value) in mapping {
            let name = key.string ?? ""
            let at = line(key)
            switch name {
            case "board":
                guard let board = value.string, value.scalar != nil, !board.isEmpty else {
                    throw fail(at, "'board' must be a board id or a profile path")
                }
                config.board = board
            case "disable", "enable":
                let items = try strings(value, key: name, fail: fail, what: "rule ids or patterns such as H7-DBG-*")
                let patterns = try items.map { item, itemLine in
                    guard isRulePattern(item) else { throw fail(itemLine, "'\(item)' in '\(name)' is not a rule id or pattern such as H7-DBG-*") }
                    return RulePattern(item, line: itemLine)
                }
                if name == "disable" { config.disable = patterns } else { config.enable = patterns }
            case "severity":
                guard let entries = value.mapping else {
                    throw fail(at, "'severity' must map rule ids or patterns to error, warning or note")
                }
                for (rule, level) in entries {
                    let id = rule.string ?? ""
                    guard isRulePattern(id) else { throw fail(line(rule), "'\(id)' in 'severity' is not a rule id or pattern such as H7-DBG-*") }
                    guard let severity = level.string.flatMap(Severity.init(rawValue:)) else {
                        throw fail(line(level), "severity of '\(id)' must be error, warning or note, not '\(level.string ?? "")'")
                    }
                    config.severity.append(SeverityOverride(rules: RulePattern(id, line: line(rule)), severity: severity))
                }
            case "exclude":
                config.exclude = try strings(value, key: name, fail: fail, what: "paths or patterns such as Legacy/**").map(\.0)
            case "fail-level":
                guard let level = value.string.flatMap(Severity.init(rawValue:)) else {
                    throw fail(line(value), "'fail-level' must be error, warning or note, not '\(value.string ?? "")'")
                }
                config.failLevel = level
            case "require-board":
                guard let flag = value.bool else {
                    throw fail(line(value), "'require-board' must be true or false, not '\(value.string ?? "")'")
                }
                config.requireBoard = flag
            case "ignore":
                guard let entries = value.sequence else {
                    throw fail(at, "'ignore' must be a list of entries with 'rule:' and 'file:'")
                }
                for entry in entries { config.ignore.append(try ignoreEntry(entry, fail: fail)) }
            default:
                throw fail(at, "unknown key '\(name)' (known: \(knownKeys.joined(separator: ", ")))")
            }
        }
        return config
    }

    /// Checks that every rule pattern names at least one rule h7lint knows.
    public func validate(ruleIDs: Set<String>) throws {
        let patterns = disable + enable + severity.map(\.rules) + ignore.map { RulePattern($0.rule, line: $0.line) }
        for p in patterns where !ruleIDs.contains(where: { Glob.matches(p.pattern, $0) }) {
            throw H7Error.usage("\(file?.path ?? ".h7lint.yml"):\(p.line): '\(p.pattern)' matches no rule\(Suggestion.didYouMean(p.pattern, among: ruleIDs)) (see `h7lint rules`)")
        }
    }

    /// The nearest `.h7lint.yml` in `folder` or above it, up to the folder holding `.git` (or `/`).
    public static func nearest(from folder: URL) -> URL? {
        let fm = FileManager.default
        var dir = folder.standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(".h7lint.yml")
            if fm.fileExists(atPath: candidate.path) { return candidate }
            if fm.fileExists(atPath: dir.appendingPathComponent(".git").path) { return nil }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Rule ids are letters, digits and '-'; patterns add '*' and '?'.
    static func isRulePattern(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-*?".contains($0)) }
    }

    private static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    private static func strings(_ node: Node, key: String, fail: (Int, String) -> H7Error, what: String) throws -> [(String, Int)] {
        if let single = node.scalar, !single.string.isEmpty { return [(single.string, line(node))] }
        guard let items = node.sequence else { throw fail(line(node), "'\(key)' must be a list of \(what)") }
        return try items.map { item in
            guard let text = item.scalar?.string, !text.isEmpty else {
                throw fail(line(item), "'\(key)' must be a list of \(what)")
            }
            return (text, line(item))
        }
    }

    private static func ignoreEntry(_ node: Node, fail: (Int, String) -> H7Error) throws -> Ignore {
        guard let fields = node.mapping else {
            throw fail(line(node), "each 'ignore' entry needs 'rule:' and 'file:' (and an optional 'reason:')")
        }
        var values: [String: String] = [:]
        for (key, value) in fields {
            let name = key.string ?? ""
            guard ignoreKeys.contains(name) else {
                throw fail(line(key), "unknown key '\(name)' in an 'ignore' entry (known: \(ignoreKeys.joined(separator: ", ")))")
            }
            guard let text = value.scalar?.string, !text.isEmpty else { throw fail(line(value), "'\(name)' must be a text") }
            values[name] = text
        }
        guard let rule = values["rule"], let file = values["file"] else {
            throw fail(line(node), "each 'ignore' entry needs 'rule:' and 'file:' (and an optional 'reason:')")
        }
        guard isRulePattern(rule) else { throw fail(line(node), "'\(rule)' in 'ignore' is not a rule id or pattern such as H7-DBG-*") }
        return Ignore(rule: rule, file: file, reason: values["reason"], line: line(node))
    }
}
