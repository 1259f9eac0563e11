import Foundation
import H7Model
import H7Report

/// The edits of every applicable autofix of a run, by file, checked against the files as they are now.
public struct FixSet: Sendable {
    public struct FileChange: Sendable {
        /// The projects whose fix this is, as reports name them: their files are written together.
        public let group: String
        public let url: URL
        public let original: [UInt8]
        public let fixed: [UInt8]
        public let edits: [TextEdit]
    }

    public private(set) var files: [FileChange] = []
    /// Findings whose edits are in `files`, per write group.
    private var findingsByGroup: [String: Int] = [:]
    /// Why a project's files were left alone (changed since the check, edits that overlap, outside the project,
    /// read by another project that does not make the same change), paths relative to `base`.
    public private(set) var skipped: [String] = []
    /// Files an interrupted `--fix` left beside the files this one would change.
    public private(set) var leftovers: [String] = []
    let base: URL

    /// Per project: either every edit of every fixable finding is applicable, or none of the project's is made
    /// (a setting changed in some places only would leave the project inconsistent).
    public init(_ reports: [ProjectReport], base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.base = base
        var planned: [(report: ProjectReport, changes: [URL: FileChange], problems: [String])] = reports.map { plan($0) }
        // A file outside a project is changed only as part of the project it lies in, which must make the same change.
        for i in planned.indices {
            for (url, change) in planned[i].changes where !Self.contains(reports[i], url) {
                let owner = planned.indices.first { Self.contains(reports[$0], url) && planned[$0].changes[url]?.fixed == change.fixed }
                if owner == nil { planned[i].problems.append("\(show(url)): outside the project") }
            }
        }
        // A file other projects read is changed only when each of them makes exactly the same change; those
        // projects are then written together.
        var groupOf = Array(planned.indices)
        for i in planned.indices where planned[i].problems.isEmpty {
            for (url, change) in planned[i].changes {
                for j in planned.indices where j != i && (reports[j].readFiles.contains(url.path) || Self.contains(reports[j], url)) {
                    if planned[j].changes[url]?.fixed != change.fixed || !planned[j].problems.isEmpty {
                        planned[i].problems.append("\(show(url)): \(reports[j].name) reads it too and does not make the same change")
                    } else {
                        let (a, b) = (groupOf[i], groupOf[j])
                        for k in groupOf.indices where groupOf[k] == b { groupOf[k] = a }
                    }
                }
            }
        }
        // A group is written only when none of its projects has a problem.
        let failedGroups = Set(planned.indices.filter { !planned[$0].problems.isEmpty }.map { groupOf[$0] })
        var written: Set<URL> = []
        for (i, entry) in planned.enumerated() {
            let members = planned.indices.filter { groupOf[$0] == groupOf[i] }
            let group = members.map { reports[$0].name }.joined(separator: " + ")
            if !entry.problems.isEmpty || failedGroups.contains(groupOf[i]) {
                if !entry.changes.isEmpty {
                    let why = entry.problems.isEmpty ? ["a project that shares its files cannot be fixed"] : entry.problems
                    skipped += why.map { "\($0) (nothing changed in \(entry.report.name))" }
                }
                continue
            }
            for (url, change) in entry.changes.sorted(by: { $0.key.path < $1.key.path }) where written.insert(url).inserted {
                files.append(FileChange(group: group, url: url, original: change.original, fixed: change.fixed, edits: change.edits))
            }
            findingsByGroup[group, default: 0] += entry.report.findings.filter { $0.autofix?.isApplicable == true }.count
        }
        leftovers = FileReplacer.leftovers(in: Set(files.map { $0.url.deletingLastPathComponent().path })).map { show(URL(fileURLWithPath: $0)) }
    }

