import Foundation
import Yams

/// `.h7lint.yml`, found in the project folder or above it.
public struct ProjectConfig: Sendable, Equatable {
    /// Built-in board id (with `:variant`) or a profile path relative to the config file.
    public var board: String?
    public var file: URL?

    public init(board: String? = nil, file: URL? = nil) {
        self.board = board
        self.file = file
    }

    static let knownKeys: Set<String> = ["board", "rules", "disable", "enable", "severity", "exclude", "fail-level", "failure_level"]

    /// Parses the file; unknown keys and bad values are errors naming the file and line.
    public static func load(_ url: URL) throws -> ProjectConfig {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw H7Error.input("\(url.path): cannot read the file")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw H7Error.input("\(url.path): invalid YAML: \("\(error)".split(separator: "\n").first ?? "")")
        }
        var config = ProjectConfig(file: url)
        guard let node else { return config }
        guard let mapping = node.mapping else {
            throw H7Error.input("\(url.path):\(node.mark?.line ?? 1): expected keys such as 'board:'")
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            let line = key.mark?.line ?? 1
            guard knownKeys.contains(name) else {
                throw H7Error.input("\(url.path):\(line): unknown key '\(name)' (known: board)")
            }
            if name == "board" {
                guard let board = value.string, !board.isEmpty else {
                    throw H7Error.input("\(url.path):\(line): 'board' must be a board id or a profile path")
                }
                config.board = board
            }
        }
        return config
    }
}
