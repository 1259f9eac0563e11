import H7Model

/// The paths through an entry function's runtime branches (`if`/`else`, `?:`) that change the clocks:
/// one event list per combination of arms, so that settings of mutually exclusive arms are never merged.
/// Branches whose arms hold nothing relevant do not multiply the paths (`if (status != HAL_OK)
/// Error_Handler();`). Past `maxBranches` branch points the arms are merged and `merged` is set.
struct RuntimePaths {
    static let maxBranches = 4

    var eventSets: [[String: [ClockSimulator.Event]]] = []
    /// For each path, the arms it takes (nil for the only path of an entry without relevant branches).
    var descriptions: [String?] = []
    var merged = false

    init(events: [String: [ClockSimulator.Event]], entry: String, relevant: (ClockSimulator.Event) -> Bool) {
        // Branch points with a relevant event in one of their arms, among the functions the entry reaches.
        var reached = Set([entry]), work = [entry]
        while let f = work.popLast() {
            for case .call(let c) in events[f] ?? [] where events[c.name] != nil && reached.insert(c.name).inserted {
                work.append(c.name)
            }
        }
        var points: [String] = []
        for f in reached.sorted() {
            for event in events[f] ?? [] where relevant(event) {
                for step in Self.branch(of: event) {
                    let id = Self.point(step)
                    if !points.contains(id) { points.append(id) }
                }
            }
        }
        guard !points.isEmpty else {
            eventSets = [events]
            descriptions = [nil]
            return
        }
        // A switch's cases (`#case`) are not two arms: register writes in them are merged, and read as unknown.
        let switches = reached.contains { f in (events[f] ?? []).contains { e in relevant(e) && Self.branch(of: e).contains { $0.hasText("#case") } } }
        guard points.count <= Self.maxBranches, !switches else {
            eventSets = [events]
            descriptions = ["\(points.count) runtime branches merged"]
            merged = true
            return
        }
        var seen = Set<[String: [Int]]>()
        for combination in 0..<(1 << points.count) {
            var choice: [String: Int] = [:]
            for (i, id) in points.enumerated() { choice[id] = (combination >> i) & 1 }
            var filtered: [String: [ClockSimulator.Event]] = [:]
            var signature: [String: [Int]] = [:]
            for (f, list) in events {
                var kept: [ClockSimulator.Event] = []
                for (i, event) in list.enumerated() where Self.follows(event, choice) {
                    kept.append(event)
                    signature[f, default: []].append(i)
                }
                filtered[f] = kept
            }
            guard seen.insert(signature).inserted else { continue }  // nested arms give the same path twice
            eventSets.append(filtered)
            descriptions.append(points.map { id in "\(id) \(choice[id] == 0 ? "taken" : "not taken")" }.joined(separator: ", "))
        }
    }

    /// The arms an event sits in. Switch cases count for register writes only (HAL calls and struct fields in a
    /// `switch` are applied as before).
    static func branch(of event: ClockSimulator.Event) -> [String] {
        switch event {
        case .call(let c): (c.branch ?? []).filter { !$0.hasText("#case") }
        case .assignment(let a) where !a.target.hasText("->"): (a.branch ?? []).filter { !$0.hasText("#case") }
        case .assignment(let a): a.branch ?? []
        }
    }

    /// `main.c:40:3#1` → `main.c:40:3`.
    static func point(_ step: String) -> String { String(step[..<(step.lastIndex(of: "#") ?? step.endIndex)]) }

    /// An event is on the path when every branch it sits in that the path decides takes its arm.
    static func follows(_ event: ClockSimulator.Event, _ choice: [String: Int]) -> Bool {
        for step in branch(of: event) {
            guard let hash = step.lastIndex(of: "#"), let arm = Int(step[step.index(after: hash)...]) else { continue }
            if let chosen = choice[String(step[..<hash])], chosen != arm { return false }
        }
        return true
    }
}
