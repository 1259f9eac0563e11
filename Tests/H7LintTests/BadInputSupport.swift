import Foundation

/// A temporary folder for one bad-input test: copies of fixtures and hand-made files, removed at the end.
final class BadInputFolder {
    let root: URL
    /// The fixture most cases start from: a clean single-core CubeMX Makefile project (exit 0).
    static let cleanFixture = "nucleo-h743-ldo-makefile"
    static let cleanIoc = "nucleo-h743-ldo-makefile.ioc"

    init() throws {
        root = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
            .appendingPathComponent("h7lint-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        // chmod 000 files and folders must become writable again before they can go.
        if let paths = FileManager.default.enumerator(atPath: root.path) {
            for case let path as String in paths { chmod(root.appendingPathComponent(path).path, 0o755) }
        }
        try? FileManager.default.removeItem(at: root)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    func path(_ path: String) -> String { url(path).path }

    /// Copies a fixture to `folder` (default: the clean project as `proj`).
    @discardableResult
    func copyFixture(_ fixture: String = cleanFixture, to folder: String = "proj") throws -> URL {
        let target = url(folder)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent(fixture), to: target)
        return target
    }

    func write(_ path: String, _ text: String) throws { try write(path, bytes: Array(text.utf8)) }

    func write(_ path: String, bytes: [UInt8]) throws {
        let target = url(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
    }

    func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    func append(_ path: String, _ text: String) throws { try write(path, read(path) + text) }

    func link(_ path: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: self.path(path), withDestinationPath: destination)
    }

    /// `h7lint check --no-cache ARGS PATHS` (paths inside this folder).
    func check(_ paths: [String], options: [String] = [], environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run(["check", "--no-cache"] + options + paths.map(path), environment: environment)
    }

    /// The summary line of a text report (its last line).
    static func summary(_ stdout: String) -> String {
        String(stdout.split(separator: "\n").last { $0.contains(" checked, ") } ?? "")
    }

    /// True when this process runs as root (then chmod 000 does not stop reads).
    static var isRoot: Bool { getuid() == 0 }
}
