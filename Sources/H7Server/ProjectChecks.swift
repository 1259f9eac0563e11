import Foundation
internal import H7Lint
import H7LSP
import H7Model

/// One project's last check.
struct CheckedProject {
    var report: ProjectReport
    /// Every file the check read (resolved paths), to find the project of a document.
    var files: Set<String>
    /// Findings and their diagnostics by file.
    var diagnostics: [String: [(Finding, Diagnostic)]]

    var root: String { FileOverlay.key(report.root.path) }

    func holds(_ path: String) -> Bool {
        files.contains(path) || diagnostics[path] != nil || path.hasPrefix(root + "/")
    }
}

extension LanguageServer {
    /// The projects holding `path`, checked now when a document of theirs changed since.
    func projects(holding path: String) -> [CheckedProject] {
        let known = projects.filter { $0.holds(path) }
        if !known.isEmpty, stale.isDisjoint(with: documents.open.keys.filter { p in known.contains { $0.holds(p) } }) {
            return known
        }
        return check(path)
    }

    /// The diagnostics of one file (checking its project when needed).
    func diagnostics(for path: String) -> [(Finding, Diagnostic)] {
        projects(holding: path).flatMap { $0.diagnostics[path] ?? [] }
    }

    func checkAndPublish(_ path: String) {
        for project in check(path) { publish(project) }
    }

    /// Checks the projects holding `path` as `h7lint check PATH` would, with the open buffers.
    @discardableResult
    func check(_ path: String) -> [CheckedProject] {
        var checker = Checker(knowledge: knowledge, boardOverride: options.board, jobs: 1, cache: cache,
                              headers: HeaderMode(rawValue: options.headers) ?? .standIn, retainFacts: true)
        checker.selection = nil
        cache?.forgetFiles()  // files may have been saved or changed on disk since the last check
        let roots = projects.filter { $0.holds(path) }.map(\.report.root)
        let folders: [URL]
        do {
            folders = roots.isEmpty ? try PathArguments.resolve([path]).folders : roots
        } catch let error as H7Error {
            log(2, error.message)
            return []
        } catch {
            return []
        }
        var checked: [CheckedProject] = []
        for folder in folders {
            do {
                let reports = try checker.check(path: folder).reports
                for report in reports {
                    let lines = FileLines()
                    let mapped = DiagnosticMapping.diagnostics(report, fallback: path, lines: lines)
                    checked.append(CheckedProject(report: report, files: report.readFiles, diagnostics: mapped))
                }
            } catch let error as H7Error {
                log(2, error.message)
            } catch {
                log(1, "\(error)")
            }
        }
        // A file's check is about its own project when a folder holds several.
        let own = checked.filter { $0.holds(path) }
        let result = own.isEmpty ? checked : own
        for project in result {
            projects.removeAll { $0.root == project.root }
            projects.append(project)
        }
        if projects.count > options.projectsKept {
            for dropped in projects.prefix(projects.count - options.projectsKept) { published[dropped.root] = nil }
            projects.removeFirst(projects.count - options.projectsKept)
        }
        for open in documents.open.keys where result.contains(where: { $0.holds(open) }) { stale.remove(open) }
        stale.remove(path)
        return result
    }

    /// Sends the diagnostics of every file of the project, and empty lists for files that had some.
    func publish(_ project: CheckedProject) {
        let before = published[project.root] ?? []
        let now = Set(project.diagnostics.keys)
        // Open documents of the project get a list even when empty (the editor then knows they were checked).
        let open = documents.open.keys.filter { project.holds($0) }
        for file in now.union(before).union(open).sorted() {
            let version = documents.open[file]?.version
            let uri = documents.open[file]?.uri ?? Documents.uri(file)
            connection.notify("textDocument/publishDiagnostics",
                              PublishDiagnosticsParams(uri: uri, version: version, diagnostics: (project.diagnostics[file] ?? []).map(\.1)))
        }
        published[project.root] = now
    }
}
