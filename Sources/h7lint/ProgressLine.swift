import Foundation
import H7Report

/// "checking projects: 3/12" on stderr, rewritten in place, only when stderr is a terminal and
/// there are several projects. Cleared before the report is printed.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled = isatty(STDERR_FILENO) != 0
    private var done = 0
    private var shown = false

    /// Called by the checker from its worker threads, once per finished project.
    var projectDone: @Sendable (Int) -> Void {
        { [self] total in step(total) }
    }

    private func step(_ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        guard enabled, total >= 2 else { return }
        let count = min(done, total)
        StandardStreams.error("\rchecking projects: \(count)/\(total) ")
        shown = true
        if count == total { done = 0 }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { StandardStreams.error("\r\(String(repeating: " ", count: 40))\r") }
        shown = false
    }
}
