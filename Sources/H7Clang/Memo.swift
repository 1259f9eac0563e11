import Foundation

/// Values computed once per key and shared by threads. Past `limit` keys, values are computed without being
/// kept (a bound on memory, never on correctness).
final class Memo<Value: Sendable>: @unchecked Sendable {
    private var values: [String: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func value(_ key: String, orMake make: () throws -> Value) rethrows -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = try make()
        lock.withLock { if values.count < limit { values[key] = made } }
        return made
    }
}
