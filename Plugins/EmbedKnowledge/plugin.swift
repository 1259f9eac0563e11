import Foundation
import PackagePlugin

/// Carries Rules/ into the h7lint executable: H7KnowledgeGen reads the YAML at build time and writes a Swift
/// file with the knowledge as a JSON snapshot. Rules/ stays the one place people edit; any change to it
/// regenerates the file.
@main
struct EmbedKnowledge: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedKnowledge.swift")
        var inputs: [URL] = []
        if let items = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in items where !url.hasDirectoryPath { inputs.append(url) }
        }
        return [.buildCommand(displayName: "Embedding Rules/ into h7lint",
                              executable: try context.tool(named: "H7KnowledgeGen").url,
                              arguments: [rules.path, output.path],
                              inputFiles: inputs.sorted { $0.path < $1.path },
                              outputFiles: [output])]
    }
}
