/// Pins of a `.ioc`, grouped from `<pin>.Signal/.Mode/.GPIO_Label/.PinAttribute/.ContextOwner` keys
/// and the `Mcu.PinN=` list. Virtual pins (`VP_...`) are left out.
extension IocFile {
    /// One entry per normalized pin name, ordered by line. `line` is the first key of the pin itself,
    /// or its `Mcu.PinN` line when the pin has no keys of its own.
    public var pins: [IocPin] {
        var order: [String] = []
        var builders: [String: PinBuilder] = [:]
        func builder(_ name: String) -> PinBuilder {
            if let existing = builders[name] { return existing }
            order.append(name)
            return PinBuilder()
        }
        for entry in entries {
            if Self.isPinListKey(entry.key) {
                guard let name = Self.normalizedPinName(entry.value) else { continue }
                var pin = builder(name)
                pin.listedName = pin.listedName ?? entry.value
                pin.listedLine = pin.listedLine ?? entry.line
                builders[name] = pin
                continue
            }
            guard let (original, property) = Self.splitPinKey(entry.key),
                  let name = Self.normalizedPinName(original) else { continue }
            var pin = builder(name)
            pin.keyName = pin.keyName ?? original
            pin.keyLine = pin.keyLine ?? entry.line
            switch property {
            case "Signal": pin.signal = entry.value
            case "Mode": pin.mode = entry.value
            case "GPIO_Label": pin.label = entry.value
            case "PinAttribute": pin.pinAttribute = entry.value
            case "ContextOwner": pin.contextOwner = entry.value
            default: break
            }
            builders[name] = pin
        }
        let pins = order.compactMap { name -> IocPin? in
            guard let pin = builders[name] else { return nil }
            return IocPin(name: name, originalName: pin.keyName ?? pin.listedName ?? name, signal: pin.signal,
                          mode: pin.mode, label: pin.label, context: pin.pinAttribute ?? pin.contextOwner,
                          line: pin.keyLine ?? pin.listedLine ?? 0)
        }
        return pins.sorted { ($0.line, $0.name) < ($1.line, $1.name) }
    }

    /// `PA13 (JTMS/SWDIO)`, `PA13(JTMS/SWDIO)`, `PA13` → `PA13`; `PH0-OSC_IN (PH0)` → `PH0`;
    /// `PC2_C` stays `PC2_C` (H7 analog-switch pad). Nil for anything that is not a port pin.
    public static func normalizedPinName(_ text: String) -> String? {
        let chars = Array(text.utf8)
        guard chars.count >= 3, chars[0] == UInt8(ascii: "P"),
              (UInt8(ascii: "A")...UInt8(ascii: "K")).contains(chars[1]) else { return nil }
        var end = 2
        while end < chars.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(chars[end]) { end += 1 }
        guard end > 2 else { return nil }
        if end + 1 < chars.count, chars[end] == UInt8(ascii: "_"), chars[end + 1] == UInt8(ascii: "C"),
           end + 2 == chars.count || isPinNameEnd(chars[end + 2]) {
            end += 2
        }
        guard end == chars.count || isPinNameEnd(chars[end]) else { return nil }
        return String(decoding: chars[..<end], as: UTF8.self)
    }

    private static func isPinNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "-")
    }

    /// `Mcu.Pin0`, `Mcu.Pin12` (not `Mcu.PinsNb`).
    private static func isPinListKey(_ key: String) -> Bool {
        guard key.hasPrefix("Mcu.Pin") else { return false }
        let rest = key.dropFirst("Mcu.Pin".count)
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `PA13 (JTMS/SWDIO).Signal` → (`PA13 (JTMS/SWDIO)`, `Signal`): the pin part ends at the first
    /// `.` outside parentheses.
    private static func splitPinKey(_ key: String) -> (String, String)? {
        guard key.hasPrefix("P") else { return nil }
        var depth = 0
        for index in key.indices {
            switch key[index] {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "." where depth == 0:
                return (String(key[..<index]), String(key[key.index(after: index)...]))
            default: continue
            }
        }
        return nil
    }
}

private struct PinBuilder {
    var keyName: String?
    var keyLine: Int?
    var listedName: String?
    var listedLine: Int?
    var signal: String?
    var mode: String?
    var label: String?
    var pinAttribute: String?
    var contextOwner: String?
}