    /// One project's file changes, or why they cannot be made.
    func plan(_ report: ProjectReport) -> (report: ProjectReport, changes: [URL: FileChange], problems: [String]) {
        var byFile: [URL: [TextEdit]] = [:]
        var problems: [String] = []
        let root = report.root.standardizedFileURL.resolvingSymlinksInPath()
        for edit in report.findings.compactMap(\.autofix).filter(\.isApplicable).flatMap(\.edits) {
            let named = (edit.file.hasPrefix("/") ? URL(fileURLWithPath: edit.file) : root.appendingPathComponent(edit.file)).standardizedFileURL
            let url = named.resolvingSymlinksInPath()
            // A file reached through a link (a monorepo's shared makefile) may be shared beyond this run: never changed.
            if url.path != named.path {
                problems.append("\(show(named)): a symbolic link to \(show(url)) (other projects may share it)")
                continue
            }
            byFile[url, default: []].append(edit)
        }
        var changes: [URL: FileChange] = [:]
        for (url, edits) in byFile {
            let unique = Array(Set(edits)).sorted()
            guard let data = try? Data(contentsOf: url) else { problems.append("\(show(url)): cannot be read"); continue }
            let bytes = [UInt8](data)
            if let problem = Self.problem(unique, in: bytes) { problems.append("\(show(url)): \(problem)"); continue }
            var fixed = bytes
            for edit in unique.reversed() {
                fixed.replaceSubrange(edit.offset..<(edit.offset + edit.length), with: Array(edit.replacement.utf8))
            }
            changes[url] = FileChange(group: report.name, url: url, original: bytes, fixed: fixed, edits: unique)
        }
        return (report, changes, problems.sorted())
    }

    /// Whether a file lies in a project's folder.
    static func contains(_ report: ProjectReport, _ url: URL) -> Bool {
        url.path.hasPrefix(report.root.standardizedFileURL.resolvingSymlinksInPath().path + "/")
    }

    /// Why the edits cannot be applied to these bytes: text no longer where it was, or two edits on the same bytes.
    static func problem(_ edits: [TextEdit], in bytes: [UInt8]) -> String? {
        var end = 0
        for edit in edits {
            if edit.offset < end { return "two fixes change the same text at line \(edit.range.line)" }
            guard edit.offset + edit.length <= bytes.count,
                  bytes[edit.offset..<(edit.offset + edit.length)].elementsEqual(edit.original.utf8) else {
                return "changed since it was checked (line \(edit.range.line) no longer reads '\(edit.original)')"
            }
            end = edit.offset + edit.length
        }
        return nil
    }

    public var editCount: Int { files.reduce(0) { $0 + $1.edits.count } }
    public var fixedFindings: Int { findingsByGroup.values.reduce(0, +) }

    /// What one `apply` did: counts of what was really written, and why a group's files were not.
    public struct Applied: Sendable {
        public var findings = 0
        public var edits = 0
        public var files = 0
        public var failed: [String] = []
    }

    /// Writes the changed files, a group's all together or none of them.
    public func apply() -> Applied {
        var applied = Applied()
        var order: [String] = []
        var byGroup: [String: [FileChange]] = [:]
        for file in files {
            if byGroup[file.group] == nil { order.append(file.group) }
            byGroup[file.group, default: []].append(file)
        }
        for group in order {
            let changes = byGroup[group, default: []]
            do {
                try FileReplacer.replace(changes.map { FileReplacer.Change(url: $0.url, original: $0.original, fixed: $0.fixed) })
                applied.findings += findingsByGroup[group] ?? 0
                applied.edits += changes.reduce(0) { $0 + $1.edits.count }
                applied.files += changes.count
            } catch let error as H7Error {
                applied.failed.append(relativeMessage(error.message))
            } catch {
                applied.failed.append("\(group): \(error)")
            }
        }
        return applied
    }

    /// The changes as a unified diff, paths shown relative to `base`.
    public func diff() -> [UInt8] {
        files.flatMap { UnifiedDiff.render(path: show($0.url), old: $0.original, new: $0.fixed) }
    }

    /// A path as reports show it: relative to the current folder when below it.
    func show(_ url: URL) -> String { ReportAssembly.display(url, base: base) }

    /// A writer's message with the absolute path that starts it shown relative.
    func relativeMessage(_ message: String) -> String {
        guard message.hasPrefix("/"), let colon = message.firstIndex(of: ":") else { return message }
        return show(URL(fileURLWithPath: String(message[..<colon]))) + message[colon...]
    }
}
