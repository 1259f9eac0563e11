import Foundation
import H7Model

/// The time one translation unit may take. libclang cannot be interrupted, so each parse runs on
/// its own thread and the caller stops waiting when the time is up: the project is reported
/// ("parse of FILE took longer than N s, skipped") and the run goes on, while the abandoned thread
/// finishes in the background and its result is dropped.
public enum ParseTimeLimit {
    public static let defaultSeconds = 20.0
    public static let variable = "H7LINT_PARSE_TIMEOUT"

    /// `H7LINT_PARSE_TIMEOUT` in seconds (decimals allowed), else 20. A value that is not a
    /// number above 0 is a usage error.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Double {
        guard let text = environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return defaultSeconds
        }
        guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
            throw H7Error.usage("\(variable) must be a number of seconds above 0, not '\(text)'")
        }
        return seconds
    }

    /// `20`, `0.5`: as the user would write it.
    public static func describe(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e9 ? String(Int(seconds)) : String(seconds)
    }

    /// Runs `work` on a thread of its own and waits at most `seconds`; nil when the time ran out.
    /// The work must own everything it touches (the caller never uses it again after a time-out).
    static func run<T>(seconds: Double, _ work: @escaping () throws -> T) throws -> T? {
        _ = parseOnCallingThread
        let slot = ResultSlot<T>(UncheckedWork(work))
        let thread = Thread { slot.fill() }
        thread.stackSize = stackSize
        thread.name = "h7lint-parse"
        thread.start()
        guard slot.done.wait(timeout: .now() + seconds) == .success else { return nil }
        return try slot.take()
    }

    /// The parse thread's stack. libclang and the fact collector recurse once per level of nesting, and
    /// an `else if` chain is nested: 10 000 of them overflowed libclang's own 8 MB parse thread and killed
    /// the process. Reserved, not used: pages are taken only as deep as the code goes.
    static let stackSize = 512 << 20

    /// libclang parses on a thread of its own (8 MB stack, not settable through the C API) unless
    /// LIBCLANG_NOTHREADS is set; then it parses on the calling thread, whose stack is `stackSize`.
    /// Set once, before the first parse.
    private static let parseOnCallingThread: Void = { setenv("LIBCLANG_NOTHREADS", "1", 1) }()

    /// The work and its result, handed between two threads under a semaphore.
    private final class ResultSlot<T>: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private let work: UncheckedWork<T>
        private var result: Result<T, Error>?

        init(_ work: UncheckedWork<T>) { self.work = work }

        /// On the parse thread: run the work, then signal.
        func fill() {
            result = Result { try work.body() }
            done.signal()
        }

        /// On the waiting thread, after `done` was signalled (the semaphore orders the accesses).
        func take() throws -> T { try result!.get() }
    }

    /// A closure that is run on exactly one other thread, never concurrently with its creator.
    private struct UncheckedWork<T>: @unchecked Sendable {
        let body: () throws -> T
        init(_ body: @escaping () throws -> T) { self.body = body }
    }
}
