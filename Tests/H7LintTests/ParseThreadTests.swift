import Foundation
@testable import H7Clang
import Testing

/// Parses run on kept threads (ParseTimeLimit): as many as run at once, not one per parse, so glibc's
/// malloc arenas (one per thread) stop multiplying; a thread whose parse ran out of time is never reused.
@Suite struct ParseThreadTests {
    @Test func oneThreadServesParsesOneAfterAnother() throws {
        let threads = ParseThreads()
        for i in 0..<20 { #expect(try ParseTimeLimit.run(seconds: 5, threads: threads) { i } == i) }
        #expect(threads.started == 1)
    }

    @Test func asManyThreadsAsParsesAtOnce() throws {
        let threads = ParseThreads()
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int] = []
            func add(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            for i in 0..<10 {
                let value = try? ParseTimeLimit.run(seconds: 5, threads: threads) { worker * 100 + i }
                results.add(value ?? -1)
            }
        }
        #expect(results.values.sorted() == (0..<3).flatMap { w in (0..<10).map { w * 100 + $0 } })
        #expect(threads.started <= 3)
    }

    @Test func anErrorReachesTheCallerAndTheThreadIsKept() throws {
        struct Broken: Error {}
        let threads = ParseThreads()
        #expect(throws: Broken.self) { try ParseTimeLimit.run(seconds: 5, threads: threads) { () throws -> Int in throw Broken() } }
        #expect(try ParseTimeLimit.run(seconds: 5, threads: threads) { 7 } == 7)
        #expect(threads.started == 1)
    }

    /// A parse that never returns (blocked, as libclang in open() on a FIFO) is abandoned; the next parse
    /// gets a new thread and finishes; the abandoned thread ends once its work returns.
    @Test func aThreadThatRanOutOfTimeIsNotReused() throws {
        let threads = ParseThreads()
        let gate = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        #expect(try ParseTimeLimit.run(seconds: 0.2, threads: threads) { () -> Int in gate.wait(); ended.signal(); return 1 } == nil)
        #expect(try ParseTimeLimit.run(seconds: 5, threads: threads) { 2 } == 2)
        #expect(threads.started == 2)
        gate.signal()
        #expect(ended.wait(timeout: .now() + 10) == .success)
        #expect(try ParseTimeLimit.run(seconds: 5, threads: threads) { 3 } == 3)
        #expect(threads.started == 2)
    }
}
