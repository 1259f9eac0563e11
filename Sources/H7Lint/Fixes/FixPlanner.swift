import Foundation
import H7Model
import H7Rules

/// Turns each finding's certain `change` into the edits that make it, in every place the setting lives, so
/// that the project stays consistent. A change that cannot be made everywhere is not made anywhere.
struct FixPlanner {
    let project: Project
    let knowledge: Knowledge
    /// Places the user silenced or put a directive over: a change touching one is not made.
    let protected: [ProtectedPlace]
    /// Files under the project's `exclude:` patterns: never edited.
    let isExcluded: (String) -> Bool
    private var files: [String: FileBytes?] = [:]

    init(project: Project, knowledge: Knowledge, protected: [ProtectedPlace] = [], isExcluded: @escaping (String) -> Bool = { _ in false }) {
        self.project = project
        self.knowledge = knowledge
        self.protected = protected
        self.isExcluded = isExcluded
    }

    /// The findings with `autofix` filled where they carry a change.
    mutating func plan(_ findings: [Finding]) -> [Finding] {
        var planned: [SettingChange: Autofix] = [:]
        return findings.map { finding in
            guard let change = finding.change else { return finding }
            var finding = finding
            if planned[change] == nil { planned[change] = guarded(autofix(for: change)) }
            finding.autofix = planned[change]
            return finding
        }
    }

    /// The fix, or why it is refused: an edit inside a place the user protected or a file `exclude:` names.
    func guarded(_ fix: Autofix) -> Autofix {
        var reasons: [String] = []
        for edit in fix.edits {
            if isExcluded(edit.file) { reasons.append("\(edit.file) is excluded by .h7lint.yml") }
            for place in protected where place.covers(edit) {
                reasons.append("\(edit.file):\(edit.range.line) would change, but \(place.why): h7lint does not override a suppression (change it by hand if it is wrong)")
            }
        }
        guard !reasons.isEmpty else { return fix }
        return Autofix(description: fix.description, edits: [], blocked: Array(Set(reasons)).sorted().joined(separator: "; "))
    }

    mutating func autofix(for change: SettingChange) -> Autofix {
        switch change {
        case .supplyScheme(let id):
            guard let scheme = knowledge.schemes.byID(id) else { return Autofix(description: "", edits: [], blocked: "unknown scheme \(id)") }
            return supply(scheme)
        case .flashLatency(let waits, let range):
            return replaceIdentifier(at: range, description: "use \(waits) flash wait states") { name in
                for prefix in ["LL_FLASH_LATENCY_", "FLASH_LATENCY_"] where name.hasPrefix(prefix) {
                    if Int(name.dropFirst(prefix.count)) != nil { return prefix + String(waits) }
                }
                return nil
            }
        case .hseMode(let mode, let range):
            let wanted = mode == "bypass" ? "RCC_HSE_BYPASS" : "RCC_HSE_ON"
            var fix = replaceIdentifier(at: range, description: "drive the HSE as a \(mode == "bypass" ? "bypassed external clock" : "crystal")") { name in
                ["RCC_HSE_ON", "RCC_HSE_BYPASS", "RCC_HSE_BYPASS_DIGITAL"].contains(name) ? wanted : nil
            }
            if fix.blocked == nil { fix.edits += iocHSEMode(mode) }
            return fix
        case .hseValue(let hz):
            return hseValue(hz)
        }
    }

    // MARK: Supply scheme

