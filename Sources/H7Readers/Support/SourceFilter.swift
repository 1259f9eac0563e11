import Foundation
import H7Model

/// PlatformIO's `build_src_filter` (`+<*> -<cm4/> -<.git/>`): which files of the source folder are compiled.
/// Rules apply in order, the last that matches a file decides; `dir/` covers everything below it.
struct SourceFilter {
    private var rules: [(include: Bool, pattern: String)] = []

    init(_ text: String) {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let sign = rest[..<open].last { !$0.isWhitespace }
            let pattern = rest[rest.index(after: open)..<close].trimmingWhitespace()
            if let sign, sign == "+" || sign == "-" { rules.append((sign == "+", pattern)) }
            rest = rest[rest.index(after: close)...]
        }
    }

    /// Whether `relative` (a path below the source folder) is compiled.
    func includes(_ relative: String) -> Bool {
        var included = false
        for rule in rules where Self.matches(rule.pattern, relative) { included = rule.include }
        return included
    }

    /// `*` matches across folders, as PlatformIO's filter does; `dir` and `dir/` cover the folder's files.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let folder = pattern.hasSuffix("/") ? String(pattern.dropLast()) : pattern
        if path == folder || path.hasPrefix(folder + "/") { return true }
        return fnmatch(pattern, path, 0) == 0 || fnmatch(folder + "/*", path, 0) == 0
    }

    /// The C and C++ files below `folder` the filter leaves out (at most `limit` files are looked at).
    func excluded(below folder: String, limit: Int = 5_000) -> [String] {
        ReadLog.note(folder)
        guard let items = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = [], seen = 0
        while let relative = items.nextObject() as? String, seen < limit {
            seen += 1
            guard SourceKind.isCompilable(relative), !includes(relative) else { continue }
            out.append(folder + "/" + relative)
        }
        return out
    }
}
