import Foundation
import H7Model

/// SARIF 2.1.0 for GitHub code scanning and other viewers. Paths are relative to the source root with
/// `uriBaseId: %SRCROOT%`; `partialFingerprints` come from `Fingerprints`, not from line numbers.
/// No `automationDetails`: upload-sarif's `category` input would not override it.
public struct SARIFReporter: Reporter {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    static let srcroot = "%SRCROOT%"
    /// Parse notes per project put in the SARIF (libclang can report hundreds when headers are missing).
    static let maxNotesPerProject = 10

    public init() {}

    public func render(_ run: RunReport) -> String {
        let docs = run.knowledge.ruleDocs.values.sorted { $0.id < $1.id }
        let index = Dictionary(uniqueKeysWithValues: docs.enumerated().map { ($1.id, $0) })
        let results = run.projects.flatMap { project in project.findings.map { result($0, project: project, index: index) } }
        let invocation = JSONValue.obj([
            "executionSuccessful": .bool(run.executionSuccessful),
            "toolExecutionNotifications": notifications(run).nonEmpty,
        ])
        let runValue = JSONValue.obj([
            "tool": .obj(["driver": .obj([
                "name": .string(ToolInfo.name),
                "semanticVersion": .string(H7LintVersion.current),
                "informationUri": .string(ToolInfo.informationURI),
                "rules": .array(docs.map { rule($0, run: run) }),
            ])]),
            "originalUriBaseIds": .obj([Self.srcroot: .obj(["uri": .string(Self.directoryURI(run.sourceRoot))])]),
            "columnKind": .string("utf16CodeUnits"),
            "invocations": .array([invocation]),
            "results": .array(results),
        ])
        return JSONValue.obj([
            "$schema": .string(Self.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([runValue]),
        ]).rendered()
    }

    func rule(_ doc: RuleDoc, run: RunReport) -> JSONValue {
        let knowledge = run.knowledge
        let implemented = run.implementedRules.contains(doc.id)
        return .obj([
            "id": .string(doc.id),
            "name": .string(Self.camelCase(doc.title)),
            "shortDescription": .obj(["text": .string(Self.limit(doc.title))]),
            "fullDescription": .obj(["text": .string(Self.limit(doc.summary))]),
            "help": .obj([
                "text": .string(RuleHelp.text(doc, knowledge: knowledge, implemented: implemented)),
                "markdown": .string(RuleHelp.markdown(doc, knowledge: knowledge, implemented: implemented)),
            ]),
            "helpUri": .string(RuleHelp.uri(doc.id)),
            "defaultConfiguration": .obj(["level": .string(Self.level(doc.severity))]),
            "properties": .obj([
                "tags": .strings(["stm32h7", RuleHelp.family(doc.id)]),
                "problem.severity": .string(doc.severity == .note ? "recommendation" : doc.severity.rawValue),
            ]),
        ])
    }

    func result(_ item: ReportFinding, project: ReportProject, index: [String: Int]) -> JSONValue {
        let f = item.finding
        var text = f.message
        if !item.related.isEmpty {
            let links = item.related.enumerated().map { n, r in "[\(Self.escapeLinkText(r.message))](\(n + 1))" }
            text += ". See also: " + links.joined(separator: "; ")
        }
        if !f.notes.isEmpty { text += ". Notes: " + f.notes.joined(separator: "; ") }
        if let fix = f.fix { text += ". Fix: \(fix)" }
        let primary = item.location.map { physical($0) }
            ?? .obj(["artifactLocation": artifact(project.path.hasSuffix("/") ? project.path : project.path + "/")])
        return .obj([
            "ruleId": .string(f.ruleID),
            "ruleIndex": index[f.ruleID].map(JSONValue.int),
            "level": .string(Self.level(f.severity)),
            "message": .obj(["text": .string(text)]),
            "locations": .array([.obj(["physicalLocation": primary])]),
            "relatedLocations": JSONValue.array(item.related.enumerated().map { n, r in
                .obj(["id": .int(n + 1), "message": .obj(["text": .string(r.message)]), "physicalLocation": physical(r.location)])
            }).nonEmpty,
            "fixes": fixes(item),
            "partialFingerprints": .obj(["h7lint/v1": .string(item.fingerprint), "primaryLocationLineHash": .string(item.lineHash)]),
            "properties": .obj(["project": .string(project.name), "core": .str(f.core?.rawValue)]),
        ])
    }

    /// SARIF `fixes`: one fix with its replacements grouped per file; nil when `--fix` cannot fix the finding.
    func fixes(_ item: ReportFinding) -> JSONValue? {
        guard let fix = item.finding.autofix, !item.fixEdits.isEmpty else { return nil }
        var order: [String] = []
        var byPath: [String: [JSONValue]] = [:]
        for (location, edit) in item.fixEdits {
            if byPath[location.path] == nil { order.append(location.path) }
            byPath[location.path, default: []].append(.obj([
                "deletedRegion": region(location),
                "insertedContent": .obj(["text": .string(edit.replacement)]),
            ]))
        }
        return .array([.obj([
            "description": .obj(["text": .string(fix.description)]),
            "artifactChanges": .array(order.map { path in
                .obj(["artifactLocation": artifact(path), "replacements": .array(byPath[path] ?? [])])
            }),
        ])])
    }

    func notifications(_ run: RunReport) -> JSONValue {
        var items: [JSONValue] = []
        for project in run.projects {
            if let error = project.error {
                items.append(.obj([
                    "level": .string("error"),
                    "message": .obj(["text": .string(error)]),
                    "locations": .array([.obj(["physicalLocation": .obj(["artifactLocation": artifact(project.path + "/")])])]),
                ]))
            }
            for note in project.notes.prefix(Self.maxNotesPerProject) {
                items.append(.obj([
                    "level": .string("note"),
                    "message": .obj(["text": .string("\(project.name): \(note.message)")]),
                    "locations": note.location.map { JSONValue.array([.obj(["physicalLocation": physical($0)])]) },
                ]))
            }
            if project.notes.count > Self.maxNotesPerProject {
                items.append(.obj(["level": .string("note"),
                                   "message": .obj(["text": .string("\(project.name): \(project.notes.count - Self.maxNotesPerProject) more parse notes")])]))
            }
        }
        return .array(items)
    }

    func physical(_ l: ReportLocation) -> JSONValue {
        .obj(["artifactLocation": artifact(l.path), "region": region(l)])
    }

    func artifact(_ path: String) -> JSONValue {
        if path.hasPrefix("/") { return .obj(["uri": .string("file://" + Self.percentEncoded(path))]) }
        return .obj(["uri": .string(Self.percentEncoded(path)), "uriBaseId": .string(Self.srcroot)])
    }

    /// Start and end, 1-based, end column exclusive; a range with no width covers the rest of its line.
    func region(_ l: ReportLocation) -> JSONValue {
        let r = l.range
        let line = max(1, r.line), endLine = max(line, r.endLine)
        let column = Self.utf16Column(max(1, r.column), in: l.lineText)
        var endColumn = endLine == line ? Self.utf16Column(max(1, r.endColumn), in: l.lineText) : max(1, r.endColumn)
        if endLine == line && endColumn <= column {
            endColumn = max(column + 1, (l.lineText?.utf16.count ?? 0) + 1)
        }
        return .obj(["startLine": .int(line), "startColumn": .int(column), "endLine": .int(endLine), "endColumn": .int(endColumn)])
    }

    static func level(_ s: Severity) -> String { s.rawValue }

    /// Byte column (as clang counts) to UTF-16 column (SARIF's default column kind).
    static func utf16Column(_ byteColumn: Int, in text: String?) -> Int {
        guard let text, byteColumn > 1 else { return byteColumn }
        let bytes = Array(text.utf8)
        guard byteColumn - 1 <= bytes.count else { return byteColumn - bytes.count + text.utf16.count }
        return String(decoding: bytes[..<(byteColumn - 1)], as: UTF8.self).utf16.count + 1
    }

    static func directoryURI(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        return "file://" + percentEncoded(path.hasSuffix("/") ? path : path + "/")
    }

    /// Percent-encodes all but unreserved characters and '/', so any file name is a valid URI reference.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~/".contains(c)) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func camelCase(_ title: String) -> String {
        title.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// GitHub caps descriptions at 1024 characters.
    static func limit(_ text: String) -> String {
        let clean = text.trimmingWhitespaceAndNewlines()
        return clean.count <= 1024 ? clean : String(clean.prefix(1021)) + "..."
    }

    static func escapeLinkText(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }
}

extension JSONValue {
    /// nil for an empty array, so optional SARIF arrays are left out.
    var nonEmpty: JSONValue? {
        if case .array(let items) = self, items.isEmpty { return nil }
        return self
    }
}
