internal import CClang
import Foundation

/// glibc's malloc gives threads their own arenas, up to 8 per core, and each arena keeps the memory freed in
/// it. A check runs `jobs` workers, each waiting while its parse thread runs libclang (`ParseThreads`), so two
/// threads per job: one arena per job and the main one are enough, and peak memory is lower (ST's corpus,
/// 2 jobs: 308 MB with glibc's default, 285 MB with 3 arenas, and no more CPU time). A MALLOC_ARENA_MAX the
/// user set is kept.
public enum MallocArenas {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var done = false

    /// Once per process, before the first worker starts (glibc fixes its limit when it first needs a new arena).
    public static func limit(jobs: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        if let set = ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"], !set.isEmpty { return }
        _ = h7_limit_malloc_arenas(Int32(clamping: jobs + 1))
    }
}
