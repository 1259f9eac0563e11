import Foundation
@testable import H7Clang
import Testing

/// `check --timings`: one table on stderr, the report on stdout unchanged (no time is compared).
@Suite struct TimingsTests {
    @Test func timingsGoToStandardErrorOnly() throws {
        let project = TestSupport.fixtures.appendingPathComponent("nucleo-h743-ldo-makefile").path
        let plain = try TestSupport.run(["check", project, "--no-cache", "--format", "json"])
        let timed = try TestSupport.run(["check", project, "--no-cache", "--format", "json", "--timings"])
        #expect(timed.status == plain.status)
        #expect(timed.stdout == plain.stdout)
        #expect(!plain.stderr.contains("timings"))
        for label in ["h7lint: timings", "knowledge", "discovery", "build-file reading", "include scan", "parse (libclang)",
                      "facts", "rules", "report", "wall", "cpu"] {
            #expect(timed.stderr.contains(label), "\(label)")
        }
    }
}

/// With the built-in knowledge and a cache, an unchanged project's report is kept: the second run reads no build
/// file and parses nothing (`kept reports` is its only per-project line) and prints the same.
@Suite struct KeptReportTimingsTests {
    @Test func secondRunIsAnsweredByTheKeptReport() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-kept-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        // The fixture's files are older than the two seconds a report needs before it is kept.
        let arguments = ["check", TestSupport.fixtures.appendingPathComponent("nucleo-h743-ldo-makefile").path,
                         "--format", "json", "--timings", "--cache-dir", cache.path]
        let first = try TestSupport.run(arguments, builtInKnowledge: true)
        #expect(first.stderr.contains("build-file reading"))
        let second = try TestSupport.run(arguments, builtInKnowledge: true)
        #expect(second.stderr.contains("kept reports"))
        #expect(!second.stderr.contains("build-file reading") && !second.stderr.contains("parse (libclang)"))
        #expect(second.stdout == first.stdout && second.status == first.status)
    }
}

/// A run whose parses are all answered by the cache does not load libclang (about 20 ms of CPU): it takes the
/// version and resource folder from the record the first run left in the cache folder. A parse that misses loads it.
@Suite struct DeferredLibclangTests {
    @Test func cachedRunDoesNotLoadLibclang() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-deferred-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let project = base.appendingPathComponent("proj")
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("nucleo-h743-ldo-makefile"), to: project)
        let environment = ["H7LINT_CACHE_DIR": base.appendingPathComponent("cache").path]
        let arguments = ["check", project.path, "--format", "json", "--timings"]
        let first = try TestSupport.run(arguments, environment: environment)
        #expect(first.stderr.contains("libclang load"))
        let second = try TestSupport.run(arguments, environment: environment)
        #expect(!second.stderr.contains("libclang load"))
        #expect(second.stdout == first.stdout && second.status == first.status)

        // A changed file misses: libclang is loaded then, and the change is seen.
        let main = try #require(FileManager.default.enumerator(atPath: project.path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix("main.c") })
        let url = project.appendingPathComponent(main)
        try (String(contentsOf: url, encoding: .utf8) + "\nvoid h7lint_added(void) {}\n").write(to: url, atomically: true, encoding: .utf8)
        let third = try TestSupport.run(arguments, environment: environment)
        #expect(third.stderr.contains("libclang load"))
        #expect(third.stdout == first.stdout)

        // Another libclang asked for: the record no longer holds, so it is loaded (and a missing one is reported).
        let fourth = try TestSupport.run(arguments, environment: environment.merging(["H7LINT_LIBCLANG": "/nonexistent/libclang.so"]) { $1 })
        #expect(fourth.status == 2)
        #expect(fourth.stderr.contains("H7LINT_LIBCLANG"))
    }

    /// The record holds while every watched file keeps its size and time, and the candidates and environment agree.
    @Test func recordHoldsUntilAWatchedFileChanges() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("h7lint-record-\(UUID().uuidString).so")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("one".utf8).write(to: file)
        let absent = file.path + ".absent"
        var record = ClangRecord(candidates: ClangLibrary.candidates(), environment: ClangRecord.environmentNow(),
                                 stamps: [file.path: ClangRecord.stamp(file.path), absent: "-"], path: file.path,
                                 identity: .init(version: "clang version 14.0.6", directory: nil))
        #expect(record.isValid())
        try Data("two".utf8).write(to: URL(fileURLWithPath: absent))
        #expect(!record.isValid())  // a candidate that was absent appeared
        try FileManager.default.removeItem(atPath: absent)
        #expect(record.isValid())
        try Data("longer".utf8).write(to: file)
        #expect(!record.isValid())  // the library changed
        record.stamps[file.path] = ClangRecord.stamp(file.path)
        record.candidates.append("libclang-99.so.1")
        #expect(!record.isValid())  // other candidates
    }
}
