import Foundation
import H7Model

/// `platformio.ini` as PlatformIO reads it (Python's configparser): `[section]`s of `key = value`, values
/// continued on indented lines, `;` and `#` comments, `extends`, and `${section.key}` interpolation.
struct PlatformIOIni {
    /// One value with the line of each of its parts (a continued value has several lines).
    struct Value {
        var parts: [(text: String, line: Int)]
        var line: Int { parts.first?.line ?? 1 }
        var text: String { parts.map(\.text).joined(separator: "\n") }
    }

    /// Sections in file order; options in file order within each.
    private(set) var sections: [(name: String, options: [(key: String, value: Value)])] = []
    let display: String

    init(text: String, display: String) throws {
        self.display = display
        var lineNumber = 0
        var lastKey: (section: Int, option: Int)?
        for raw in text.textLines {
            lineNumber += 1
            let line = String(raw)
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix(";") || trimmed.hasPrefix("#") { continue }
            if line.first == " " || line.first == "\t" {
                // A continuation of the last option's value.
                guard let (s, o) = lastKey else {
                    throw H7Error.input("\(display):\(lineNumber): indented text outside any option (is a line missing its 'key =')?")
                }
                sections[s].options[o].value.parts.append((Self.stripComment(trimmed), lineNumber))
                continue
            }
            if trimmed.hasPrefix("[") {
                guard let close = trimmed.firstIndex(of: "]") else {
                    throw H7Error.input("\(display):\(lineNumber): section header without ']'")
                }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingWhitespace()
                if let first = sections.firstIndex(where: { $0.name == name }) {
                    throw H7Error.input("\(display):\(lineNumber): section [\(name)] given twice (first at section \(first + 1))")
                }
                sections.append((name, []))
                lastKey = nil
                continue
            }
            guard let eq = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }), !sections.isEmpty else {
                throw H7Error.input(sections.isEmpty
                    ? "\(display):\(lineNumber): text before the first [section]"
                    : "\(display):\(lineNumber): expected 'key = value', found '\(trimmed.prefix(60))'")
            }
            let key = trimmed[..<eq].trimmingWhitespace().lowercased()
            let value = Self.stripComment(trimmed[trimmed.index(after: eq)...].trimmingWhitespace())
            let s = sections.count - 1
            sections[s].options.append((key, Value(parts: value.isEmpty ? [] : [(value, lineNumber)])))
            lastKey = (s, sections[s].options.count - 1)
        }
    }

    /// Inline comments start with ` ;` (configparser's inline prefix as PlatformIO configures it).
    static func stripComment(_ text: String) -> String {
        guard let range = text.range(of: " ;") else { return text }
        return String(text[..<range.lowerBound]).trimmingWhitespace()
    }

    func section(_ name: String) -> [(key: String, value: Value)]? { sections.first { $0.name == name }?.options }

    /// The environments (`[env:NAME]`), `default_envs` first, then in file order.
    var environments: [String] {
        let all = sections.map(\.name).filter { $0.hasPrefix("env:") }.map { String($0.dropFirst(4)) }
        let defaults = (raw("platformio", "default_envs")?.parts.map(\.text).joined(separator: ",") ?? "")
            .split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init)
        return defaults.filter { all.contains($0) } + all.filter { !defaults.contains($0) }
    }

    private func raw(_ section: String, _ key: String) -> Value? {
        self.section(section)?.last { $0.key == key }?.value
    }

    /// An environment's option: its own section, the sections it `extends`, then `[env]`; interpolated.
    func value(env: String, _ key: String) -> Value? {
        var seen = Set<String>()
        guard let found = lookup(section: "env:\(env)", key: key, seen: &seen) ?? raw("env", key) else { return nil }
        return interpolate(found, env: env, depth: 0)
    }

    private func lookup(section: String, key: String, seen: inout Set<String>) -> Value? {
        guard seen.insert(section).inserted, let options = self.section(section) else { return nil }
        if let own = options.last(where: { $0.key == key })?.value { return own }
        let parents = (options.last { $0.key == "extends" }?.value.text ?? "")
            .split(whereSeparator: { $0 == "," || $0 == "\n" }).map { $0.trimmingWhitespace() }
        for parent in parents where !parent.isEmpty {
            if let found = lookup(section: parent, key: key, seen: &seen) { return found }
        }
        return nil
    }

    /// `${section.key}` (`${env.key}`: the `[env]` section; `${this.key}`: the environment itself);
    /// `${sysenv.X}` and unknown references become empty, as nothing outside the file is read.
    private func interpolate(_ value: Value, env: String, depth: Int) -> Value {
        guard depth < 10 else { return Value(parts: []) }
        var parts: [(text: String, line: Int)] = []
        for part in value.parts {
            guard part.text.contains("${") else { parts.append(part); continue }
            var text = part.text, out = ""
            var extra: [(text: String, line: Int)] = []
            while let start = text.range(of: "${"), let end = text[start.upperBound...].firstIndex(of: "}") {
                out += text[..<start.lowerBound]
                let reference = String(text[start.upperBound..<end])
                text = String(text[text.index(after: end)...])
                guard let dot = reference.lastIndex(of: ".") else { continue }
                let section = String(reference[..<dot]), key = String(reference[reference.index(after: dot)...]).lowercased()
                var found: Value?
                switch section {
                case "this": found = self.value(env: env, key)
                case "sysenv": found = nil
                default: found = raw(section, key)
                }
                guard let found else { continue }
                let resolved = interpolate(found, env: env, depth: depth + 1).parts
                // A multi-line value referenced alone keeps its own lines; inline, its text joins this line.
                if out.trimmingWhitespace().isEmpty && text.trimmingWhitespace().isEmpty {
                    extra += resolved
                } else {
                    out += resolved.map(\.text).joined(separator: " ")
                }
            }
            out += text
            let kept = out.trimmingWhitespace()
            if !kept.isEmpty { parts.append((kept, part.line)) }
            parts += extra
        }
        return Value(parts: parts)
    }
}
