import Foundation
import H7Model
import H7Report

/// The edits of every applicable autofix of a run, by file, checked against the files as they are now.
public struct FixSet: Sendable {
    public struct FileChange: Sendable {
        /// The project's name in reports: its files are written together.
        public let project: String
        public let url: URL
        public let original: [UInt8]
        public let fixed: [UInt8]
        public let edits: [TextEdit]
    }

    public private(set) var files: [FileChange] = []
    /// Findings whose edits are in `files`.
    public private(set) var fixedFindings = 0
    /// Why a project's files were left alone (changed since the check, edits that overlap, outside the project).
    public private(set) var skipped: [String] = []

    /// Per project: either every edit of every fixable finding is applicable, or none of the project's is made
    /// (a setting changed in some places only would leave the project inconsistent).
    public init(_ reports: [ProjectReport]) {
        for report in reports {
            let root = report.root.standardizedFileURL.resolvingSymlinksInPath().path + "/"
            var byFile: [URL: [TextEdit]] = [:]
            var problems: [String] = []
            let fixable = report.findings.compactMap { $0.autofix }.filter(\.isApplicable)
            for edit in fixable.flatMap(\.edits) {
                // The file a link points at is the one changed, and only inside the project.
                let url = (edit.file.hasPrefix("/") ? URL(fileURLWithPath: edit.file) : report.root.appendingPathComponent(edit.file))
                    .standardizedFileURL.resolvingSymlinksInPath()
                guard url.path.hasPrefix(root) else { problems.append("\(url.path): outside the project"); continue }
                byFile[url, default: []].append(edit)
            }
            var changes: [FileChange] = []
            for (url, edits) in byFile.sorted(by: { $0.key.path < $1.key.path }) {
                let unique = Array(Set(edits)).sorted()
                guard let data = try? Data(contentsOf: url) else { problems.append("\(url.path): cannot be read"); continue }
                let bytes = [UInt8](data)
                if let problem = Self.problem(unique, in: bytes) { problems.append("\(url.path): \(problem)"); continue }
                var fixed = bytes
                for edit in unique.reversed() {
                    fixed.replaceSubrange(edit.offset..<(edit.offset + edit.length), with: Array(edit.replacement.utf8))
                }
                changes.append(FileChange(project: report.name, url: url, original: bytes, fixed: fixed, edits: unique))
            }
            if problems.isEmpty {
                files += changes
                fixedFindings += report.findings.filter { $0.autofix?.isApplicable == true }.count
            } else {
                skipped += problems.map { "\($0) (nothing changed in \(report.name))" }
            }
        }
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

    /// Writes the changed files, a project's all together or none of them. Returns why a project's could not be.
    public func apply() -> [String] {
        var failed: [String] = []
        var order: [String] = []
        var byProject: [String: [FileChange]] = [:]
        for file in files {
            if byProject[file.project] == nil { order.append(file.project) }
            byProject[file.project, default: []].append(file)
        }
        for project in order {
            do {
                try ReportWriter.replaceContents(byProject[project, default: []].map { ($0.url, Data($0.fixed)) })
            } catch let error as H7Error {
                failed.append(error.message)
            } catch {
                failed.append("\(project): \(error)")
            }
        }
        return failed
    }

    /// The changes as a unified diff, paths shown relative to `base`.
    public func diff(base: URL) -> String {
        files.map { UnifiedDiff.render(path: ReportAssembly.display($0.url, base: base), old: $0.original, new: $0.fixed) }.joined()
    }
}
