import Foundation
import Yams

/// Reads a board profile (Rules/boards/*.yml, or a user's own file) strictly. A key that `Board` does
/// not read, a value of the wrong type, or a value no board can have (a negative frequency, a supply
/// scheme that does not exist, a device define h7lint does not know) is an error: one line
/// `FILE:LINE: problem`. A profile that loads is one the rules can trust.
public struct BoardProfileReader: Sendable {
    public let schemes: SupplySchemes
    public let lines: [DeviceLine]

    /// `hse.mode` and `boot0.wiring` values (Rules/README.md).
    public static let hseModes: Set<String> = ["crystal", "bypass", "none"]
    public static let boot0Wirings: Set<String> = ["pulled-down", "switch", "jumper", "floating", "unknown"]

    public init(schemes: SupplySchemes, lines: [DeviceLine]) {
        self.schemes = schemes
        self.lines = lines
    }

    /// Reads the file at `url`; `display` names it in messages (default: its path).
    public func read(_ url: URL, display: String? = nil) throws -> Board {
        let name = display ?? url.path
        var isDirectory: ObjCBool = false
        ReadLog.note(url.path)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw H7Error.input("\(name): cannot read the board profile (no such file)")
        }
        var info = stat()
        if !isDirectory.boolValue, stat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw H7Error.input("\(name): cannot read the board profile (not a regular file)")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: url.path) else {
            throw H7Error.input("\(name): cannot read the board profile (\(isDirectory.boolValue ? "a folder" : "permission denied"))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw H7Error.input("\(name): board profile is not UTF-8 text")
        }
        return try parse(text, file: name)
    }

    /// Parses profile text; `file` names it in messages (always one line).
    public func parse(_ text: String, file: String) throws -> Board {
        do {
            return try strictParse(text, file: file)
        } catch let error as H7Error {
            throw H7Error(error.kind, MessageText.oneLine(error.message))
        }
    }

    private func strictParse(_ text: String, file: String) throws -> Board {
        if text.utf8.contains(0) { throw H7Error.input("\(file): board profile is binary (contains NUL bytes)") }
        let fail = { (node: Node?, message: String) in H7Error.input("\(file):\(node?.mark?.line ?? 1): \(message)") }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw H7Error.input("\(file): empty board profile (expected keys such as 'id:' and 'supply:')")
            }
            root = composed
        } catch let error as YamlError {
            throw H7Error.input("\(file):\(YAMLProblem.line(error)): invalid YAML: \(YAMLProblem.text(error))")
        }
        guard root.mapping != nil else { throw fail(root, "a board profile is a mapping with keys such as 'id:' and 'supply:'") }
        guard YAMLProblem.withinSize(root) else {
            throw H7Error.input("\(file): board profile expands to more than \(YAMLProblem.nodeLimit) YAML nodes (aliases that repeat each other?): not read")
        }
        try YAMLProblem.rejectDuplicateKeys(root, fail: fail)
        let board: Board
        do {
            board = try YAMLDecoder().decode(Board.self, from: text)
        } catch let error as DecodingError {
            let (path, problem) = YAMLProblem.describe(error)
            throw fail(YAMLProblem.node(at: path, in: root), problem)
        }
        try rejectUnknownKeys(board, root: root, fail: fail)
        try BoardValueCheck(reader: self, root: root, fail: fail).check(board)
        return board
    }

    /// Every key of the file must come back when the decoded board is written out again: a key that
    /// does not is one `Board` does not read (a typo, or a key from another version).
    private func rejectUnknownKeys(_ board: Board, root: Node, fail: (Node?, String) -> H7Error) throws {
        let written = try Yams.compose(yaml: YAMLEncoder().encode(board))
        func compare(_ given: Node, _ read: Node?, path: String) throws {
            if let mapping = given.mapping {
                for (key, value) in mapping {
                    let name = key.string ?? ""
                    let readValue = YAMLProblem.value(of: name, in: read)
                    let place = path.isEmpty ? "" : " in '\(path)'"
                    if readValue == nil, value.null != nil {
                        throw fail(key, "'\(name)'\(place) has no value (give one or remove the key)")
                    }
                    if readValue == nil {
                        throw fail(key, "unknown key '\(name)'\(place) (see Rules/README.md for the profile format)")
                    }
                    try compare(value, readValue, path: path.isEmpty ? name : "\(path).\(name)")
                }
            } else if let items = given.sequence {
                let readItems = read?.sequence.map(Array.init) ?? []
                for (index, item) in items.enumerated() {
                    try compare(item, index < readItems.count ? readItems[index] : nil, path: "\(path)[\(index)]")
                }
            }
        }
        try compare(root, written, path: "")
    }

    /// The device of a CMSIS define, case-insensitively.
    func device(define: String) -> Device? {
        for line in lines {
            if let part = line.parts.first(where: { $0.define.caseInsensitiveCompare(define) == .orderedSame }) {
                return Device(part: part, line: line)
            }
        }
        return nil
    }

    /// The device of a part number (`STM32H745ZIT6`).
    func device(partName: String) -> Device? {
        let name = partName.uppercased()
        for line in lines {
            for part in line.parts where part.partNumbers.contains(where: { Glob.matches($0.uppercased(), name) }) {
                return Device(part: part, line: line)
            }
        }
        return nil
    }
}
