import Foundation
import H7Model

/// Reads scripts and tool configurations as text, never runs them, for what they do to the part's
/// option bytes and how they connect the debugger: STM32_Programmer_CLI, st-flash, OpenOCD, pyOCD
/// and J-Link commands in shell scripts, Makefiles, CMake files, CI workflows, `.vscode/*.json`,
/// Eclipse `.launch` files and OpenOCD `.cfg` files.
public enum ScriptScanner {
    /// How a file separates commands and comments.
    public enum Kind: String, Sendable {
        case shell, batch, make, cmake, ci, tcl, jlink, json, launch

        /// A newline ends a command (unless escaped); JSON and CMake calls span lines.
        var newlineEndsCommand: Bool { self != .json && self != .cmake }
        var lineComment: String? {
            switch self {
            case .shell, .make, .cmake, .ci, .tcl: "#"
            case .jlink, .json: "//"
            case .batch, .launch: nil
            }
        }
    }

    /// Files larger than this are not scripts anyone edits by hand: skipped.
    public static let maxBytes = 512 * 1024

    /// The kind of script `url` is, or nil for a file h7lint does not read as a script.
    /// `peek` reads the first bytes of extension-less files (for a `#!` line).
    public static func kind(of url: URL, peek: (URL) -> String? = { ScriptScanner.head($0) }) -> Kind? {
        let name = url.lastPathComponent
        let lower = name.lowercased()
        let ext = url.pathExtension.lowercased()
        // Folder names only where they matter (they cost more than the rest, and most files are neither).
        let parent = { url.deletingLastPathComponent().lastPathComponent }
        let grandparent = { url.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent }
        switch true {
        case ["makefile", "gnumakefile"].contains(lower), ["mk", "mak"].contains(ext): return .make
        case lower == "cmakelists.txt", ext == "cmake": return .cmake
        case lower == ".gitlab-ci.yml": return .ci
        case ["yml", "yaml"].contains(ext) && parent() == "workflows" && grandparent() == ".github": return .ci
        case ext == "json" && parent() == ".vscode", ext == "code-workspace": return .json
        case ext == "launch": return .launch
        case ext == "cfg" || ext == "tcl": return .tcl
        case ext == "jlink": return .jlink
        case ["sh", "bash", "zsh", "ps1"].contains(ext): return .shell
        case ["bat", "cmd"].contains(ext): return .batch
        case ext.isEmpty && !name.hasPrefix("."):
            return peek(url).map { $0.hasPrefix("#!") && $0.contains("sh") } == true ? .shell : nil
        default: return nil
        }
    }

    /// Reads and scans one file; nothing for files too large, binary or unreadable.
    public static func scan(url: URL, file: String) -> [ScriptFact] {
        guard let kind = kind(of: url), let text = read(url) else { return [] }
        return scan(text: text, file: file, kind: kind)
    }

    public static func scan(text: String, file: String, kind: Kind) -> [ScriptFact] {
        var facts: [ScriptFact] = []
        switch kind {
        case .launch:
            facts = LaunchConfigReader.facts(in: text, file: file)
        case .json:
            facts = CommandReader.facts(in: ScriptTokenizer.commands(in: text, kind: kind, file: file))
            facts += DebugJsonReader.facts(in: text, file: file)
        default:
            facts = CommandReader.facts(in: ScriptTokenizer.commands(in: text, kind: kind, file: file))
        }
        return facts.sorted { $0.range < $1.range }
    }

    /// The whole file as text, or nil when it is larger than `maxBytes` or holds NUL bytes.
    static func read(_ url: URL) -> String? {
        ReadLog.note(url.path)
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
              size <= maxBytes, let data = try? Data(contentsOf: url), !data.contains(0) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The first line of a small file, for `#!` detection.
    public static func head(_ url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 128), !data.contains(0) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
