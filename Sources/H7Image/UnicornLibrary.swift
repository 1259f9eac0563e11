internal import CUnicorn
import Foundation
import H7Model

/// The Unicorn h7lint emulates with, found at run time: `H7LINT_LIBUNICORN` (a path), else the system's
/// libunicorn.so.2. Loaded once per process.
public enum UnicornLibrary {
    static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let forced = environment["H7LINT_LIBUNICORN"], !forced.isEmpty { return [forced] }
        return ["libunicorn.so.2", "/usr/lib/x86_64-linux-gnu/libunicorn.so.2", "/usr/lib/aarch64-linux-gnu/libunicorn.so.2",
                "/usr/local/lib/libunicorn.so.2", "libunicorn.so", "libunicorn.2.dylib"]
    }

    public static let loaded: Result<String, H7Error> = {
        let (loaded, reasons) = SharedLibrary.firstLoadable(candidates()) { h7_uc_load($0, $1, $2) }
        if let loaded { return .success(loaded) }
        if let forced = ProcessInfo.processInfo.environment["H7LINT_LIBUNICORN"], !forced.isEmpty {
            return .failure(.usage("H7LINT_LIBUNICORN=\(forced): not a usable Unicorn 2 library (\(reasons.first ?? "cannot be opened"))"))
        }
        let found = reasons.first { $0.contains(" has no ") }
        return .failure(.usage(found.map { "no usable Unicorn: \($0)" }
            ?? "no Unicorn found: install libunicorn2 (Debian/Ubuntu: apt-get install libunicorn2, or libunicorn-dev), or set H7LINT_LIBUNICORN to the path of libunicorn.so.2"))
    }()

    public static func require() throws {
        if case .failure(let error) = loaded { throw error }
    }
}
