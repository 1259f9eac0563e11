import Foundation

/// `check --timings`: the time each stage took, summed over the workers (like cargo's and Ruff's timing
/// reports). Off unless `enabled` is set, then one clock read at each end of a stage.
public enum StageTimings {
    public enum Stage: Int, CaseIterable, Sendable {
        case knowledge, discovery, keptReports, buildFiles, includeScan, cache, libclang, parse, facts, rules, report

        var label: String {
            switch self {
            case .knowledge: return "knowledge"
            case .discovery: return "discovery"
            case .keptReports: return "kept reports"
            case .buildFiles: return "build-file reading"
            case .includeScan: return "include scan"
            case .cache: return "cache"
            case .libclang: return "libclang load"
            case .parse: return "parse (libclang)"
            case .facts: return "facts"
            case .rules: return "rules"
            case .report: return "report"
            }
        }
    }

    nonisolated(unsafe) public static var enabled = false
    private static let lock = NSLock()
    nonisolated(unsafe) private static var nanos = [UInt64](repeating: 0, count: Stage.allCases.count)
    nonisolated(unsafe) private static var counts = [Int](repeating: 0, count: Stage.allCases.count)

    /// Runs `body`, adding its time to `stage` when timings are on.
    @inline(__always)
    public static func measure<T>(_ stage: Stage, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = now()
        defer { add(stage, now() - start) }
        return try body()
    }

    public static func add(_ stage: Stage, _ elapsed: UInt64) {
        lock.lock()
        nanos[stage.rawValue] += elapsed
        counts[stage.rawValue] += 1
        lock.unlock()
    }

    public static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// The table printed on stderr: each stage's total and count, then the run's wall and CPU time.
    public static func table(wallNanos: UInt64) -> String {
        lock.lock()
        defer { lock.unlock() }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        func ms(_ value: Double) -> String { String(format: "%10.1f ms", value) }
        var lines = ["h7lint: timings (summed over workers)"]
        for stage in Stage.allCases where counts[stage.rawValue] > 0 {
            let label = stage.label.padding(toLength: 20, withPad: " ", startingAt: 0)
            lines.append("  \(label)\(ms(Double(nanos[stage.rawValue]) / 1e6))  \(counts[stage.rawValue])x")
        }
        lines.append("  " + "wall".padding(toLength: 20, withPad: " ", startingAt: 0) + ms(Double(wallNanos) / 1e6))
        lines.append("  " + "cpu".padding(toLength: 20, withPad: " ", startingAt: 0) + ms(cpu)
                     + String(format: "  peak %ld MB", usage.ru_maxrss / 1024))
        return lines.joined(separator: "\n") + "\n"
    }
}
