import Foundation
import H7Model
import H7Report

enum CommandSupport {
    /// `--rules DIR` (or H7LINT_RULES), for working on Rules/ without rebuilding.
    nonisolated(unsafe) static var rulesOverride: String?

    /// The knowledge built into the executable, or Rules/ from `--rules` / H7LINT_RULES.
    static func loadKnowledge() throws -> Knowledge {
        if let override = rulesFolder {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: override, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw H7Error.usage("\(override): no Rules folder there (--rules / H7LINT_RULES)")
            }
            return try Knowledge(directory: URL(fileURLWithPath: override))
        }
        return try embeddedKnowledge()
    }

    /// The Rules folder that replaces the built-in knowledge, if any.
    static var rulesFolder: String? {
        rulesOverride ?? ProcessInfo.processInfo.environment["H7LINT_RULES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The parts are decoded as commands read them (`Knowledge.init(sections:)`).
    static func embeddedKnowledge() throws -> Knowledge {
        Knowledge(sections: EmbeddedKnowledge.sections, directory: URL(fileURLWithPath: "/built-in/Rules"))
    }

    /// Runs `body`; an H7Error becomes one line on stderr and exit code 2.
    static func guarded(_ body: () throws -> Int32) throws -> Int32 {
        do {
            return try body()
        } catch let error as H7Error {
            StandardStreams.error("h7lint: error: \(error.message)\n")
            return 2
        }
    }

    static func useColor(_ option: String) -> Bool {
        switch option {
        case "always": return true
        case "never": return false
        default:
            if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
            return isatty(STDOUT_FILENO) != 0
        }
    }
}

extension CommandSupport {
    /// One line on stderr.
    static func printError(_ line: String) {
        StandardStreams.error(line + "\n")
    }
}
