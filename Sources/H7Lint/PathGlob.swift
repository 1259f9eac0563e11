import H7Model

/// Path patterns of `.h7lint.yml` (`exclude:`, `ignore: file:`), relative to the config file's folder:
/// `*` and `?` stay inside one folder name, `**` spans folders, a pattern that names a folder covers
/// everything in it (`Legacy`, `Legacy/`, `Legacy/**`), and one without `/` matches at any depth (`*.s`).
enum PathGlob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.hasSuffix("/") { p.removeLast() }
        var patternParts = p.split(separator: "/").map(String.init)
        if patternParts.count == 1 && patternParts[0] != "**" { patternParts.insert("**", at: 0) }
        let pathParts = path.split(separator: "/").map(String.init)
        guard !patternParts.isEmpty, !pathParts.isEmpty else { return false }
        // A match of a leading part of the path covers what is inside it.
        return (1...pathParts.count).contains { match(patternParts[...], pathParts[..<$0]) }
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            return (path.startIndex...path.endIndex).contains { match(rest, path[$0...]) }
        }
        guard let head = path.first, Glob.matches(first, head) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