    /// `USE_PWR_*` in every build file and configuration, the ConfigSupply arguments, the `.ioc`'s RCC.SupplySource.
    mutating func supply(_ target: SupplyScheme) -> Autofix {
        var edits: [TextEdit] = []
        var blocked: [String] = []
        let schemes = knowledge.schemes
        // Each build file that defines another scheme: the define on every line a configuration states it, so no
        // configuration of any toolchain keeps the old scheme; in a `.cproject` (or where the reader has no line),
        // every mention, CubeIDE's recorded defaults included. A Makefile branch that make does not take with
        // the file's own variables was not read, so it is never edited.
        var wrongNames: [String: [String: Set<Int>]] = [:]
        var wholeFile: Set<String> = []
        for build in project.cores {
            for settings in build.allSettings {
                for define in settings.defines where define.name.hasPrefix("USE_PWR_") && schemes.named(define.name) != nil
                    && define.name != target.useMacro {
                    let file = define.file ?? settings.file
                    wrongNames[file, default: [:]][define.name, default: []].formUnion(define.line.map { [$0] } ?? [])
                    if settings.origin == .cproject || define.line == nil { wholeFile.insert(file) }
                }
            }
        }
        for (file, names) in wrongNames.sorted(by: { $0.key < $1.key }) {
            guard let text = bytes(file) else { blocked.append("\(file) cannot be read"); continue }
            for (name, lines) in names.sorted(by: { $0.key < $1.key }) {
                let scanned = wholeFile.contains(file) ? Array(1...text.lineStarts.count) : lines.sorted()
                let offsets = scanned.flatMap { text.identifier(name, onLine: $0) }
                if offsets.isEmpty { blocked.append("\(name) is not written in \(file)") }
                // Every configuration that states it must be rewritten, or none is (an XML character reference, a macro).
                for line in lines.sorted() where text.identifier(name, onLine: line).isEmpty {
                    blocked.append("\(name) is not written as that name on \(file):\(line) (a character reference or an expansion?)")
                }
                edits += offsets.map { edit(file, text, $0, name, target.useMacro) }
            }
        }
        for build in project.cores {
            for call in build.allCalls where call.function != nil && ["HAL_PWREx_ConfigSupply", "LL_PWR_ConfigSupply"].contains(call.name) {
                let wanted = call.name == "LL_PWR_ConfigSupply" ? target.llName : target.hal
                guard let argument = call.arguments.first else { continue }
                guard let name = argument.identifier, schemes.named(name) != nil else {
                    blocked.append("the argument of \(call.name) at \(argument.range) is '\(argument.spelled)', not a scheme constant"); continue
                }
                if name == wanted { continue }
                let fix = replaceIdentifier(at: argument.range, description: "") { $0 == name ? wanted : nil }
                if let reason = fix.blocked { blocked.append(reason) }
                edits += fix.edits
            }
        }
        for setting in SupplyAnalysis(project: project, knowledge: knowledge).settings
        where setting.via == .registerWrite && !setting.runsBeforeMain {
            blocked.append("PWR->CR3 is written directly at \(setting.range): h7lint does not rewrite register expressions")
        }
        var description = "select \(target.id) (\(target.hal))"
        if let ioc = project.ioc {
            if let stated = ioc.supplySource, let line = ioc.line("RCC.SupplySource") {
                if stated != target.hal {
                    if let e = iocValue(file: ioc.file, line: line, key: "RCC.SupplySource", from: stated, to: target.hal) { edits.append(e) }
                    else { blocked.append("RCC.SupplySource is not written on \(ioc.file):\(line)") }
                }
            } else {
                description += "; the .ioc states no RCC.SupplySource (CubeMX's default applies): choose \(target.hal) in CubeMX too"
            }
        }
        let unique = Array(Set(edits)).sorted()
        if !blocked.isEmpty { return Autofix(description: description, edits: [], blocked: blocked.sorted().joined(separator: "; ")) }
        let files = Set(unique.map(\.file)).count
        return Autofix(description: "\(description) in \(unique.count) place\(unique.count == 1 ? "" : "s") (\(files) file\(files == 1 ? "" : "s"))",
                       edits: unique)
    }

    // MARK: HSE_VALUE

