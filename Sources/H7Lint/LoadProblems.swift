import Foundation
import H7Model

/// How problems met while loading a project are worded for the run, which may hold many projects.
enum LoadProblems {
    /// Readers and the loader name files relative to the project root (`Core/Src/main.c: ...`); in a
    /// run of several projects the line must also say which project, so the project's name leads.
    /// Messages that already start with an absolute path or the name are kept.
    static func naming(_ error: H7Error, project name: String, base: String? = nil) -> H7Error {
        var message = error.message
        // A file below the checked folder is named from it, not by its absolute path.
        if let base, message.hasPrefix(base + "/") { message = String(message.dropFirst(base.count + 1)) }
        if message.hasPrefix("/") || message.hasPrefix(name + "/") || message.hasPrefix(name + ":") { return H7Error(error.kind, message) }
        return H7Error(error.kind, "\(name)/\(message)")
    }

    /// One note per `.ioc` key stated more than once (the last value is used, as CubeMX does).
    static func duplicateKeyNotes(_ project: Project, name: String) -> [String] {
        guard let ioc = project.ioc else { return [] }
        return ioc.duplicateKeys.compactMap { key in
            let lines = ioc.entries.filter { $0.key == key }.map(\.line)
            guard let first = lines.first, let last = lines.last else { return nil }
            return "\(name)/\(ioc.file):\(last): key '\(MessageText.oneLine(key))' given \(lines.count) times (first on line \(first)); the last value is used, as CubeMX does"
        }
    }
}
