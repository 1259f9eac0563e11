import Foundation
import H7Model

/// Eclipse / STM32CubeIDE `.launch` files: one XML attribute per line. Reads the debug transport
/// (`...launch.swd_mode` false = JTAG), SWV trace (`...launch.enable_swv` true = SWO on PB3), and
/// commands kept in attribute values (GDB init commands such as `monitor stm32h7x option_write ...`).
enum LaunchConfigReader {
    static let tool = "STM32CubeIDE launch"

    static func facts(in text: String, file: String) -> [ScriptFact] {
        var facts: [ScriptFact] = []
        for (index, line) in text.textLines.enumerated() {
            guard let key = attribute("key", in: line), let value = attribute("value", in: line) else { continue }
            let place = SourceRange(file: file, line: index + 1, column: value.column)
            if key.text.hasSuffix(".enable_swv") && value.text == "true" {
                facts.append(ScriptFact(command: tool, option: ScriptOption.swo, value: "\(key.text)=true", range: place))
            } else if key.text.hasSuffix(".swd_mode") && value.text == "false" {
                facts.append(ScriptFact(command: tool, option: ScriptOption.transport, value: "jtag (\(key.text)=false)", range: place))
            } else if value.text.count > 3 {
                let commands = ScriptTokenizer.commands(in: decodeEntities(value.text), kind: .shell, file: file,
                                                        firstLine: index + 1, firstColumn: value.column)
                facts += CommandReader.facts(in: commands)
            }
        }
        return facts
    }

    /// The text of `name="..."` on the line and the byte column where it starts.
    static func attribute(_ name: String, in line: Substring) -> (text: String, column: Int)? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let column = line.utf8.distance(from: line.startIndex, to: start.upperBound) + 1
        return (String(rest[..<end]), column)
    }

    /// XML entities; encoded line breaks become command separators so places stay on the line.
    static func decodeEntities(_ text: String) -> String {
        var s = text
        for (entity, replacement) in [("&#10;", ";"), ("&#13;", ";"), ("&#xA;", ";"), ("&#xD;", ";"), ("&quot;", "\""),
                                      ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: replacement)
        }
        return s
    }
}

/// VS Code debug configurations (cortex-debug in `.vscode/launch.json` or a `.code-workspace`):
/// `"swoConfig": { "enabled": true, ... }` and `"interface": "jtag"`.
enum DebugJsonReader {
    static let tool = "cortex-debug"

    static func facts(in text: String, file: String) -> [ScriptFact] {
        let bytes = Array(text.utf8)
        var facts: [ScriptFact] = []
        var search = 0
        while let at = find(Array("\"swoConfig\"".utf8), in: bytes, from: search) {
            search = at + 1
            if let open = bytes[at...].firstIndex(of: UInt8(ascii: "{")), topLevel(of: bytes, objectAt: open).contains("\"enabled\":true") {
                facts.append(ScriptFact(command: tool, option: ScriptOption.swo, value: "swoConfig.enabled=true",
                                        range: place(of: at, in: bytes, file: file)))
            }
        }
        search = 0
        while let at = find(Array("\"interface\"".utf8), in: bytes, from: search) {
            search = at + 1
            let after = squeezed(bytes[(at + 11)..<min(bytes.count, at + 40)])
            if after.hasPrefix(":\"jtag\"") {
                facts.append(ScriptFact(command: tool, option: ScriptOption.transport, value: "jtag",
                                        range: place(of: at, in: bytes, file: file)))
            }
        }
        return facts
    }

    /// The object's own text without nested objects or arrays, and without white space.
    static func topLevel(of bytes: [UInt8], objectAt open: Int) -> String {
        var depth = 0
        var inString = false
        var out: [UInt8] = []
        var i = open
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { break }
            }
            if depth == 1 && !(b == UInt8(ascii: "{") && i == open) { out.append(b) }
            i += 1
        }
        return squeezed(out[...])
    }

    static func squeezed(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.filter { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains($0) },
               as: UTF8.self)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func place(of offset: Int, in bytes: [UInt8], file: String) -> SourceRange {
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
        return SourceRange(file: file, line: line, column: offset - lineStart + 1)
    }
}