    /// The number in every `HSE_VALUE` the project states: `-DHSE_VALUE=` in each build file, the project's own
    /// `#define HSE_VALUE` (never a Drivers/ header), the `.ioc`'s RCC.HSE_VALUE.
    mutating func hseValue(_ hz: Int) -> Autofix {
        var edits: [TextEdit] = []
        var blocked: [String] = []
        // The lines the build files state it on (a Makefile branch make does not take was not read); every
        // mention where the reader has no line.
        var statedLines: [String: Set<Int>] = [:]
        var everyMention: Set<String> = []
        for build in project.cores {
            for settings in build.allSettings {
                for define in settings.defines where define.name == "HSE_VALUE" {
                    let file = define.file ?? settings.file
                    if let line = define.line { statedLines[file, default: []].insert(line) } else { everyMention.insert(file) }
                }
            }
        }
        for file in everyMention.union(statedLines.keys).sorted() {
            guard let text = bytes(file) else { blocked.append("\(file) cannot be read"); continue }
            edits += text.numbers(after: "HSE_VALUE=")
                .filter { $0.value != hz && (everyMention.contains(file) || statedLines[file]?.contains(text.position(of: $0.offset).line) == true) }
                .map { edit(file, text, $0.offset, $0.text, String(hz)) }
        }
        var headers: Set<SourceRange> = []
        for build in project.cores {
            for source in build.sources { if let macro = source.macros["HSE_VALUE"] { headers.insert(macro.range) } }
        }
        for range in headers.sorted() where range.file.split(separator: "/").contains("Drivers") == false {
            guard let text = bytes(range.file), let number = text.numbers(onLine: range.line, after: "HSE_VALUE").first else {
                blocked.append("#define HSE_VALUE at \(range) is not a plain number"); continue
            }
            if number.value != hz { edits.append(edit(range.file, text, number.offset, number.text, String(hz))) }
        }
        if let ioc = project.ioc, let stated = ioc.value("RCC.HSE_VALUE"), let line = ioc.line("RCC.HSE_VALUE"), stated != String(hz) {
            if let e = iocValue(file: ioc.file, line: line, key: "RCC.HSE_VALUE", from: stated, to: String(hz)) { edits.append(e) }
        }
        let unique = Array(Set(edits)).sorted()
        let description = "define HSE_VALUE as \(hz) (the board's HSE)"
        if !blocked.isEmpty || unique.isEmpty {
            return Autofix(description: description, edits: [], blocked: blocked.isEmpty ? "no HSE_VALUE h7lint can rewrite" : blocked.joined(separator: "; "))
        }
        return Autofix(description: "\(description) in \(unique.count) place\(unique.count == 1 ? "" : "s")", edits: unique)
    }

    // MARK: Edits

    /// Replaces the identifier at a source place with the name `replacement` gives for it (nil: not ours to change).
    mutating func replaceIdentifier(at range: SourceRange, description: String, _ replacement: (String) -> String?) -> Autofix {
        guard let text = bytes(range.file), var offset = text.offset(line: range.line, column: range.column),
              var name = text.identifier(at: offset) else {
            return Autofix(description: description, edits: [], blocked: "\(range) is not a plain name in the file (a macro expansion?)")
        }
        // A struct field's place is its name (`HSEState = RCC_HSE_ON`): the value is the name after the `=`.
        if replacement(name) == nil, let value = text.assignedIdentifier(after: offset), let valueName = text.identifier(at: value) {
            offset = value
            name = valueName
        }
        guard let wanted = replacement(name) else {
            return Autofix(description: description, edits: [], blocked: "\(range) is '\(name)', which h7lint does not rewrite")
        }
        if wanted == name { return Autofix(description: description, edits: []) }
        return Autofix(description: description, edits: [edit(range.file, text, offset, name, wanted)])
    }

    /// The `.ioc` pin modes of the HSE input (`HSE-External-Oscillator` / `HSE-External-Clock-Source`).
    mutating func iocHSEMode(_ mode: String) -> [TextEdit] {
        guard let ioc = project.ioc else { return [] }
        let wanted = mode == "bypass" ? "HSE-External-Clock-Source" : "HSE-External-Oscillator"
        return ioc.entries.compactMap { entry in
            guard entry.key.contains("OSC_IN"), entry.key.hasSuffix(".Mode"), entry.value != wanted,
                  ["HSE-External-Clock-Source", "HSE-External-Oscillator"].contains(entry.value) else { return nil }
            return iocValue(file: ioc.file, line: entry.line, key: entry.key, from: entry.value, to: wanted)
        }
    }

    /// Replaces the value of a `key=value` line of the `.ioc`.
    mutating func iocValue(file: String, line: Int, key: String, from old: String, to new: String) -> TextEdit? {
        guard let text = bytes(file), let content = text.line(line) else { return nil }
        let string = String(decoding: content, as: UTF8.self)
        guard let eq = string.firstIndex(of: "="), string[string.index(after: eq)...] == old else { return nil }
        let offset = content.startIndex + string[...eq].utf8.count
        return edit(file, text, offset, old, new)
    }

    func edit(_ file: String, _ text: FileBytes, _ offset: Int, _ original: String, _ replacement: String) -> TextEdit {
        let (line, column) = text.position(of: offset)
        return TextEdit(file: file, offset: offset, original: original, replacement: replacement,
                        range: SourceRange(file: file, line: line, column: column, endLine: line, endColumn: column + original.utf8.count))
    }

    mutating func bytes(_ file: String) -> FileBytes? {
        if let cached = files[file] { return cached }
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : project.root.appendingPathComponent(file)
        let read = FileBytes(url: url)
        files[file] = read
        return read
    }
}
