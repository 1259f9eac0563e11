import ArgumentParser
import Foundation
import H7Lint
import H7Model
import H7Report

/// `h7lint invocations PATH --stand-in-dir DIR`: the libclang parses a check makes, as a JSON
/// compilation database for plain clang (the benchmark runs `clang -fsyntax-only` on them).
/// h7lint's stand-in headers, which libclang gets in memory, are written to DIR.
struct InvocationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invocations", abstract: "Print the parses a check makes, as a compilation database (for benchmarks).")

    @Argument(help: "Project folder.") var path: String
    @Option(help: "Folder to write h7lint's stand-in headers to.") var standInDir: String
    @Option(help: "HAL/CMSIS headers: project or stand-in.") var headers: String = "stand-in"

    func run() throws {
        let code = try CommandSupport.guarded {
            let knowledge = try CommandSupport.loadKnowledge()
            guard let mode = HeaderMode(rawValue: headers) else { throw H7Error.usage("--headers must be project or stand-in") }
            let recorder = Recorder()
            let checker = Checker(knowledge: knowledge, jobs: 1, headers: mode, observer: recorder.record)
            _ = try checker.check(path: URL(fileURLWithPath: path))
            let dir = URL(fileURLWithPath: standInDir)
            var entries: [[String: Any]] = []
            // Each distinct stand-in (one per part and core) in a folder of its own, written once.
            for (digest, virtualFiles) in recorder.standIns {
                let folder = dir.appendingPathComponent(digest)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for virtual in virtualFiles {
                    let url = folder.appendingPathComponent(URL(fileURLWithPath: virtual.path).lastPathComponent)
                    try virtual.contents.write(to: url, atomically: true, encoding: .utf8)
                }
            }
            for (file, arguments, digest) in recorder.items {
                let folder = dir.appendingPathComponent(digest).path
                let rewritten = arguments.map { $0.replacingOccurrences(of: "/h7lint-prelude", with: folder) }
                entries.append(["file": file, "directory": FileManager.default.currentDirectoryPath,
                                "arguments": ["clang"] + rewritten + ["-fsyntax-only", file]])
            }
            let data = try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted, .sortedKeys])
            try StandardStreams.output(String(decoding: data, as: UTF8.self) + "\n")
            return 0
        }
        throw ExitCode(code)
    }

    /// The parses a check makes, and each distinct set of stand-in files once (by a digest of their contents).
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var items: [(file: String, arguments: [String], standIn: String)] = []
        private(set) var standIns: [String: [VirtualFile]] = [:]
        var record: ParseObserver {
            { [self] file, arguments, virtualFiles in
                var hash = StableHash()
                for virtual in virtualFiles { hash.add(virtual.path); hash.add(virtual.contents) }
                let digest = String(hash.hex.prefix(16))
                lock.lock()
                if standIns[digest] == nil { standIns[digest] = virtualFiles }
                items.append((file, arguments, digest))
                lock.unlock()
            }
        }
    }
}
