/// Recognises a built-in board from a `.ioc` that does not name it (`board=custom` or no `board=`):
/// the board's `signature:` pins and its HSE against the `.ioc`, for boards of the project's part.
public enum BoardSignatureMatch {
    /// At least this many facts, and this share of the signature, must hold.
    static let minimumFacts = 5
    static let minimumShare = 0.75

    /// The best-matching board, with the evidence; nil when none is convincing (or two tie).
    public static func best(ioc: IocFile, device: Device, boards: [Board]) -> (Board, BoardInference)? {
        let pins = Dictionary(ioc.pins.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var scored: [(Board, BoardInference)] = []
        for board in boards {
            guard let signature = board.signature, board.device?.caseInsensitiveCompare(device.define) == .orderedSame
                    || board.part.map({ Glob.matches($0.uppercased() + "*", (ioc.partName ?? "").uppercased()) }) == true
            else { continue }
            var evidence: [String] = [], matched = 0, total = 0
            for fact in signature.pins {
                total += 1
                let pin = pins[fact.pin]
                if holds(fact, pin) {
                    matched += 1
                    evidence.append("\(fact.pin) = \(pin?.label ?? pin?.signal ?? "?")")
                } else {
                    evidence.append("not \(fact.pin) = \(fact.label ?? fact.signal ?? "?")")
                }
            }
            if let hse = board.hse, let mhz = hse.frequencyMHz, let mode = hse.mode, mode != "none" {
                total += 1
                let iocHz = ioc.value("RCC.HSE_VALUE").flatMap(Double.init)
                let iocMode = pins["PH0"]?.mode.map { $0 == "HSE-External-Clock-Source" ? "bypass" : ($0 == "HSE-External-Oscillator" ? "crystal" : $0) }
                let fact = "HSE \(ClockValue.format(mhz: mhz)) MHz \(mode)"
                if iocMode == mode, iocHz.map({ abs($0 - mhz * 1_000_000) < 0.5 }) ?? false {
                    matched += 1
                    evidence.append(fact)
                } else {
                    evidence.append("not \(fact) (the .ioc: \(iocHz.map { "\(ClockValue.format(mhz: $0 / 1_000_000)) MHz" } ?? "no RCC.HSE_VALUE"), \(iocMode ?? "HSE unused"))")
                }
            }
            guard matched >= minimumFacts, Double(matched) / Double(max(total, 1)) >= minimumShare else { continue }
            scored.append((board, BoardInference(matched: matched, total: total, evidence: evidence)))
        }
        let ranked = scored.sorted { Double($0.1.matched) / Double($0.1.total) > Double($1.1.matched) / Double($1.1.total) }
        guard let first = ranked.first else { return nil }
        if ranked.count > 1, ranked[1].1.matched * first.1.total == first.1.matched * ranked[1].1.total,
           ranked[1].0.supply?.allowed != first.0.supply?.allowed {
            return nil  // two boards fit equally well and are wired differently: no guess
        }
        return first
    }

    static func holds(_ fact: Board.Signature.Pin, _ pin: IocPin?) -> Bool {
        guard let pin else { return false }
        if let label = fact.label, let given = pin.label {
            let word = given.uppercased().split { !$0.isLetter && !$0.isNumber && $0 != "_" }.first.map(String.init)
            if word == label.uppercased() { return true }
        }
        if let signal = fact.signal, let given = pin.signal {
            if signal.hasSuffix("*") ? given.hasPrefix(String(signal.dropLast())) : given == signal { return true }
        }
        return false
    }
}
