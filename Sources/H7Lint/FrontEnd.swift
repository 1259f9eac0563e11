import Foundation
import H7Clang
import H7Model

// The front end's types the command line names: it reaches libclang only through this target.
public typealias HeaderMode = H7Clang.HeaderMode
public typealias FactsCache = H7Clang.FactsCache
public typealias ParseObserver = H7Clang.ParseObserver
public typealias VirtualFile = H7Clang.VirtualFile
public typealias ClangLibrary = H7Clang.ClangLibrary

/// What the front end reads from one C file (`h7lint facts`), parsed for `core` with these defines.
public enum FileFacts {
    public static func read(file: URL, core: Core?, defines: [Define], includePaths: [String],
                            knowledge: Knowledge) throws -> SourceFacts {
        try ClangLibrary.require()
        let device = defines.lazy.compactMap { knowledge.device(define: $0.name) }.first
        let parser = SourceParser(knowledge: knowledge, projectRoot: file.deletingLastPathComponent())
        return try parser.parse(ParseRequest(file: file, core: core, device: device, defines: defines,
                                             includePaths: includePaths))
    }
}
