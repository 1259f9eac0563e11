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
    let sections = try Knowledge.sections(of: knowledge.snapshot)
    // Every part decodes back to the same knowledge, or the build stops here (h7lint decodes them lazily and
    // cannot report a broken part as an input error).
    let back = try encoder.encode(Knowledge(sections: sections, directory: rules).snapshot)
    guard back == json else { throw H7Error(.internal, "the knowledge's parts do not decode back to Rules/") }
    // Raw string literals: the JSON needs no escaping and is used as it is stored (no base64 step).
    for (name, text) in sections where text.contains(where: \.isNewline) {
        throw H7Error(.internal, "the knowledge's part \(name) has a line break: it cannot be a one-line literal")
    }
    func literal(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        return hashes + "\"" + text + "\"" + hashes
    }
    let members = sections.keys.sorted().map { "        \"\($0)\": \(literal(sections[$0]!))," }.joined(separator: "\n")
    let source = """
        // Generated at build time by H7KnowledgeGen from Rules/ (\(json.count) bytes of JSON). Edit Rules/, not this file.
        enum EmbeddedKnowledge {
            /// A hash of the knowledge, shown by `h7lint --version`.
            static let version = "\(version)"
            /// The knowledge's parts (`Knowledge.sections(of:)`), each decoded when a command first reads it.
            static let sections: [String: String] = [
        \(members)
            ]
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
