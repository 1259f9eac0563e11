// Build-time generator (run by Plugins/EmbedKnowledge): reads Rules/ as h7lint does and writes a Swift file
// that carries it as a JSON snapshot, so the h7lint executable needs no Rules/ folder and parses no YAML.
import Foundation
import H7Model

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: H7KnowledgeGen RULES_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
do {
    let rules = URL(fileURLWithPath: arguments[1])
    let knowledge = try Knowledge(directory: rules)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode(knowledge.snapshot)
    let version = StableHash.of(String(decoding: json, as: UTF8.self))
    let source = """
        // Generated at build time by H7KnowledgeGen from Rules/ (\(json.count) bytes of JSON). Edit Rules/, not this file.
        enum EmbeddedKnowledge {
            /// A hash of the knowledge, shown by `h7lint --version`.
            static let version = "\(version)"
            static let base64 = "\(json.base64EncodedString())"
        }

        """
    let output = URL(fileURLWithPath: arguments[2])
    // Write only when it changed, so an unchanged Rules/ does not recompile the executable.
    if (try? String(contentsOf: output, encoding: .utf8)) != source {
        try source.write(to: output, atomically: true, encoding: .utf8)
    }
} catch let error as H7Error {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(1)
}
