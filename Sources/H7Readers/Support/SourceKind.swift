/// Which files count as compiled C/C++ sources.
enum SourceKind {
    static let extensions: Set<String> = ["c", "cc", "cpp", "cxx", "c++"]

    static func isCompilable(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }
}
