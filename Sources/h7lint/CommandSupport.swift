import Foundation
import H7Model

enum CommandSupport {
    static func loadKnowledge() throws -> Knowledge {
        guard let rules = Knowledge.locateRules(executable: executablePath) else {
            throw H7Error.usage("cannot find h7lint's Rules/ folder (set H7LINT_RULES to its path)")
        }
        return try Knowledge(directory: rules)
    }

    /// Runs `body`; an H7Error becomes one line on stderr and exit code 2.
    static func guarded(_ body: () throws -> Int32) throws -> Int32 {
        do {
            return try body()
        } catch let error as H7Error {
            FileHandle.standardError.write(Data("h7lint: error: \(error.message)\n".utf8))
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
    /// The running binary, also when started through PATH (pre-commit does that).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
    }

    /// One line on stderr.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
