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
        guard let text = environment[variable]?.trimmingWhitespace(), !text.isEmpty else {
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

    /// Runs `work` on a parse thread and waits at most `seconds`; nil when the time ran out.
    /// The work must own everything it touches (the caller never uses it again after a time-out).
    ///
    /// Parse threads are kept for the next parse (`ParseThreads`): one per parse running at the same
    /// time, so as many as there are jobs. A thread per parse made glibc's malloc give each new thread
    /// another arena while the last one was still exiting, up to 8 per core, and each arena kept its
    /// own free memory: peak memory grew with the number of parses. A thread whose parse ran out of
    /// time is not reused; it ends once libclang returns.
    ///
    /// The limit is the parse's own: the processor time of its thread, so that parses abandoned earlier
    /// (still running in the background) or other programs on the machine do not make a healthy file look
    /// slow. A parse that waits without computing (a read that blocks) is stopped once it made no progress
    /// for the limit in wall-clock time, and any parse after `wallFactor` times the limit.
    static func run<T>(seconds: Double, threads: ParseThreads = .shared, _ work: @escaping () throws -> T) throws -> T? {
        _ = parseOnCallingThread
        let slot = ResultSlot<T>(UncheckedWork(work))
        let thread = threads.take()
        let start = DispatchTime.now()
        thread.run { slot.fill() }
        let slice = min(0.05, seconds)
        var progress = (processor: 0.0, wall: 0.0)
        while slot.done.wait(timeout: .now() + slice) != .success {
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let processor = slot.processorSeconds()
            if processor > progress.processor + 0.001 { progress = (processor, wall) }
            if processor >= seconds || wall - progress.wall >= seconds || wall >= seconds * wallFactor {
                thread.retire()
                return nil
            }
        }
        threads.giveBack(thread)
        return try slot.take()
    }

    /// Wall-clock time a parse may take, in multiples of the limit, while its thread is starved or blocked.
    static let wallFactor = 10.0

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

        /// The parse thread's processor-time clock and its reading when this work started (the thread
        /// may have parsed other files before).
        private let clockLock = NSLock()
        private var clock: (id: clockid_t, start: Double)?

        /// On the parse thread: run the work, then signal.
        func fill() {
            var id = clockid_t()
            if pthread_getcpuclockid(pthread_self(), &id) == 0, let now = Self.seconds(id) {
                clockLock.lock(); clock = (id, now); clockLock.unlock()
            }
            result = Result { try work.body() }
            clockLock.lock(); clock = nil; clockLock.unlock()
            done.signal()
        }

        /// Processor time the work used so far (0 before it started or after it ended).
        func processorSeconds() -> Double {
            clockLock.lock()
            defer { clockLock.unlock() }
            guard let clock, let now = Self.seconds(clock.id) else { return 0 }
            return now - clock.start
        }

        private static func seconds(_ clock: clockid_t) -> Double? {
            var time = timespec()
            guard clock_gettime(clock, &time) == 0 else { return nil }
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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

/// The parse threads of the process: idle ones wait here for the next parse. There are never more than
/// parses ran at the same time (`--jobs`, one for the language server), plus one for each parse that ran
/// out of time, which ends when libclang returns.
final class ParseThreads: @unchecked Sendable {
    static let shared = ParseThreads()

    private let lock = NSLock()
    private var idle: [ParseThread] = []
    private var count = 0

    /// Threads started so far in this process.
    var started: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    /// An idle thread, else a new one.
    func take() -> ParseThread {
        lock.lock()
        if let thread = idle.popLast() {
            lock.unlock()
            return thread
        }
        count += 1
        lock.unlock()
        return ParseThread()
    }

    /// A thread whose work ended, for the next parse.
    func giveBack(_ thread: ParseThread) {
        lock.lock()
        idle.append(thread)
        lock.unlock()
    }
}

/// One thread that runs one piece of work at a time, with the stack a parse needs (`ParseTimeLimit.stackSize`).
final class ParseThread: @unchecked Sendable {
    private let wake = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var work: (() -> Void)?
    private var retired = false

    init() {
        let thread = Thread { [self] in loop() }
        thread.stackSize = ParseTimeLimit.stackSize
        thread.name = "h7lint-parse"
        thread.start()
    }

    /// Hands `work` to the thread; the thread must be idle (taken from `ParseThreads`).
    func run(_ work: @escaping () -> Void) {
        lock.lock()
        self.work = work
        lock.unlock()
        wake.signal()
    }

    /// The thread ends once its current work returns, and takes no more.
    func retire() {
        lock.lock()
        retired = true
        lock.unlock()
        wake.signal()
    }

    private func loop() {
        while true {
            wake.wait()
            lock.lock()
            let next = work
            work = nil
            let stop = retired
            lock.unlock()
            if let next { next() } else if stop { return }
        }
    }
}
