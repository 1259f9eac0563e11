import Foundation

/// Maps over `items` on `jobs` threads; results keep the input order whatever the scheduling.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ transform: @Sendable (T) -> R) -> [R] {
        let workers = max(1, min(jobs, items.count))
        guard workers > 1 else { return items.map(transform) }
        let results = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.nextIndex() {
                results.store(transform(items[index]), at: index)
            }
        }
        return results.values()
    }

    private final class ResultBox<R>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [R?]
        private var next = 0

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func nextIndex() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ value: R, at index: Int) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        func values() -> [R] { slots.map { $0! } }
    }
}
