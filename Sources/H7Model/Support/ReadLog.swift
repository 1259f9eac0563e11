import Foundation

/// The files and folders one project's check read or looked for, noted on the thread that checks it
/// (one project is checked on one thread). The result cache watches them: a later run reuses the project's
/// report only while none of them changed. A check that could not note everything marks the log incomplete,
/// and its report is not kept.
public final class ReadLog: @unchecked Sendable {
    public private(set) var paths: Set<String> = []
    public private(set) var complete = true

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static var current: ReadLog? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<ReadLog>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with a fresh log for this thread; returns what it noted.
    public static func record<T>(_ body: () throws -> T) rethrows -> (T, ReadLog) {
        let log = ReadLog()
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(log).toOpaque())
        defer { pthread_setspecific(key, outer) }
        return (try body(), log)
    }

    /// Notes a file or folder that was read, listed or looked for (present or not), by absolute path.
    public static func note(_ path: String) {
        guard let log = current else { return }
        log.paths.insert(path)
    }

    public static func note(_ paths: some Sequence<String>) {
        guard let log = current else { return }
        log.paths.formUnion(paths)
    }

    /// What was read cannot all be named (a parse that timed out, a result not kept by the facts cache).
    public static func markIncomplete() {
        current?.complete = false
    }
}
