internal import CClang
import Foundation
import H7Model

/// The libclang h7lint parses with, found at run time: `H7LINT_LIBCLANG` (a path), else the newest of the
/// ones Debian/Ubuntu (`libclang1-NN`) and LLVM's own packages install. Loaded once per process.
public enum ClangLibrary {
    /// Versions looked for, newest first.
    static let versions = Array((10...30).reversed())

    /// The names and paths tried, in order: the one named, PyPI's `libclang` wheel installed beside h7lint's own
    /// wheel (the same virtual environment or user folder), then the system's.
    static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let forced = environment["H7LINT_LIBCLANG"], !forced.isEmpty { return [forced] }
        return besideExecutable() + versions.flatMap { ["libclang-\($0).so.1", "/usr/lib/llvm-\($0)/lib/libclang.so.1"] }
            + ["libclang.so.1", "libclang.so"]
    }

    /// `PREFIX/lib/pythonX.Y/site-packages/clang/native/libclang.so` for an h7lint at `PREFIX/bin/h7lint`.
    static func besideExecutable() -> [String] {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let lib = executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib")
        let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []).filter { $0.hasPrefix("python3") }.sorted()
        return pythons.map { lib.appendingPathComponent("\($0)/site-packages/clang/native/libclang.so").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Whether loading was tried in this process (`loaded` was read).
    static var attempted: Bool { lock.withLock { tried } }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var tried = false

    /// The file the loaded libclang came from, links resolved.
    static var loadedFile: String? {
        guard case .success = loaded else { return nil }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard h7_clang_path(&buffer, buffer.count) != 0 else { return nil }
        return URL(fileURLWithPath: String(cString: buffer)).resolvingSymlinksInPath().path
    }

    /// The libclang loaded (its path or name), or why none could be.
    public static let loaded: Result<String, H7Error> = {
        lock.withLock { tried = true }
        let (loaded, reasons) = StageTimings.measure(.libclang) {
            SharedLibrary.firstLoadable(candidates()) { h7_clang_load($0, $1, $2) }
        }
        if let loaded { return .success(loaded) }
        if let forced = ProcessInfo.processInfo.environment["H7LINT_LIBCLANG"], !forced.isEmpty {
            return .failure(.usage("H7LINT_LIBCLANG=\(forced): not a usable libclang (\(reasons.first ?? "cannot be opened"))"))
        }
        // A libclang that was found but lacks a function says so; otherwise, say what to install.
        let found = reasons.first { $0.contains(" has no ") }
        return .failure(.usage(found.map { "no usable libclang: \($0)" }
            ?? "no libclang found: install Debian's or Ubuntu's libclang1-NN (apt-get install libclang1-14; any version from 10 up), or set H7LINT_LIBCLANG to the path of a libclang.so"))
    }()

    /// Throws the one-line reason when no libclang can be loaded.
    public static func require() throws {
        if case .failure(let error) = loaded { throw error }
    }
}
